-- Issue 4, SPEC §8 (Data Stage ingest >= 50 MB/s of .asc text): Data Stage rows move from one SQLite row per .asc row
-- (ds_501 ... ds_inci of 0002) into compressed blocks. Measured here: SQLite time grows with the bytes written, and the
-- per-row tables wrote about 3 bytes per byte of .asc text (typed copies, keys, unique indexes, raw), so no choice of
-- statements could reach the target; blocks write about a third of the text's size (37 MB for the 106 MB bench package).
--
-- ds_block: the rows of one table of one package (folio), about 1 MB of encoded rows per block, Brotli-compressed
-- (DataStageBlockCodec): per row its line, 15-digit pedimento, split key, partida, content hash (FNV-1a 64, as
-- row_hash was), Resumen.Fecha_Ejecucion, the typed values (a value that is a raw column as delivered is stored as
-- that column's position) and the raw line. Rows merge as before (501/551 by key, newer package wins; the rest by
-- content): a replaced 501/551 row is marked in its block's `dead` bitmap (bit i = row i). min_key/max_key bound the
-- block's (pedimento, split key) groups so a merge reads only overlapping blocks.
--
-- ds_501 ... ds_inci become views with the same columns as in 0002, reading rows through the SQL function
-- ds_rows(tabla, data, dead), which every connection Traza opens registers (DataStageBlockCodec.Register). Rows
-- stored by 0002 are kept: the tables are renamed ds_*_v1 here and moved into blocks by
-- DataStageLegacyUpgrade right after migrations run (it needs the encoder, which SQL cannot run), then dropped.

CREATE TABLE ds_block (
    program_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    tabla      TEXT    NOT NULL, -- 501 ... 558, 701, 702, Sel, Inci
    folio      TEXT    NOT NULL, -- the package that delivered the rows
    first_line INTEGER NOT NULL, -- the member line of the first row
    rows       INTEGER NOT NULL, -- rows in data, dead ones included
    min_key    TEXT    NOT NULL, -- smallest pedimento (15 digits, blank when unknown) || split key (14 digits)
    max_key    TEXT    NOT NULL,
    dead       BLOB,             -- bitmap of rows replaced by a later package; NULL when none
    data       BLOB    NOT NULL,
    PRIMARY KEY (program_id, id)
);
CREATE INDEX ds_block_range ON ds_block (program_id, tabla, min_key);

ALTER TABLE ds_501 RENAME TO ds_501_v1;
ALTER TABLE ds_502 RENAME TO ds_502_v1;
ALTER TABLE ds_503 RENAME TO ds_503_v1;
ALTER TABLE ds_504 RENAME TO ds_504_v1;
ALTER TABLE ds_505 RENAME TO ds_505_v1;
ALTER TABLE ds_506 RENAME TO ds_506_v1;
ALTER TABLE ds_507 RENAME TO ds_507_v1;
ALTER TABLE ds_508 RENAME TO ds_508_v1;
ALTER TABLE ds_509 RENAME TO ds_509_v1;
ALTER TABLE ds_510 RENAME TO ds_510_v1;
ALTER TABLE ds_511 RENAME TO ds_511_v1;
ALTER TABLE ds_512 RENAME TO ds_512_v1;
ALTER TABLE ds_520 RENAME TO ds_520_v1;
ALTER TABLE ds_551 RENAME TO ds_551_v1;
ALTER TABLE ds_552 RENAME TO ds_552_v1;
ALTER TABLE ds_553 RENAME TO ds_553_v1;
ALTER TABLE ds_554 RENAME TO ds_554_v1;
ALTER TABLE ds_555 RENAME TO ds_555_v1;
ALTER TABLE ds_556 RENAME TO ds_556_v1;
ALTER TABLE ds_557 RENAME TO ds_557_v1;
ALTER TABLE ds_558 RENAME TO ds_558_v1;
ALTER TABLE ds_701 RENAME TO ds_701_v1;
ALTER TABLE ds_702 RENAME TO ds_702_v1;
ALTER TABLE ds_sel RENAME TO ds_sel_v1;
ALTER TABLE ds_inci RENAME TO ds_inci_v1;

