-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0002_government.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY), BLOB is bytea; decimals and dates stay text so digests match SQLite's byte for byte.

-- Government data (SPEC §4.2, issue 4): every table of SAT Data Stage packages and SAAI M3 files, exactly as
-- delivered (raw row kept) plus typed/normalized columns for the tables reconciliation and reports query.
-- Not ledger tables: none has both batch_id and line columns, so re-imports merge instead of appending.
-- Keys start with program_id (docs/architecture.md Decision 3); government rows are the program's own.
-- pedimento = the 15 digits (SPEC §3.1), '' when no date gives its year; patente/pedimento7/seccion as delivered, zero-padded.
-- Tables keyed by content (row_hash = SHA-256 of the row's values) make identical rows from overlapping packages one row.
-- Exact decimals and dates are TEXT (invariant, YYYY-MM-DD), never aggregated in SQL.

CREATE TABLE gov_file (
    program_id  bigint NOT NULL,
    kind        text COLLATE "C"    NOT NULL, -- datastage or m3
    sha256      text COLLATE "C"    NOT NULL, -- of the file, or of a folder's sorted (name, content) pairs
    name        text COLLATE "C"    NOT NULL,
    imported_at text COLLATE "C"    NOT NULL,
    PRIMARY KEY (program_id, kind, sha256)
);

CREATE TABLE ds_package (
    program_id           bigint NOT NULL,
    folio                text COLLATE "C"    NOT NULL, -- Resumen.Folio / the file-name folio
    rfc_o_patente        text COLLATE "C"    NOT NULL, -- Resumen.RFCoPatenteAduanal
    fecha_inicial        text COLLATE "C",
    fecha_final          text COLLATE "C",
    fecha_ejecucion      text COLLATE "C",
    total_fracciones     bigint,          -- checked = 551 rows at import
    total_contribuciones bigint,          -- checked = 557 rows at import
    source               text COLLATE "C"    NOT NULL, -- the container it was read from
    raw                  text COLLATE "C"    NOT NULL, -- the Resumen data row as delivered
    PRIMARY KEY (program_id, folio)
);

-- The header row of each member as delivered: raw rows are read against it.
CREATE TABLE ds_header (
    program_id bigint NOT NULL,
    folio      text COLLATE "C"    NOT NULL,
    tabla      text COLLATE "C"    NOT NULL,
    header     text COLLATE "C"    NOT NULL,
    rows       bigint NOT NULL,
    PRIMARY KEY (program_id, folio, tabla)
);

-- Data Stage 501: Datos generales (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_501 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    operation text COLLATE "C", -- import (TipoOperacion 1) or export (2)
    clave text COLLATE "C", -- ClaveDocumento
    rfc text COLLATE "C", -- Rfc
    tipo_cambio text COLLATE "C", -- TipoCambio, exact decimal
    tipo_pedimento bigint, -- TipoPedimento (2 = rectification)
    fecha_recepcion text COLLATE "C", -- FechaRecepcionPedimento, YYYY-MM-DD
    fecha_pago text COLLATE "C", -- FechaPagoReal, YYYY-MM-DD
    executed text COLLATE "C", -- Resumen.Fecha_Ejecucion of the package that wrote the row (newer wins)
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_501_key ON ds_501 (program_id, pedimento, patente, pedimento7, seccion);

-- Data Stage 502: Transporte de las mercancías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_502 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_502_key ON ds_502 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 503: Guías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_503 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_503_key ON ds_503 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 504: Contenedores (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_504 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_504_key ON ds_504 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 505: Facturas (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_505 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    fecha_factura text COLLATE "C", -- FechaFacturacion
    numero_factura text COLLATE "C", -- NumeroFactura
    moneda text COLLATE "C", -- MonedaFacturacion
    valor_usd text COLLATE "C", -- ValorDolares
    proveedor text COLLATE "C", -- ProveedorMercancia
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_505_key ON ds_505 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 506: Fechas del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_506 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    tipo_fecha bigint, -- TipoFecha (1 entrada, 2 pago, 5 presentación …)
    fecha text COLLATE "C", -- FechaOperacion
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_506_key ON ds_506 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 507: Casos (identificadores) del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_507 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave_caso text COLLATE "C", -- ClaveCaso
    identificador text COLLATE "C", -- IdentificadorCaso
    complemento text COLLATE "C", -- ComplementoCaso
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_507_key ON ds_507 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 508: Cuentas aduaneras de garantía del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_508 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_508_key ON ds_508 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 509: Tasas del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_509 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_509_key ON ds_509 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 510: Contribuciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_510 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave_contribucion bigint, -- ClaveContribucion (Apéndice 12)
    forma_pago bigint, -- FormaPago (Apéndice 13)
    importe text COLLATE "C", -- ImportePago
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_510_key ON ds_510 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 511: Observaciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_511 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_511_key ON ds_511 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 512: Descargos de mercancías (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_512 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    original_pedimento text COLLATE "C", -- 15 digits; YY from FechaOperacionOrig
    clave_original text COLLATE "C", -- DocumentoOriginal
    fecha_original text COLLATE "C", -- FechaOperacionOrig
    fraccion_original text COLLATE "C", -- FraccionOriginal
    umt text COLLATE "C", -- UnidadMedida
    qty_umt text COLLATE "C", -- MercanciaDescargada
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_512_key ON ds_512 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 520: Destinatarios de la mercancía (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_520 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_520_key ON ds_520 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 551: Partidas (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_551 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    fraccion text COLLATE "C", -- Fraccion
    nico text COLLATE "C", -- SubdivisionFraccion
    descripcion text COLLATE "C", -- DescripcionMercancia
    value_usd text COLLATE "C", -- ValorDolares
    customs_value_mxn text COLLATE "C", -- ValorAduana
    qty_umc text COLLATE "C", -- CantidadUMComercial
    umc text COLLATE "C", -- UnidadMedidaComercial
    qty_umt text COLLATE "C", -- CantidadUMTarifa
    umt text COLLATE "C", -- UnidadMedidaTarifa
    origin text COLLATE "C", -- PaisOrigenDestino
    operation text COLLATE "C", -- import/export (TipoOperacion)
    clave text COLLATE "C", -- ClaveDocumento
    fecha_pago text COLLATE "C", -- FechaPagoReal
    executed text COLLATE "C", -- Resumen.Fecha_Ejecucion (newer wins)
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_551_key ON ds_551 (program_id, pedimento, patente, pedimento7, seccion, partida);

-- Data Stage 552: Mercancías (VIN/serie) (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_552 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_552_key ON ds_552 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 553: Permisos de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_553 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_553_key ON ds_553 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 554: Casos (identificadores) de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_554 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave_caso text COLLATE "C", -- ClaveCaso
    identificador text COLLATE "C", -- IdentificadorCaso
    complemento text COLLATE "C", -- ComplementoCaso
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_554_key ON ds_554 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 555: Cuentas aduaneras de garantía de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_555 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_555_key ON ds_555 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 556: Tasas de contribuciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_556 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_556_key ON ds_556 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 557: Contribuciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_557 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave_contribucion bigint, -- ClaveContribucion
    forma_pago bigint, -- FormaPago
    importe text COLLATE "C", -- ImportePago
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_557_key ON ds_557 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 558: Observaciones de la partida (partida level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_558 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    secuencia bigint, -- SecuenciaObservacion
    observacion text COLLATE "C", -- Observaciones (often the part number)
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_558_key ON ds_558 (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

-- Data Stage 701: Rectificaciones (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_701 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave text COLLATE "C", -- ClaveDocumento
    fecha_pago text COLLATE "C", -- FechaPago
    anterior_pedimento text COLLATE "C", -- 15 digits; YY from FechaOperacionAnterior
    clave_anterior text COLLATE "C", -- DocumentoAnterior
    fecha_anterior text COLLATE "C", -- FechaOperacionAnterior
    original_pedimento text COLLATE "C", -- 15 digits when not 0; YY from FechaOperacionAnterior
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_701_key ON ds_701 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage 702: Diferencias de contribuciones del pedimento (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_702 (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    clave_contribucion bigint, -- ClaveContribucion
    forma_pago bigint, -- FormaPago
    importe text COLLATE "C", -- ImportePago
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_702_key ON ds_702 (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage Sel: Selección automatizada (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_sel (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_sel_key ON ds_sel (program_id, pedimento, patente, pedimento7, seccion, row_hash);

-- Data Stage Inci: Incidencias del reconocimiento aduanero (pedimento level). Rows are wide (raw kept): a rowid table with a unique key.
CREATE TABLE ds_inci (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    folio      text COLLATE "C"    NOT NULL, -- the package that delivered it
    src_line   bigint NOT NULL, -- its line in that package's member
    raw        text COLLATE "C"    NOT NULL -- the row as delivered (read with ds_header)
);
CREATE UNIQUE INDEX ds_inci_key ON ds_inci (program_id, pedimento, patente, pedimento7, seccion, partida, row_hash);

CREATE INDEX ds_551_pedimento ON ds_551 (program_id, pedimento);
CREATE INDEX ds_512_original ON ds_512 (program_id, original_pedimento);
CREATE INDEX ds_701_anterior ON ds_701 (program_id, anterior_pedimento);

-- SAAI M3 validation files.
CREATE TABLE m3_pedimento (
    program_id      bigint NOT NULL,
    pedimento       text COLLATE "C"    NOT NULL, -- 15 digits, YY from 506 (pago) ; '' when unknown
    patente         text COLLATE "C"    NOT NULL,
    pedimento7      text COLLATE "C"    NOT NULL,
    seccion         text COLLATE "C"    NOT NULL,
    tipo_movimiento text COLLATE "C"    NOT NULL, -- 500.2
    operation       text COLLATE "C",             -- import/export (501.5)
    clave           text COLLATE "C",             -- 501.6
    rfc             text COLLATE "C",             -- 501.9
    fecha_pago      text COLLATE "C",             -- 506 tipo 2
    file_name       text COLLATE "C"    NOT NULL,
    src_line        bigint NOT NULL,
    PRIMARY KEY (program_id, pedimento, patente, pedimento7, seccion)
);

CREATE TABLE m3_partida (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    partida    bigint NOT NULL, -- 551.4
    fraccion   text COLLATE "C",             -- 551.3
    nico       text COLLATE "C",             -- 551.5
    value_usd  text COLLATE "C",             -- 551.10
    qty_umc    text COLLATE "C",             -- 551.11
    umc        text COLLATE "C",             -- 551.12
    qty_umt    text COLLATE "C",             -- 551.13
    umt        text COLLATE "C",             -- 551.14
    origin     text COLLATE "C",             -- 551.21
    raw        text COLLATE "C"    NOT NULL
);
CREATE UNIQUE INDEX m3_partida_key ON m3_partida (program_id, pedimento, patente, pedimento7, seccion, partida);

-- Every record of every pedimento (500 … 800), as delivered.
CREATE TABLE m3_record (
    program_id bigint NOT NULL,
    pedimento  text COLLATE "C"    NOT NULL,
    patente    text COLLATE "C"    NOT NULL,
    pedimento7 text COLLATE "C"    NOT NULL,
    seccion    text COLLATE "C"    NOT NULL,
    register   text COLLATE "C"    NOT NULL,
    row_hash   text COLLATE "C"    NOT NULL,
    file_name  text COLLATE "C"    NOT NULL,
    src_line   bigint NOT NULL,
    raw        text COLLATE "C"    NOT NULL
);
CREATE UNIQUE INDEX m3_record_key ON m3_record (program_id, pedimento, patente, pedimento7, seccion, register, row_hash);
