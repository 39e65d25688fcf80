-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0024_discharge_catalog.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data: the catalog a full run used (parts and BOM rows mapped to the engine's indexes, CatalogCodec),
-- so the incremental runs that follow read one blob instead of every part and BOM row (docs/architecture.md Decision 2).
-- Written by each full run; parts and BOM imports force the next run to be full.
CREATE TABLE discharge_catalog (
    program_id bigint NOT NULL PRIMARY KEY,
    data       bytea    NOT NULL
);
