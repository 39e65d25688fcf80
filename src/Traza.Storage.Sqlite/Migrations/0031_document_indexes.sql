-- Deliberately empty on SQLite; its PostgreSQL twin indexes entry and exit by pedimento and event by reference.
--
-- `report custody --pedimento` and `--exit` look movements up by document, without a client. SQLite answers through
-- the primary keys (program_id, client, pedimento, …), one lookup per client (SqliteLedgerScans.Clients), in process;
-- PostgreSQL has no skip scan, so without an index it read the whole table (docs/benchmarks.md, "Incremental discharge
-- on PostgreSQL"). An index more on SQLite would cost every import of entries and exits for reads it already serves.
SELECT 1;
