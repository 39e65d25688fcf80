-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0026_operator_and_period_close.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Who did it and period close (issue 11 items 5 and 7; docs/architecture.md Decision 1 and "Period close").
--
-- import_batch is not a ledger table (it has no batch_id and line), so columns can be added to it without changing any
-- stored row's digest. Batches written before this migration keep chain_version 1 (no operator; their chain_hash
-- covers prev, id, layout, file sha256 and digest, and still verifies). From this migration on every batch is
-- chain_version 2: its chain_hash also covers the operator and imported_at (the injected clock's time), so editing
-- either breaks the chain like editing a row would. A version-1 batch after a version-2 batch is a broken link.
ALTER TABLE import_batch ADD COLUMN operator text COLLATE "C";
ALTER TABLE import_batch ADD COLUMN chain_version bigint NOT NULL DEFAULT 1;

-- traza close / traza reopen (SPEC §5): one row per action, each its own batch (layouts `close` and `reopen`), so the
-- closed periods are a ledger table like any other: digested, chained, append-only. The closed state is the replay of
-- these rows in batch order (Traza.App.Periods.ClosedPeriods).
CREATE TABLE period_close (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    seq        bigint NOT NULL, -- the id of the batch that recorded the action
    action     text COLLATE "C"    NOT NULL, -- close | reopen
    period     text COLLATE "C"    NOT NULL, -- YYYY-MM
    reason     text COLLATE "C",             -- reopen: why (required); close: NULL
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, seq)
);
CREATE INDEX period_close_batch ON period_close (batch_id, line);
