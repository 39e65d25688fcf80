-- Issue 12: twin of Traza.Storage.Postgres/Migrations/0030_datastage_natural_row_hash.sql. The ds_501 and ds_551 views
-- show each row's content hash as row_hash, as the other ds views do (the blocks always kept it): PostgreSQL now stores
-- it in those two tables to merge exactly as DataStageBlockStore.Keep does, and both stores keep the same columns.
-- The views are recreated with row_hash last, after raw (PostgreSQL appends the column).

DROP VIEW ds_501;
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
    r.value ->> 15 AS raw,
    r.value ->> 5 AS row_hash
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '501';

DROP VIEW ds_551;
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
    r.value ->> 21 AS raw,
    r.value ->> 5 AS row_hash
FROM ds_block b, json_each(ds_rows(b.tabla, b.data, b.dead)) r WHERE b.tabla = '551';
