-- Who did it and period close (issue 11 items 5 and 7; docs/architecture.md Decision 1 and "Period close").
--
-- import_batch is not a ledger table (it has no batch_id and line), so columns can be added to it without changing any
-- stored row's digest. Batches written before this migration keep chain_version 1 (no operator; their chain_hash
-- covers prev, id, layout, file sha256 and digest, and still verifies). From this migration on every batch is
-- chain_version 2: its chain_hash also covers the operator and imported_at (the injected clock's time), so editing
-- either breaks the chain like editing a row would. A version-1 batch after a version-2 batch is a broken link.
ALTER TABLE import_batch ADD COLUMN operator TEXT;
ALTER TABLE import_batch ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;

-- traza close / traza reopen (SPEC §5): one row per action, each its own batch (layouts `close` and `reopen`), so the
-- closed periods are a ledger table like any other: digested, chained, append-only. The closed state is the replay of
-- these rows in batch order (Traza.App.Periods.ClosedPeriods).
CREATE TABLE period_close (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    seq        INTEGER NOT NULL, -- the id of the batch that recorded the action
    action     TEXT    NOT NULL, -- close | reopen
    period     TEXT    NOT NULL, -- YYYY-MM
    reason     TEXT,             -- reopen: why (required); close: NULL
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, seq)
) WITHOUT ROWID;
CREATE INDEX period_close_batch ON period_close (batch_id, line);
