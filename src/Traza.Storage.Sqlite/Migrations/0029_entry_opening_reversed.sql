-- A reversed entries row takes its opening balance with it (0025's rule, Decision 4): the `entry_opening` row at the same
-- batch and line moves, byte for byte, to `entry_opening_reversed`, where LedgerChain digests it with its batch's
-- `entry_opening` rows. Without it, a lot reversed and imported again under the same key would keep the old opening.
CREATE TABLE entry_opening_reversed (
    program_id        INTEGER NOT NULL,
    client            TEXT    NOT NULL,
    pedimento         TEXT    NOT NULL,
    partida           INTEGER NOT NULL,
    part              TEXT    NOT NULL,
    discharged_before TEXT    NOT NULL,
    batch_id          INTEGER NOT NULL,
    line              INTEGER NOT NULL
);
CREATE UNIQUE INDEX entry_opening_reversed_batch ON entry_opening_reversed (batch_id, line);
