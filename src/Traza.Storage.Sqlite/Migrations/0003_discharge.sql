-- Derived discharge data (docs/architecture.md Decision 2): a deterministic function of the ledger, replaced
-- whole by each discharge run. Allocations are packed per pool (client, part) in BLOBs, not one row each.

CREATE TABLE discharge_run (
    program_id   INTEGER NOT NULL,
    id           INTEGER NOT NULL,
    as_of        TEXT    NOT NULL,
    ledger_head  TEXT    NOT NULL, -- chain_hash of the last import batch the run saw
    started_at   TEXT    NOT NULL,
    finished_at  TEXT    NOT NULL,
    consumptions INTEGER NOT NULL,
    allocations  INTEGER NOT NULL,
    shortages    INTEGER NOT NULL,
    PRIMARY KEY (program_id, id)
) WITHOUT ROWID;

-- One row per pool. lot_keys: the pool's lots in FIFO order, one "pedimento<TAB>partida" per line.
-- lot_totals: per lot, 4 little-endian int64 micro-UMC values: entered, discharged, waste, waste disposed.
-- allocations: 32-byte records in processing order: movement (int64: batch_id << 32 | line), movement day
-- (int32, DateOnly.DayNumber), lot index in lot_keys (int32), qty (int64 micro-UMC), waste (int64 micro-UMC).
CREATE TABLE discharge_pool (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    part        TEXT    NOT NULL,
    run_id      INTEGER NOT NULL,
    lot_keys    TEXT    NOT NULL,
    lot_totals  BLOB    NOT NULL,
    allocations BLOB    NOT NULL,
    PRIMARY KEY (program_id, client, part)
) WITHOUT ROWID;

-- Need that no lot covered, per (movement, leaf part); qty as exact TEXT decimal.
CREATE TABLE discharge_shortage (
    program_id    INTEGER NOT NULL,
    client        TEXT    NOT NULL,
    movement      INTEGER NOT NULL,
    part          TEXT    NOT NULL,
    movement_kind TEXT    NOT NULL, -- exit | event
    document      TEXT    NOT NULL, -- exit pedimento/document, or the event's reference
    date          TEXT    NOT NULL,
    qty           TEXT    NOT NULL,
    PRIMARY KEY (program_id, client, movement, part)
) WITHOUT ROWID;

-- Waste disposed of by waste events, per lot.
CREATE TABLE discharge_waste_disposal (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    movement   INTEGER NOT NULL,
    part       TEXT    NOT NULL,
    pedimento  TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    date       TEXT    NOT NULL,
    qty        TEXT    NOT NULL,
    PRIMARY KEY (program_id, client, movement, part, pedimento, partida)
) WITHOUT ROWID;

-- Findings of the run (directed_source_short, waste_disposal_exceeds_balance, negative_adjustment).
CREATE TABLE discharge_finding (
    program_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    movement   INTEGER NOT NULL,
    document   TEXT    NOT NULL,
    date       TEXT    NOT NULL,
    part       TEXT    NOT NULL,
    pedimento  TEXT    NOT NULL, -- the named lot, when there is one
    partida    INTEGER,
    qty        TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    PRIMARY KEY (program_id, seq)
) WITHOUT ROWID;

-- Facts about the database itself (e.g. created_by = traza demo, so the demo may replace only its own files).
CREATE TABLE app_meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
