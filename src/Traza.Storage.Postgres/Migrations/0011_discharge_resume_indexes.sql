-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0011_discharge_resume_indexes.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Indexes an incremental discharge reads through (docs/architecture.md Decision 2): the exits dated on or after the
-- resume date, and the allocation chunks of the resume month on. A full discharge drops and rebuilds the chunk
-- indexes around its bulk insert.
CREATE INDEX exit_date ON exit (program_id, date);
CREATE INDEX discharge_alloc_period ON discharge_alloc (program_id, period);
