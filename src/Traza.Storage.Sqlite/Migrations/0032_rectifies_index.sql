-- Rectifications (SPEC §3.8) are read on every discharge and lot report: the rows whose `rectifies` names a previous
-- pedimento. They are few (a real month holds hundreds among tens of thousands of rows), so a partial index keeps the
-- read from scanning the tables.
CREATE INDEX entry_rectifies ON entry (program_id, client, pedimento) WHERE rectifies IS NOT NULL;
CREATE INDEX exit_rectifies ON exit (program_id, client, pedimento) WHERE rectifies IS NOT NULL;
