-- Traza core ledger (docs/architecture.md Decisions 1 and 3). Every key starts with (program_id, client);
-- quantities and money are exact invariant TEXT decimals (never aggregated in SQL), dates TEXT YYYY-MM-DD.
-- Every ledger row stores batch_id and line (1-based line in its file; the header is line 1).
-- Ledger tables are the tables with batch_id and line columns: the batch digest covers all their columns,
-- so later migrations add new tables rather than columns to these.

CREATE TABLE import_batch (
    program_id      INTEGER NOT NULL,
    id              INTEGER NOT NULL,
    layout          TEXT    NOT NULL,
    file_name       TEXT    NOT NULL,
    file_sha256     TEXT    NOT NULL,
    rows            INTEGER NOT NULL,
    digest          TEXT    NOT NULL,
    prev_chain_hash TEXT    NOT NULL,
    chain_hash      TEXT    NOT NULL,
    imported_at     TEXT    NOT NULL,
    PRIMARY KEY (program_id, id)
) WITHOUT ROWID;
CREATE INDEX import_batch_sha ON import_batch (program_id, layout, file_sha256);

CREATE TABLE program (
    program_id INTEGER NOT NULL PRIMARY KEY,
    rfc        TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    immex      TEXT    NOT NULL,
    modality   TEXT    NOT NULL,
    valid_from TEXT,
    valid_to   TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL
);
CREATE INDEX program_batch ON program (batch_id, line);

CREATE TABLE client (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    name       TEXT,
    parent     TEXT,
    since      TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client)
) WITHOUT ROWID;
CREATE INDEX client_batch ON client (batch_id, line);

CREATE TABLE part (
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
    line        INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, part)
) WITHOUT ROWID;
CREATE INDEX part_batch ON part (batch_id, line);

CREATE TABLE bom (
    program_id      INTEGER NOT NULL,
    client          TEXT    NOT NULL,
    product         TEXT    NOT NULL,
    component       TEXT    NOT NULL,
    valid_from      TEXT    NOT NULL, -- '' when open
    qty_per         TEXT    NOT NULL,
    merma_pct       TEXT    NOT NULL,
    desperdicio_pct TEXT    NOT NULL,
    valid_to        TEXT,
    batch_id        INTEGER NOT NULL,
    line            INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, product, component, valid_from)
) WITHOUT ROWID;
CREATE INDEX bom_batch ON bom (batch_id, line);

CREATE TABLE entry (
    program_id        INTEGER NOT NULL,
    client            TEXT    NOT NULL,
    pedimento         TEXT    NOT NULL, -- 15 digits; a NAC document as written
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
    line              INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, pedimento, partida, part)
) WITHOUT ROWID;
CREATE INDEX entry_batch ON entry (batch_id, line);

CREATE TABLE exit (
    program_id       INTEGER NOT NULL,
    client           TEXT    NOT NULL,
    pedimento        TEXT    NOT NULL, -- 15 digits; another document as written
    partida          INTEGER NOT NULL,
    part             TEXT    NOT NULL,
    clave            TEXT    NOT NULL,
    date             TEXT    NOT NULL,
    qty              TEXT    NOT NULL, -- UMC (SPEC §7)
    qty_umt          TEXT,
    value_usd        TEXT,
    destination      TEXT,
    counterparty     TEXT,
    exit_case        TEXT,             -- the file's `case` column
    bom_date         TEXT,
    source_pedimento TEXT,
    source_partida   INTEGER,
    rectifies        TEXT,
    batch_id         INTEGER NOT NULL,
    line             INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, pedimento, partida, part)
) WITHOUT ROWID;
CREATE INDEX exit_batch ON exit (batch_id, line);

CREATE TABLE event (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    part        TEXT    NOT NULL,
    reference   TEXT    NOT NULL, -- '' when none
    line        INTEGER NOT NULL,
    qty         TEXT    NOT NULL, -- UMC (SPEC §7); negative only for adjustments
    waste       INTEGER NOT NULL,
    third_party TEXT,
    site        TEXT,
    batch_id    INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, date, type, part, reference, line)
) WITHOUT ROWID;
CREATE INDEX event_batch ON event (batch_id, line);

CREATE TABLE count_row (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL,
    date       TEXT    NOT NULL,
    part       TEXT    NOT NULL,
    site       TEXT    NOT NULL, -- '' when none
    qty        TEXT    NOT NULL,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, date, part, site)
) WITHOUT ROWID;
CREATE INDEX count_row_batch ON count_row (batch_id, line);

-- Catalog layouts (SPEC §4.1); program-wide, client ''.
CREATE TABLE tariff (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    fraccion   TEXT    NOT NULL,
    nico       TEXT    NOT NULL, -- '' when none
    valid_from TEXT    NOT NULL,
    mfn_pct    TEXT    NOT NULL,
    valid_to   TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, fraccion, nico, valid_from)
) WITHOUT ROWID;
CREATE INDEX tariff_batch ON tariff (batch_id, line);

CREATE TABLE partner (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    country    TEXT    NOT NULL,
    agreement  TEXT    NOT NULL,
    valid_from TEXT    NOT NULL,
    valid_to   TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, country, agreement, valid_from)
) WITHOUT ROWID;
CREATE INDEX partner_batch ON partner (batch_id, line);

CREATE TABLE rate (
    program_id  INTEGER NOT NULL,
    client      TEXT    NOT NULL DEFAULT '',
    date        TEXT    NOT NULL,
    mxn_per_usd TEXT    NOT NULL,
    batch_id    INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, date)
) WITHOUT ROWID;
CREATE INDEX rate_batch ON rate (batch_id, line);

CREATE TABLE inpc (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    month      TEXT    NOT NULL, -- YYYY-MM
    idx        TEXT    NOT NULL, -- the file's `index` column
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, month)
) WITHOUT ROWID;
CREATE INDEX inpc_batch ON inpc (batch_id, line);

CREATE TABLE surcharge (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    month      TEXT    NOT NULL, -- YYYY-MM
    pct        TEXT    NOT NULL,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, month)
) WITHOUT ROWID;
CREATE INDEX surcharge_batch ON surcharge (batch_id, line);

CREATE TABLE term_rule (
    program_id INTEGER NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    rule_on    TEXT    NOT NULL, -- kind, clave or fraccion
    rule_key   TEXT    NOT NULL,
    valid_from TEXT    NOT NULL,
    months     TEXT    NOT NULL, -- a whole number of months, or 'program'
    valid_to   TEXT,
    note       TEXT,
    batch_id   INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, rule_on, rule_key, valid_from)
) WITHOUT ROWID;
CREATE INDEX term_rule_batch ON term_rule (batch_id, line);
