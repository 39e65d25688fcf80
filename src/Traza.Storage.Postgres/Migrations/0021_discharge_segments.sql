-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0021_discharge_segments.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data, third form (docs/architecture.md Decision 2): each pool's lots are stored in two segments,
-- so a daily incremental discharge reads and rewrites only the lots it can still move. Segment 0 (head) holds the lots
-- before the first one with quantity left to discharge; segment 1 (tail) holds that lot and every later one, in FIFO
-- order. first_lot is the index of the segment's first lot in the whole pool (allocations name lots by that index).
-- Allocation chunks (migration 0010) gain seq and last_day. seq: an incremental run that only appends allocations to a month writes a further chunk for
-- it, numbered by the day it resumed from, instead of rewriting the stored one (seq 0); a month's chunks read in seq
-- order are its allocations in processing order.
-- Derived data only: the previous run is dropped here and rebuilt by the next `traza discharge`.

DELETE FROM discharge_run;
DELETE FROM discharge_shortage;
DELETE FROM discharge_waste_disposal;
DELETE FROM discharge_finding;
DROP TABLE discharge_pool;
DROP TABLE discharge_alloc;

CREATE TABLE discharge_pool (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    segment    bigint NOT NULL, -- 0 head, 1 tail
    first_lot  bigint NOT NULL,
    run_id     bigint NOT NULL,
    lot_keys   text COLLATE "C"    NOT NULL, -- one "pedimento<TAB>partida" per line, FIFO order
    lot_state  bytea    NOT NULL, -- 40 bytes per lot (migration 0010)
    PRIMARY KEY (program_id, client, part, segment)
);

-- last_day (the day number of the chunk's last allocation) comes before the blob, so finding the pools with allocations
-- on or after a date reads no overflow pages.
CREATE TABLE discharge_alloc (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    period      bigint NOT NULL,
    seq         bigint NOT NULL,
    last_day    bigint NOT NULL,
    count       bigint NOT NULL,
    allocations bytea    NOT NULL
);
CREATE UNIQUE INDEX discharge_alloc_key ON discharge_alloc (program_id, client, part, period, seq);
CREATE INDEX discharge_alloc_period ON discharge_alloc (program_id, period, last_day);
