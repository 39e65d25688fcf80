-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0031_document_indexes.sql (empty there: SQLite reads these through its
-- primary keys, one lookup per client).
--
-- `report custody --pedimento` finds the pools of a pedimento's entries, `--exit` the exit lines and events of one
-- document, both without a client: the primary keys lead with (program_id, client), and PostgreSQL has no skip scan,
-- so each read the whole table (1 M entries, 500 k exits on `large`; docs/benchmarks.md, "Incremental discharge on
-- PostgreSQL"). One index each, by program and document.
CREATE INDEX entry_pedimento ON entry (program_id, pedimento);
CREATE INDEX exit_pedimento ON exit (program_id, pedimento);
CREATE INDEX event_reference ON event (program_id, reference);
