-- Government data (SPEC §4.2, issue 4): every table of SAT Data Stage packages and SAAI M3 files, exactly as
-- delivered (raw row kept) plus typed/normalized columns for the tables reconciliation and reports query.
-- Not ledger tables: none has both batch_id and line columns, so re-imports merge instead of appending.
-- Keys start with program_id (docs/architecture.md Decision 3); government rows are the program's own.
-- pedimento = the 15 digits (SPEC §3.1), '' when no date gives its year; patente/pedimento7/seccion as delivered, zero-padded.
-- Tables keyed by content (row_hash = SHA-256 of the row's values) make identical rows from overlapping packages one row.
-- Exact decimals and dates are TEXT (invariant, YYYY-MM-DD), never aggregated in SQL.

CREATE TABLE gov_file (
    program_id  INTEGER NOT NULL,
    kind        TEXT    NOT NULL, -- datastage or m3
    sha256      TEXT    NOT NULL, -- of the file, or of a folder's sorted (name, content) pairs
    name        TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    PRIMARY KEY (program_id, kind, sha256)
) WITHOUT ROWID;

CREATE TABLE ds_package (
    program_id           INTEGER NOT NULL,
    folio                TEXT    NOT NULL, -- Resumen.Folio / the file-name folio
    rfc_o_patente        TEXT    NOT NULL, -- Resumen.RFCoPatenteAduanal
    fecha_inicial        TEXT,
    fecha_final          TEXT,
    fecha_ejecucion      TEXT,
    total_fracciones     INTEGER,          -- checked = 551 rows at import
    total_contribuciones INTEGER,          -- checked = 557 rows at import
    source               TEXT    NOT NULL, -- the container it was read from
    raw                  TEXT    NOT NULL, -- the Resumen data row as delivered
    PRIMARY KEY (program_id, folio)
) WITHOUT ROWID;

-- The header row of each member as delivered: raw rows are read against it.
CREATE TABLE ds_header (
    program_id INTEGER NOT NULL,
    folio      TEXT    NOT NULL,
    tabla      TEXT    NOT NULL,
    header     TEXT    NOT NULL,
    rows       INTEGER NOT NULL,
    PRIMARY KEY (program_id, folio, tabla)
) WITHOUT ROWID;

-- Data Stage 501: Datos generales (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_501 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    operation TEXT, -- import (TipoOperacion 1) or export (2)
    clave TEXT, -- ClaveDocumento
    rfc TEXT, -- Rfc
    tipo_cambio TEXT, -- TipoCambio, exact decimal
    tipo_pedimento INTEGER, -- TipoPedimento (2 = rectification)
    fecha_recepcion TEXT, -- FechaRecepcionPedimento, YYYY-MM-DD
    fecha_pago TEXT, -- FechaPagoReal, YYYY-MM-DD
    executed TEXT, -- Resumen.Fecha_Ejecucion of the package that wrote the row (newer wins)
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_501_key ON ds_501 (program_id, pedimento, patente, pedimento7, seccion);

-- Data Stage 502: Transporte de las mercancías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_502 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_502_key ON ds_502 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 503: Guías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_503 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_503_key ON ds_503 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 504: Contenedores (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_504 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_504_key ON ds_504 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 505: Facturas (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_505 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    fecha_factura TEXT, -- FechaFacturacion
    numero_factura TEXT, -- NumeroFactura
    moneda TEXT, -- MonedaFacturacion
    valor_usd TEXT, -- ValorDolares
    proveedor TEXT, -- ProveedorMercancia
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_505_key ON ds_505 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 506: Fechas del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_506 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    tipo_fecha INTEGER, -- TipoFecha (1 entrada, 2 pago, 5 presentación …)
    fecha TEXT, -- FechaOperacion
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_506_key ON ds_506 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 507: Casos (identificadores) del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_507 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave_caso TEXT, -- ClaveCaso
    identificador TEXT, -- IdentificadorCaso
    complemento TEXT, -- ComplementoCaso
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_507_key ON ds_507 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 508: Cuentas aduaneras de garantía del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_508 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_508_key ON ds_508 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 509: Tasas del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_509 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_509_key ON ds_509 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 510: Contribuciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_510 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave_contribucion INTEGER, -- ClaveContribucion (Apéndice 12)
    forma_pago INTEGER, -- FormaPago (Apéndice 13)
    importe TEXT, -- ImportePago
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_510_key ON ds_510 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 511: Observaciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_511 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_511_key ON ds_511 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 512: Descargos de mercancías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_512 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    original_pedimento TEXT, -- 15 digits; YY from FechaOperacionOrig
    clave_original TEXT, -- DocumentoOriginal
    fecha_original TEXT, -- FechaOperacionOrig
    fraccion_original TEXT, -- FraccionOriginal
    umt TEXT, -- UnidadMedida
    qty_umt TEXT, -- MercanciaDescargada
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_512_key ON ds_512 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 520: Destinatarios de la mercancía (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_520 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_520_key ON ds_520 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 551: Partidas (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_551 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    fraccion TEXT, -- Fraccion
    nico TEXT, -- SubdivisionFraccion
    descripcion TEXT, -- DescripcionMercancia
    value_usd TEXT, -- ValorDolares
    customs_value_mxn TEXT, -- ValorAduana
    qty_umc TEXT, -- CantidadUMComercial
    umc TEXT, -- UnidadMedidaComercial
    qty_umt TEXT, -- CantidadUMTarifa
    umt TEXT, -- UnidadMedidaTarifa
    origin TEXT, -- PaisOrigenDestino
    operation TEXT, -- import/export (TipoOperacion)
    clave TEXT, -- ClaveDocumento
    fecha_pago TEXT, -- FechaPagoReal
    executed TEXT, -- Resumen.Fecha_Ejecucion (newer wins)
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_551_key ON ds_551 (program_id, pedimento, patente, pedimento7, seccion, partida);

-- Data Stage 552: Mercancías (VIN/serie) (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_552 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_552_key ON ds_552 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 553: Permisos de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_553 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_553_key ON ds_553 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 554: Casos (identificadores) de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_554 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave_caso TEXT, -- ClaveCaso
    identificador TEXT, -- IdentificadorCaso
    complemento TEXT, -- ComplementoCaso
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_554_key ON ds_554 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 555: Cuentas aduaneras de garantía de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_555 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_555_key ON ds_555 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 556: Tasas de contribuciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_556 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_556_key ON ds_556 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 557: Contribuciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_557 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave_contribucion INTEGER, -- ClaveContribucion
    forma_pago INTEGER, -- FormaPago
    importe TEXT, -- ImportePago
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_557_key ON ds_557 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 558: Observaciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_558 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    secuencia INTEGER, -- SecuenciaObservacion
    observacion TEXT, -- Observaciones (often the part number)
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_558_key ON ds_558 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 701: Rectificaciones (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_701 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave TEXT, -- ClaveDocumento
    fecha_pago TEXT, -- FechaPago
    anterior_pedimento TEXT, -- 15 digits; YY from FechaOperacionAnterior
    clave_anterior TEXT, -- DocumentoAnterior
    fecha_anterior TEXT, -- FechaOperacionAnterior
    original_pedimento TEXT, -- 15 digits when not 0; YY from FechaOperacionAnterior
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_701_key ON ds_701 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 702: Diferencias de contribuciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_702 (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    clave_contribucion INTEGER, -- ClaveContribucion
    forma_pago INTEGER, -- FormaPago
    importe TEXT, -- ImportePago
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_702_key ON ds_702 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage Sel: Selección automatizada (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_sel (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_sel_key ON ds_sel (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage Inci: Incidencias del reconocimiento aduanero (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_inci (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL,
    row_hash   TEXT    NOT NULL,
    folio      TEXT    NOT NULL, -- the package that delivered it
    src_line   INTEGER NOT NULL, -- its line in that package's member
    raw        TEXT    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_inci_key ON ds_inci (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

CREATE INDEX ds_551_pedimento ON ds_551 (program_id, pedimento);
CREATE INDEX ds_512_original ON ds_512 (program_id, original_pedimento);
CREATE INDEX ds_701_anterior ON ds_701 (program_id, anterior_pedimento);

-- SAAI M3 validation files.
CREATE TABLE m3_pedimento (
    program_id      INTEGER NOT NULL,
    pedimento       TEXT    NOT NULL, -- 15 digits, YY from 506 (pago) ; '' when unknown
    patente         TEXT    NOT NULL,
    pedimento7      TEXT    NOT NULL,
    seccion         TEXT    NOT NULL,
    tipo_movimiento TEXT    NOT NULL, -- 500.2
    operation       TEXT,             -- import/export (501.5)
    clave           TEXT,             -- 501.6
    rfc             TEXT,             -- 501.9
    fecha_pago      TEXT,             -- 506 tipo 2
    file_name       TEXT    NOT NULL,
    src_line        INTEGER NOT NULL,
    PRIMARY KEY (program_id, pedimento, patente, pedimento7, seccion)
) WITHOUT ROWID;

CREATE TABLE m3_partida (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    partida    INTEGER NOT NULL, -- 551.4
    fraccion   TEXT,             -- 551.3
    nico       TEXT,             -- 551.5
    value_usd  TEXT,             -- 551.10
    qty_umc    TEXT,             -- 551.11
    umc        TEXT,             -- 551.12
    qty_umt    TEXT,             -- 551.13
    umt        TEXT,             -- 551.14
    origin     TEXT,             -- 551.21
    raw        TEXT    NOT NULL
);
CREATE UNIQUE INDEX m3_partida_key ON m3_partida (program_id, pedimento, patente, pedimento7, seccion, partida);

-- Every record of every pedimento (500 … 800), as delivered.
CREATE TABLE m3_record (
    program_id INTEGER NOT NULL,
    pedimento  TEXT    NOT NULL,
    patente    TEXT    NOT NULL,
    pedimento7 TEXT    NOT NULL,
    seccion    TEXT    NOT NULL,
    register   TEXT    NOT NULL,
    row_hash   TEXT    NOT NULL,
    file_name  TEXT    NOT NULL,
    src_line   INTEGER NOT NULL,
    raw        TEXT    NOT NULL
);
CREATE UNIQUE INDEX m3_record_key ON m3_record (program_id, pedimento, patente, pedimento7, seccion, register, row_hash);
