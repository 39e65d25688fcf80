-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0028_derived_digest.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Derived discharge data gains a digest (issue 11 item 6, SPEC §7 "covered by `audit verify` by recomputation or digest";
-- docs/architecture.md Decision 2): discharge_run.derived_digest holds, per derived table, its row count and the sum modulo
-- 2^256 of the SHA-256 of each row's canonical bytes (DerivedDigest), the run row itself included. `traza audit verify`
-- recomputes the sums over every stored row. Runs stored before this migration have no digest and cannot be verified, so
-- they are dropped here and rebuilt by the next `traza discharge` (as 0021-0023 did): after this migration a run without
-- a digest can only be an altered one, and audit verify says so (exit 5).

ALTER TABLE discharge_run ADD COLUMN derived_digest text COLLATE "C";

DELETE FROM discharge_run;
DELETE FROM discharge_pool;
DELETE FROM discharge_alloc;
DELETE FROM discharge_shortage;
DELETE FROM discharge_waste_disposal;
DELETE FROM discharge_finding;
DELETE FROM discharge_catalog;
