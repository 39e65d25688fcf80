-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0010_discharge_chunks.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data, second form (docs/architecture.md Decision 2): allocations move out of the pool row into
-- chunks per (pool, month) in a compact varint encoding (AllocationCodec), so an incremental discharge rewrites
-- only the months it touches and custody of one exit reads one chunk per leaf. Derived data only: the previous run
-- is dropped here and rebuilt by the next `traza discharge`.

DELETE FROM discharge_run;
DELETE FROM discharge_shortage;
DELETE FROM discharge_waste_disposal;
DELETE FROM discharge_finding;
DROP TABLE discharge_pool;

ALTER TABLE discharge_run ADD COLUMN last_batch bigint NOT NULL DEFAULT 0; -- the last import batch the run saw
ALTER TABLE discharge_run ADD COLUMN day_counts bytea;                       -- per movement day: int32 day, int64 consumptions, int64 allocations

-- One row per pool. lot_keys: the pool's lots in FIFO order, one "pedimento<TAB>partida" per line.
-- lot_state: per lot, 40 bytes little-endian: entered, discharged, waste, waste disposed (int64 micro-UMC),
-- entry day (int32 DateOnly.DayNumber), flags (int32: 1 fixed asset, 2 NAC stock).
CREATE TABLE discharge_pool (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    run_id     bigint NOT NULL,
    lot_keys   text COLLATE "C"    NOT NULL,
    lot_state  bytea    NOT NULL,
    PRIMARY KEY (program_id, client, part)
);

-- The allocations of one pool whose movements are dated in one month (period = YYYYMM), in processing order.
-- A rowid table: its rows are large. The unique index is dropped and rebuilt around a full run's bulk insert.
CREATE TABLE discharge_alloc (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    period      bigint NOT NULL,
    count       bigint NOT NULL,
    allocations bytea    NOT NULL
);
CREATE UNIQUE INDEX discharge_alloc_key ON discharge_alloc (program_id, client, part, period);