CREATE VIEW ds_501 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS operation,
    r.value ->> 8 AS clave,
    r.value ->> 9 AS rfc,
    r.value ->> 10 AS tipo_cambio,
    r.value ->> 11 AS tipo_pedimento,
    r.value ->> 12 AS fecha_recepcion,
    r.value ->> 13 AS fecha_pago,
    r.value ->> 14 AS executed,
    r.value ->> 15 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '501';

CREATE VIEW ds_502 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '502';

CREATE VIEW ds_503 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '503';

CREATE VIEW ds_504 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '504';

CREATE VIEW ds_505 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS fecha_factura,
    r.value ->> 8 AS numero_factura,
    r.value ->> 9 AS moneda,
    r.value ->> 10 AS valor_usd,
    r.value ->> 11 AS proveedor,
    r.value ->> 12 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '505';

CREATE VIEW ds_506 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS tipo_fecha,
    r.value ->> 8 AS fecha,
    r.value ->> 9 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '506';

CREATE VIEW ds_507 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave_caso,
    r.value ->> 8 AS identificador,
    r.value ->> 9 AS complemento,
    r.value ->> 10 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '507';

CREATE VIEW ds_508 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '508';

CREATE VIEW ds_509 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '509';

CREATE VIEW ds_510 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave_contribucion,
    r.value ->> 8 AS forma_pago,
    r.value ->> 9 AS importe,
    r.value ->> 10 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '510';

CREATE VIEW ds_511 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '511';

CREATE VIEW ds_512 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS original_pedimento,
    r.value ->> 8 AS clave_original,
    r.value ->> 9 AS fecha_original,
    r.value ->> 10 AS fraccion_original,
    r.value ->> 11 AS umt,
    r.value ->> 12 AS qty_umt,
    r.value ->> 13 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '512';

CREATE VIEW ds_520 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '520';

CREATE VIEW ds_551 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS fraccion,
    r.value ->> 8 AS nico,
    r.value ->> 9 AS descripcion,
    r.value ->> 10 AS value_usd,
    r.value ->> 11 AS customs_value_mxn,
    r.value ->> 12 AS qty_umc,
    r.value ->> 13 AS umc,
    r.value ->> 14 AS qty_umt,
    r.value ->> 15 AS umt,
    r.value ->> 16 AS origin,
    r.value ->> 17 AS operation,
    r.value ->> 18 AS clave,
    r.value ->> 19 AS fecha_pago,
    r.value ->> 20 AS executed,
    r.value ->> 21 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '551';

CREATE VIEW ds_552 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '552';

CREATE VIEW ds_553 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '553';

CREATE VIEW ds_554 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave_caso,
    r.value ->> 8 AS identificador,
    r.value ->> 9 AS complemento,
    r.value ->> 10 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '554';

CREATE VIEW ds_555 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '555';

CREATE VIEW ds_556 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '556';

CREATE VIEW ds_557 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave_contribucion,
    r.value ->> 8 AS forma_pago,
    r.value ->> 9 AS importe,
    r.value ->> 10 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '557';

CREATE VIEW ds_558 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS secuencia,
    r.value ->> 8 AS observacion,
    r.value ->> 9 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '558';

CREATE VIEW ds_701 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave,
    r.value ->> 8 AS fecha_pago,
    r.value ->> 9 AS anterior_pedimento,
    r.value ->> 10 AS clave_anterior,
    r.value ->> 11 AS fecha_anterior,
    r.value ->> 12 AS original_pedimento,
    r.value ->> 13 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '701';

CREATE VIEW ds_702 AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS clave_contribucion,
    r.value ->> 8 AS forma_pago,
    r.value ->> 9 AS importe,
    r.value ->> 10 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '702';

CREATE VIEW ds_sel AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = 'Sel';

CREATE VIEW ds_inci AS SELECT
    b.program_id AS program_id,
    r.value ->> 0 AS pedimento,
    r.value ->> 1 AS patente,
    r.value ->> 2 AS pedimento7,
    r.value ->> 3 AS seccion,
    r.value ->> 4 AS partida,
    r.value ->> 5 AS row_hash,
    b.folio AS folio,
    r.value ->> 6 AS src_line,
    r.value ->> 7 AS raw
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = 'Inci';
