-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0001_core.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Traza core ledger (docs/architecture.md Decisions 1 and 3). Every key starts with (program_id, client);
-- quantities and money are exact invariant TEXT decimals (never aggregated in SQL), dates TEXT YYYY-MM-DD.
-- Every ledger row stores batch_id and line (1-based line in its file; the header is line 1).
-- Ledger tables are the tables with batch_id and line columns: the batch digest covers all their columns,
-- so later migrations add new tables rather than columns to these.

CREATE TABLE import_batch (
    program_id      bigint NOT NULL,
    id              bigint NOT NULL,
    layout          text COLLATE "C"    NOT NULL,
    file_name       text COLLATE "C"    NOT NULL,
    file_sha256     text COLLATE "C"    NOT NULL,
    rows            bigint NOT NULL,
    digest          text COLLATE "C"    NOT NULL,
    prev_chain_hash text COLLATE "C"    NOT NULL,
    chain_hash      text COLLATE "C"    NOT NULL,
    imported_at     text COLLATE "C"    NOT NULL,
    PRIMARY KEY (program_id, id)
);
CREATE INDEX import_batch_sha ON import_batch (program_id, layout, file_sha256);

CREATE TABLE program (
    program_id bigint NOT NULL PRIMARY KEY,
    rfc        text COLLATE "C"    NOT NULL,
    name       text COLLATE "C"    NOT NULL,
    immex      text COLLATE "C"    NOT NULL,
    modality   text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C",
    valid_to   text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL
);
CREATE INDEX program_batch ON program (batch_id, line);

CREATE TABLE client (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    name       text COLLATE "C",
    parent     text COLLATE "C",
    since      text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client)
);
CREATE INDEX client_batch ON client (batch_id, line);

CREATE TABLE part (
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
    line        bigint NOT NULL,
    PRIMARY KEY (program_id, client, part)
);
CREATE INDEX part_batch ON part (batch_id, line);

CREATE TABLE bom (
    program_id      bigint NOT NULL,
    client          text COLLATE "C"    NOT NULL,
    product         text COLLATE "C"    NOT NULL,
    component       text COLLATE "C"    NOT NULL,
    valid_from      text COLLATE "C"    NOT NULL, -- '' when open
    qty_per         text COLLATE "C"    NOT NULL,
    merma_pct       text COLLATE "C"    NOT NULL,
    desperdicio_pct text COLLATE "C"    NOT NULL,
    valid_to        text COLLATE "C",
    batch_id        bigint NOT NULL,
    line            bigint NOT NULL,
    PRIMARY KEY (program_id, client, product, component, valid_from)
);
CREATE INDEX bom_batch ON bom (batch_id, line);

CREATE TABLE entry (
    program_id        bigint NOT NULL,
    client            text COLLATE "C"    NOT NULL,
    pedimento         text COLLATE "C"    NOT NULL, -- 15 digits; a NAC document as written
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
    line              bigint NOT NULL,
    PRIMARY KEY (program_id, client, pedimento, partida, part)
);
CREATE INDEX entry_batch ON entry (batch_id, line);

CREATE TABLE exit (
    program_id       bigint NOT NULL,
    client           text COLLATE "C"    NOT NULL,
    pedimento        text COLLATE "C"    NOT NULL, -- 15 digits; another document as written
    partida          bigint NOT NULL,
    part             text COLLATE "C"    NOT NULL,
    clave            text COLLATE "C"    NOT NULL,
    date             text COLLATE "C"    NOT NULL,
    qty              text COLLATE "C"    NOT NULL, -- UMC (SPEC §7)
    qty_umt          text COLLATE "C",
    value_usd        text COLLATE "C",
    destination      text COLLATE "C",
    counterparty     text COLLATE "C",
    exit_case        text COLLATE "C",             -- the file's `case` column
    bom_date         text COLLATE "C",
    source_pedimento text COLLATE "C",
    source_partida   bigint,
    rectifies        text COLLATE "C",
    batch_id         bigint NOT NULL,
    line             bigint NOT NULL,
    PRIMARY KEY (program_id, client, pedimento, partida, part)
);
CREATE INDEX exit_batch ON exit (batch_id, line);

CREATE TABLE event (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL,
    date        text COLLATE "C"    NOT NULL,
    type        text COLLATE "C"    NOT NULL,
    part        text COLLATE "C"    NOT NULL,
    reference   text COLLATE "C"    NOT NULL, -- '' when none
    line        bigint NOT NULL,
    qty         text COLLATE "C"    NOT NULL, -- UMC (SPEC §7); negative only for adjustments
    waste       bigint NOT NULL,
    third_party text COLLATE "C",
    site        text COLLATE "C",
    batch_id    bigint NOT NULL,
    PRIMARY KEY (program_id, client, date, type, part, reference, line)
);
CREATE INDEX event_batch ON event (batch_id, line);

CREATE TABLE count_row (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL,
    date       text COLLATE "C"    NOT NULL,
    part       text COLLATE "C"    NOT NULL,
    site       text COLLATE "C"    NOT NULL, -- '' when none
    qty        text COLLATE "C"    NOT NULL,
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, date, part, site)
);
CREATE INDEX count_row_batch ON count_row (batch_id, line);

-- Catalog layouts (SPEC §4.1); program-wide, client ''.
CREATE TABLE tariff (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    fraccion   text COLLATE "C"    NOT NULL,
    nico       text COLLATE "C"    NOT NULL, -- '' when none
    valid_from text COLLATE "C"    NOT NULL,
    mfn_pct    text COLLATE "C"    NOT NULL,
    valid_to   text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, fraccion, nico, valid_from)
);
CREATE INDEX tariff_batch ON tariff (batch_id, line);

CREATE TABLE partner (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    country    text COLLATE "C"    NOT NULL,
    agreement  text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C"    NOT NULL,
    valid_to   text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, country, agreement, valid_from)
);
CREATE INDEX partner_batch ON partner (batch_id, line);

CREATE TABLE rate (
    program_id  bigint NOT NULL,
    client      text COLLATE "C"    NOT NULL DEFAULT '',
    date        text COLLATE "C"    NOT NULL,
    mxn_per_usd text COLLATE "C"    NOT NULL,
    batch_id    bigint NOT NULL,
    line        bigint NOT NULL,
    PRIMARY KEY (program_id, client, date)
);
CREATE INDEX rate_batch ON rate (batch_id, line);

CREATE TABLE inpc (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    month      text COLLATE "C"    NOT NULL, -- YYYY-MM
    idx        text COLLATE "C"    NOT NULL, -- the file's `index` column
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, month)
);
CREATE INDEX inpc_batch ON inpc (batch_id, line);

CREATE TABLE surcharge (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    month      text COLLATE "C"    NOT NULL, -- YYYY-MM
    pct        text COLLATE "C"    NOT NULL,
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, month)
);
CREATE INDEX surcharge_batch ON surcharge (batch_id, line);

CREATE TABLE term_rule (
    program_id bigint NOT NULL,
    client     text COLLATE "C"    NOT NULL DEFAULT '',
    rule_on    text COLLATE "C"    NOT NULL, -- kind, clave or fraccion
    rule_key   text COLLATE "C"    NOT NULL,
    valid_from text COLLATE "C"    NOT NULL,
    months     text COLLATE "C"    NOT NULL, -- a whole number of months, or 'program'
    valid_to   text COLLATE "C",
    note       text COLLATE "C",
    batch_id   bigint NOT NULL,
    line       bigint NOT NULL,
    PRIMARY KEY (program_id, client, rule_on, rule_key, valid_from)
);
CREATE INDEX term_rule_batch ON term_rule (batch_id, line);
