-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0035_entry_order.sql.

-- A page of `balances` (GET /api/reports/balances?limit=N&after=CURSOR; docs/api.md) reads the entry rows in the report's
-- order — entry date, pedimento, partida — from a cursor (PostgresLedgerScans.LotEntriesInOrder), so a page costs its rows,
-- not the whole report (issue 16 item 6). The columns are COLLATE "C" (0001): bytes order, as SQLite's BINARY.
CREATE INDEX entry_order ON entry (program_id, date, pedimento, partida);
