-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0027_entry_opening.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Opening balances (SPEC §3.4 `discharged_before`: UMC already discharged before the program's records in Traza begin, the
-- opening inventory of a program that goes live mid-way). A ledger table of its own rather than a column of `entry`: the batch
-- digest covers every column of a ledger table (0001), so a new column would change the digest of every stored entry row.
-- A row is written only for a lot whose discharged_before is given and not 0, in the same batch and at the same line as the
-- lot's `entry` row, with the same key; no row means 0. Derived lot states (0023's LotStateCodec) carry the opening with
-- flag 4 and one more varint, so blobs stored before this migration read unchanged.
CREATE TABLE entry_opening (
    program_id        bigint NOT NULL,
    client            text COLLATE "C"    NOT NULL,
    pedimento         text COLLATE "C"    NOT NULL, -- as entry.pedimento
    partida           bigint NOT NULL,
    part              text COLLATE "C"    NOT NULL,
    discharged_before text COLLATE "C"    NOT NULL, -- UMC, > 0 and at most the lot's qty
    batch_id          bigint NOT NULL,
    line              bigint NOT NULL,
    PRIMARY KEY (program_id, client, pedimento, partida, part)
);
CREATE INDEX entry_opening_batch ON entry_opening (batch_id, line);
