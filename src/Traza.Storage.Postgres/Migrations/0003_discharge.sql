-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0003_discharge.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data (docs/architecture.md Decision 2): a deterministic function of the ledger, replaced
-- whole by each discharge run. Allocations are packed per pool (client, part) in BLOBs, not one row each.

CREATE TABLE discharge_run (
    program_id   bigint NOT NULL,
    id           bigint NOT NULL,
    as_of        text COLLATE "C"    NOT NULL,
    ledger_head  text COLLATE "C"    NOT NULL, -- chain_hash of the last import batch the run saw
    started_at   text COLLATE "C"    NOT NULL,
    finished_at  text COLLATE "C"    NOT NULL,
    consumptions bigint NOT NULL,
    allocations  bigint NOT NULL,
    shortages    bigint NOT NULL,
    PRIMARY KEY (program_id, id)
);

-- One row per pool. lot_keys: the pool's lots in FIFO order, one "pedimento<TAB>partida" per line.
-- lot_totals: per lot, 4 little-endian int64 micro-UMC values: entered, discharged, waste, waste disposed.
-- allocations: 32-byte records in processing order: movement (int64: batch_id << 32 | line), movement day
-- (int32, DateOnly.DayNumber), lot index in lot_keys (int32), qty (int64 micro-UMC), waste (int64 micro-UMC).
CREATE TABLE discharge_pool (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    run_id      bigint NOT NULL,
    lot_keys    text COLLATE "C"    NOT NULL,
    lot_totals  bytea    NOT NULL,
    allocations bytea    NOT NULL,
    PRIMARY KEY (program_id, client, part)
);

-- Need that no lot covered, per (movement, leaf part); qty as exact TEXT decimal.
CREATE TABLE discharge_shortage (
    program_id    bigint NOT NULL,
    client        text COLLATE "C"    NOT NULL,
    movement      bigint NOT NULL,
    part          text COLLATE "C"    NOT NULL,
    movement_kind text COLLATE "C"    NOT NULL, -- exit | event
    document      text COLLATE "C"    NOT NULL, -- exit pedimento/document, or the event's reference
    date          text COLLATE "C"    NOT NULL,
    qty           text COLLATE "C"    NOT NULL,
    PRIMARY KEY (program_id, client, movement, part)
);

-- Waste disposed of by waste events, per lot.
CREATE TABLE discharge_waste_disposal (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    movement   bigint NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    date       text COLLATE "C"    NOT NULL,
    qty        text COLLATE "C"    NOT NULL,
    PRIMARY KEY (program_id, client, movement, part, pedimento, partida)
);

-- Findings of the run (directed_source_short, waste_disposal_exceeds_balance, negative_adjustment).
CREATE TABLE discharge_finding (
    program_id bigint NOT NULL,
    seq        bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    code       text COLLATE "C"    NOT NULL,
    movement   bigint NOT NULL,
    document   text COLLATE "C"    NOT NULL,
    date       text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL, -- the named lot, when there is one
    partida    bigint,
    qty        text COLLATE "C"    NOT NULL,
    detail     text COLLATE "C"    NOT NULL,
    PRIMARY KEY (program_id, seq)
);

-- Facts about the database itself (e.g. created_by = traza demo, so the demo may replace only its own files).
-- PostgreSQL keys it by program_id like every other table (a database may hold several programs, docs/scaling.md);
-- SQLite's has no program_id (one program per file).
CREATE TABLE app_meta (
    program_id bigint          NOT NULL,
    key        text COLLATE "C" NOT NULL,
    value      text COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, key)
);
