-- Issue 12, SPEC §4.2 and §8 (Data Stage ingest on PostgreSQL): ds_501 and ds_551 keep each row's content hash
-- (FNV-1a 64 as 16 hex digits, the value SQLite's blocks keep per row and the other ds tables keep as row_hash), so a
-- merge decides "identical row" exactly as SQLite's DataStageBlockStore.Keep does — by the hash of the layout's values,
-- dates normalized — instead of comparing the stored columns, which differ for the same row delivered with '/' instead of
-- '-' in its dates. PostgresDataStageWriter reads it to fold a package's rows into the stored ones.
-- Rows stored before this migration have no hash (NULL): a merge treats them as different from any incoming row.
-- The column comes last, after raw, as the SQLite twin's views put it.
ALTER TABLE ds_501 ADD COLUMN row_hash text COLLATE "C";
ALTER TABLE ds_551 ADD COLUMN row_hash text COLLATE "C";
