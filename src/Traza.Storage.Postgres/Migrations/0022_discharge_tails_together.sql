-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0022_discharge_tails_together.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data: discharge_pool's key leads with the segment (migration 0021), so the tails — a few open lots
-- per pool — lie together, apart from the heads. A daily incremental run reads and rewrites a few MB of tails instead
-- of touching pages of the whole table (docs/architecture.md Decision 2). Every pool has both rows (a segment may be
-- empty). Derived data only: the previous run is dropped here and rebuilt by the next `traza discharge`.

DELETE FROM discharge_run;
DELETE FROM discharge_shortage;
DELETE FROM discharge_waste_disposal;
DELETE FROM discharge_finding;
DELETE FROM discharge_alloc;
DROP TABLE discharge_pool;

CREATE TABLE discharge_pool (
    program_id bigint NOT NULL,
    segment    bigint NOT NULL, -- 0 head, 1 tail
    client     text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    first_lot  bigint NOT NULL,
    run_id     bigint NOT NULL,
    lot_keys   text COLLATE "C"    NOT NULL, -- one "pedimento<TAB>partida" per line, FIFO order
    lot_state  bytea    NOT NULL, -- 40 bytes per lot (migration 0010)
    PRIMARY KEY (program_id, segment, client, part)
);
