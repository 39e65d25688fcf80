-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0029_entry_opening_reversed.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- A reversed entries row takes its opening balance with it (0025's rule, Decision 4): the `entry_opening` row at the same
-- batch and line moves, byte for byte, to `entry_opening_reversed`, where LedgerChain digests it with its batch's
-- `entry_opening` rows. Without it, a lot reversed and imported again under the same key would keep the old opening.
CREATE TABLE entry_opening_reversed (
    program_id        bigint NOT NULL,
    client            text COLLATE "C"    NOT NULL,
    pedimento         text COLLATE "C"    NOT NULL,
    partida           bigint NOT NULL,
    part              text COLLATE "C"    NOT NULL,
    discharged_before text COLLATE "C"    NOT NULL,
    batch_id          bigint NOT NULL,
    line              bigint NOT NULL
);
CREATE UNIQUE INDEX entry_opening_reversed_batch ON entry_opening_reversed (batch_id, line);
