-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0020_government_blocks.sql: deliberately empty.
--
-- SQLite moved Data Stage rows into Brotli blocks (ds_block) behind ds_501 ... ds_inci views, because SQLite's write
-- time grows with the bytes written (SPEC §8, Data Stage ingest). On PostgreSQL the tables of 0002 stay what they are:
-- plain tables, one row per .asc record, that psql and any reporting tool can read (docs/architecture.md, "PostgreSQL
-- store"). Their columns are the columns of SQLite's views, so a query over ds_501 reads the same on both stores.
SELECT 1;
