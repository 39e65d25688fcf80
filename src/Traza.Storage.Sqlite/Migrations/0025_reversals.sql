-- Reversals (SPEC §4.1 `reversals`, §5 `traza reverse`; docs/architecture.md Decision 4). A reversal batch appends one
-- `reversal` row per reversed row and moves that row, byte for byte, from its movement table to the table of the same
-- name with `_reversed` appended (same columns, same order). Every reader of a movement table then sees only rows in
-- force, with no extra condition on any query, and a key taken back may be imported again. The reversed row stays
-- chained: LedgerChain digests a batch's rows of `T` and of `T_reversed` together, in line order, under `#T`, so the
-- digest of the batch that imported it is unchanged, and editing it in `T_reversed` breaks that batch's link.
-- `T_reversed` tables are not ledger tables of their own (LedgerChain skips the suffix).

CREATE TABLE reversal (
    program_id   INTEGER NOT NULL,
    client       TEXT    NOT NULL, -- the reversed row's client ('' for the program's own and for catalogs)
    target_batch INTEGER NOT NULL, -- the batch that imported the reversed row
    target_line  INTEGER NOT NULL, -- its line in that batch (as the listings show it)
    reason       TEXT    NOT NULL,
    batch_id     INTEGER NOT NULL, -- the reversal batch
    line         INTEGER NOT NULL, -- line of the reversals file; for `traza reverse`, 1, 2, … in target line order
    PRIMARY KEY (program_id, client, target_batch, target_line)
) WITHOUT ROWID;
CREATE UNIQUE INDEX reversal_target ON reversal (program_id, target_batch, target_line);
CREATE INDEX reversal_batch ON reversal (batch_id, line);

CREATE TABLE part_reversed (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    part        TEXT    NOT NULL,
    description TEXT,
    kind        TEXT    NOT NULL,
    fraccion    TEXT,
    nico        TEXT,
    umc         TEXT    NOT NULL,
    umt         TEXT    NOT NULL,
    umt_per_umc TEXT    NOT NULL,
    origin      TEXT,
    source      TEXT    NOT NULL,
    batch_id    INTEGER NOT NULL,
    line        INTEGER NOT NULL
);
CREATE UNIQUE INDEX part_reversed_batch ON part_reversed (batch_id, line);

CREATE TABLE bom_reversed (
    program_id      INTEGER NOT NULL,
    client          TEXT    NOT NULL,
    product         TEXT    NOT NULL,
    component       TEXT    NOT NULL,
    valid_from      TEXT    NOT NULL,
    qty_per         TEXT    NOT NULL,
    merma_pct       TEXT    NOT NULL,
    desperdicio_pct TEXT    NOT NULL,
    valid_to        TEXT,
    batch_id        INTEGER NOT NULL,
    line            INTEGER NOT NULL
);
CREATE UNIQUE INDEX bom_reversed_batch ON bom_reversed (batch_id, line);

CREATE TABLE entry_reversed (
    program_id        INTEGER NOT NULL,
    client            TEXT    NOT NULL,
    pedimento         TEXT    NOT NULL,
    partida           INTEGER NOT NULL,
    part              TEXT    NOT NULL,
    clave             TEXT    NOT NULL,
    date              TEXT    NOT NULL,
    qty               TEXT    NOT NULL, -- UMC (SPEC §7)
    qty_umt           TEXT,
    value_usd         TEXT,
    customs_value_mxn TEXT,
    exchange_rate     TEXT,
    origin            TEXT,
    preference        TEXT,
    invoice           TEXT,
    rectifies         TEXT,
    site              TEXT,
    batch_id          INTEGER NOT NULL,
    line              INTEGER NOT NULL
);
CREATE UNIQUE INDEX entry_reversed_batch ON entry_reversed (batch_id, line);

CREATE TABLE exit_reversed (
    program_id       INTEGER NOT NULL,
    client           TEXT    NOT NULL,
    pedimento        TEXT    NOT NULL,
    partida          INTEGER NOT NULL,
    part             TEXT    NOT NULL,
    clave            TEXT    NOT NULL,
    date             TEXT    NOT NULL,
    qty              TEXT    NOT NULL, -- UMC (SPEC §7)
    qty_umt          TEXT,
    value_usd        TEXT,
    destination      TEXT,
    counterparty     TEXT,
    exit_case        TEXT,
    bom_date         TEXT,
    source_pedimento TEXT,
    source_partida   INTEGER,
    rectifies        TEXT,
    batch_id         INTEGER NOT NULL,
    line             INTEGER NOT NULL
);
CREATE UNIQUE INDEX exit_reversed_batch ON exit_reversed (batch_id, line);

CREATE TABLE event_reversed (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    part        TEXT    NOT NULL,
    reference   TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    qty         TEXT    NOT NULL, -- UMC (SPEC §7)
    waste       INTEGER NOT NULL,
    third_party TEXT,
    site        TEXT,
    batch_id    INTEGER NOT NULL
);
CREATE UNIQUE INDEX event_reversed_batch ON event_reversed (batch_id, line);

CREATE TABLE count_row_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    date       TEXT    NOT NULL,
    part       TEXT    NOT NULL,
    site       TEXT    NOT NULL,
    qty        TEXT    NOT NULL,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX count_row_reversed_batch ON count_row_reversed (batch_id, line);

CREATE TABLE tariff_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    fraccion   TEXT    NOT NULL,
    nico       TEXT    NOT NULL,
    valid_from TEXT    NOT NULL,
    mfn_pct    TEXT    NOT NULL,
    valid_to   TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX tariff_reversed_batch ON tariff_reversed (batch_id, line);

CREATE TABLE partner_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    country    TEXT    NOT NULL,
    agreement  TEXT    NOT NULL,
    valid_from TEXT    NOT NULL,
    valid_to   TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX partner_reversed_batch ON partner_reversed (batch_id, line);

CREATE TABLE rate_reversed (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL DEFAULT '',
    date        TEXT    NOT NULL,
    mxn_per_usd TEXT    NOT NULL,
    batch_id    INTEGER NOT NULL,
    line        INTEGER NOT NULL
);
CREATE UNIQUE INDEX rate_reversed_batch ON rate_reversed (batch_id, line);

CREATE TABLE inpc_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    month      TEXT    NOT NULL,
    idx        TEXT    NOT NULL,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX inpc_reversed_batch ON inpc_reversed (batch_id, line);

CREATE TABLE surcharge_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    month      TEXT    NOT NULL,
    pct        TEXT    NOT NULL,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX surcharge_reversed_batch ON surcharge_reversed (batch_id, line);

CREATE TABLE term_rule_reversed (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    rule_on    TEXT    NOT NULL,
    rule_key   TEXT    NOT NULL,
    valid_from TEXT    NOT NULL,
    months     TEXT    NOT NULL,
    valid_to   TEXT,
    note       TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE UNIQUE INDEX term_rule_reversed_batch ON term_rule_reversed (batch_id, line);
