-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0025_reversals.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Reversals (SPEC §4.1 `reversals`, §5 `traza reverse`; docs/architecture.md Decision 4). A reversal batch appends one
-- `reversal` row per reversed row and moves that row, byte for byte, from its movement table to the table of the same
-- name with `_reversed` appended (same columns, same order). Every reader of a movement table then sees only rows in
-- force, with no extra condition on any query, and a key taken back may be imported again. The reversed row stays
-- chained: LedgerChain digests a batch's rows of `T` and of `T_reversed` together, in line order, under `#T`, so the
-- digest of the batch that imported it is unchanged, and editing it in `T_reversed` breaks that batch's link.
-- `T_reversed` tables are not ledger tables of their own (LedgerChain skips the suffix).

CREATE TABLE reversal (
    program_id   bigint NOT NULL,
    client       text COLLATE "C"    NOT NULL, -- the reversed row's client ('' for the program's own and for catalogs)
    target_batch bigint NOT NULL, -- the batch that imported the reversed row
    target_line  bigint NOT NULL, -- its line in that batch (as the listings show it)
    reason       text COLLATE "C"    NOT NULL,
    batch_id     bigint NOT NULL, -- the reversal batch
    line         bigint NOT NULL, -- line of the reversals file; for `traza reverse`, 1, 2, … in target line order
    PRIMARY KEY (program_id, client, target_batch, target_line)
);
CREATE UNIQUE INDEX reversal_target ON reversal (program_id, target_batch, target_line);
CREATE INDEX reversal_batch ON reversal (batch_id, line);

CREATE TABLE part_reversed (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    description text COLLATE "C",
    kind        text COLLATE "C"    NOT NULL,
    fraccion    text COLLATE "C",
    nico        text COLLATE "C",
    umc         text COLLATE "C"    NOT NULL,
    umt         text COLLATE "C"    NOT NULL,
    umt_per_umc text COLLATE "C"    NOT NULL,
    origin      text COLLATE "C",
    source      text COLLATE "C"    NOT NULL,
    batch_id    bigint NOT NULL,
    line        bigint NOT NULL
);
CREATE UNIQUE INDEX part_reversed_batch ON part_reversed (batch_id, line);

CREATE TABLE bom_reversed (
    program_id      bigint NOT NULL,
    client          text COLLATE "C"    NOT NULL,
    product         text COLLATE "C"    NOT NULL,
    component       text COLLATE "C"    NOT NULL,
    valid_from      text COLLATE "C"    NOT NULL,
    qty_per         text COLLATE "C"    NOT NULL,
    merma_pct       text COLLATE "C"    NOT NULL,
    desperdicio_pct text COLLATE "C"    NOT NULL,
    valid_to        text COLLATE "C",
    batch_id        bigint NOT NULL,
    line            bigint NOT NULL
);
CREATE UNIQUE INDEX bom_reversed_batch ON bom_reversed (batch_id, line);

CREATE TABLE entry_reversed (
    program_id        bigint NOT NULL,
    client            text COLLATE "C"    NOT NULL,
    pedimento         text COLLATE "C"    NOT NULL,
    partida           bigint NOT NULL,
    part              text COLLATE "C"    NOT NULL,
    clave             text COLLATE "C"    NOT NULL,
    date              text COLLATE "C"    NOT NULL,
    qty               text COLLATE "C"    NOT NULL, -- UMC (SPEC §7)
    qty_umt           text COLLATE "C",
    value_usd         text COLLATE "C",
    customs_value_mxn text COLLATE "C",
    exchange_rate     text COLLATE "C",
    origin            text COLLATE "C",
    preference        text COLLATE "C",
    invoice           text COLLATE "C",
    rectifies         text COLLATE "C",
    site              text COLLATE "C",
    batch_id          bigint NOT NULL,
    line              bigint NOT NULL
);
CREATE UNIQUE INDEX entry_reversed_batch ON entry_reversed (batch_id, line);

CREATE TABLE exit_reversed (
    program_id       bigint NOT NULL,
    client           text COLLATE "C"    NOT NULL,
    pedimento        text COLLATE "C"    NOT NULL,
    partida          bigint NOT NULL,
    part             text COLLATE "C"    NOT NULL,
    clave            text COLLATE "C"    NOT NULL,
    date             text COLLATE "C"    NOT NULL,
    qty              text COLLATE "C"    NOT NULL, -- UMC (SPEC §7)
    qty_umt          text COLLATE "C",
    value_usd        text COLLATE "C",
    destination      text COLLATE "C",
    counterparty     text COLLATE "C",
    exit_case        text COLLATE "C",
    bom_date         text COLLATE "C",
    source_pedimento text COLLATE "C",
    source_partida   bigint,
    rectifies        text COLLATE "C",
    batch_id         bigint NOT NULL,
    line             bigint NOT NULL
);
CREATE UNIQUE INDEX exit_reversed_batch ON exit_reversed (batch_id, line);

CREATE TABLE event_reversed (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    date        text COLLATE "C"    NOT NULL,
    type        text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    reference   text COLLATE "C"    NOT NULL,
    line        bigint NOT NULL,
    qty         text COLLATE "C"    NOT NULL, -- UMC (SPEC §7)
    waste       bigint NOT NULL,
    third_party text COLLATE "C",
    site        text COLLATE "C",
    batch_id    bigint NOT NULL
);
CREATE UNIQUE INDEX event_reversed_batch ON event_reversed (batch_id, line);

CREATE TABLE count_row_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    date       text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    site       text COLLATE "C"    NOT NULL,
    qty        text COLLATE "C"    NOT NULL,
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX count_row_reversed_batch ON count_row_reversed (batch_id, line);

CREATE TABLE tariff_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    fraccion   text COLLATE "C"    NOT NULL,
    nico       text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C"    NOT NULL,
    mfn_pct    text COLLATE "C"    NOT NULL,
    valid_to   text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX tariff_reversed_batch ON tariff_reversed (batch_id, line);

CREATE TABLE partner_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    country    text COLLATE "C"    NOT NULL,
    agreement  text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C"    NOT NULL,
    valid_to   text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX partner_reversed_batch ON partner_reversed (batch_id, line);

CREATE TABLE rate_reversed (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL DEFAULT '',
    date        text COLLATE "C"    NOT NULL,
    mxn_per_usd text COLLATE "C"    NOT NULL,
    batch_id    bigint NOT NULL,
    line        bigint NOT NULL
);
CREATE UNIQUE INDEX rate_reversed_batch ON rate_reversed (batch_id, line);

CREATE TABLE inpc_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    month      text COLLATE "C"    NOT NULL,
    idx        text COLLATE "C"    NOT NULL,
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX inpc_reversed_batch ON inpc_reversed (batch_id, line);

CREATE TABLE surcharge_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    month      text COLLATE "C"    NOT NULL,
    pct        text COLLATE "C"    NOT NULL,
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX surcharge_reversed_batch ON surcharge_reversed (batch_id, line);

CREATE TABLE term_rule_reversed (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    rule_on    text COLLATE "C"    NOT NULL,
    rule_key   text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C"    NOT NULL,
    months     text COLLATE "C"    NOT NULL,
    valid_to   text COLLATE "C",
    note       text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE UNIQUE INDEX term_rule_reversed_batch ON term_rule_reversed (batch_id, line);
