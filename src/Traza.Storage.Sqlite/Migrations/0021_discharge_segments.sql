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
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    part       TEXT    NOT NULL,
    segment    INTEGER NOT NULL, -- 0 head, 1 tail
    first_lot  INTEGER NOT NULL,
    run_id     INTEGER NOT NULL,
    lot_keys   TEXT    NOT NULL, -- one "pedimento<TAB>partida" per line, FIFO order
    lot_state  BLOB    NOT NULL, -- 40 bytes per lot (migration 0010)
    PRIMARY KEY (program_id, client, part, segment)
) WITHOUT ROWID;

-- last_day (the day number of the chunk's last allocation) comes before the blob, so finding the pools with allocations
-- on or after a date reads no overflow pages.
CREATE TABLE discharge_alloc (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    part        TEXT    NOT NULL,
    period      INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    last_day    INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    allocations BLOB    NOT NULL
);
CREATE UNIQUE INDEX discharge_alloc_key ON discharge_alloc (program_id, client, part, period, seq);
CREATE INDEX discharge_alloc_period ON discharge_alloc (program_id, period, last_day);
