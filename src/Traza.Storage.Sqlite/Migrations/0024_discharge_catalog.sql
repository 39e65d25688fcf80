-- Derived discharge data: the catalog a full run used (parts and BOM rows mapped to the engine's indexes, CatalogCodec),
-- so the incremental runs that follow read one blob instead of every part and BOM row (docs/architecture.md Decision 2).
-- Written by each full run; parts and BOM imports force the next run to be full.
CREATE TABLE discharge_catalog (
    program_id INTEGER NOT NULL PRIMARY KEY,
    data       BLOB    NOT NULL
);
