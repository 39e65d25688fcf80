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
    program_id INTEGER NOT NULL,
    segment    INTEGER NOT NULL, -- 0 head, 1 tail
    client     TEXT    NOT NULL,
    part       TEXT    NOT NULL,
    first_lot  INTEGER NOT NULL,
    run_id     INTEGER NOT NULL,
    lot_keys   TEXT    NOT NULL, -- one "pedimento<TAB>partida" per line, FIFO order
    lot_state  BLOB    NOT NULL, -- 40 bytes per lot (migration 0010)
    PRIMARY KEY (program_id, segment, client, part)
) WITHOUT ROWID;
