-- A page of `balances` (GET /api/reports/balances?limit=N&after=CURSOR; docs/api.md) reads the entry rows in the report's
-- order — entry date, pedimento, partida — from a cursor on (LedgerScan.LotEntriesInOrder), so a page costs its rows, not
-- the whole report (issue 16 item 6). The primary key's trailing columns (client, part) ride along in the index.
CREATE INDEX entry_order ON entry (program_id, date, pedimento, partida);
