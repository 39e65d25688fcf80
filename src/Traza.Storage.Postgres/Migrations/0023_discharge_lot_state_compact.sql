-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0023_discharge_lot_state_compact.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data: discharge_pool.lot_state holds lot states in the compact form of LotStateCodec (LEB128 varints,
-- about 9 bytes per lot) instead of 40 fixed bytes (migration 0010), so a tail of a few open lots fits in its b-tree cell
-- and a daily incremental run rewrites fewer pages (docs/architecture.md Decision 2). Derived data only: the previous
-- run is dropped here and rebuilt by the next `traza discharge`.

DELETE FROM discharge_run;
DELETE FROM discharge_shortage;
DELETE FROM discharge_waste_disposal;
DELETE FROM discharge_finding;
DELETE FROM discharge_alloc;
DELETE FROM discharge_pool;
