-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0033_program_terms.sql (same tables, same column order: the batch digest
-- and the chain hashes read columns in declaration order). INTEGER is bigint, TEXT is text COLLATE "C" (ordinal
-- ordering, as SQLite's BINARY); dates stay text so digests match SQLite's byte for byte.

-- The program's term options (issue 14 item 1; docs/terms.md "Program options"; SPEC §3.7): the optional rule sets, the
-- CFF art. 12 readings and the cancellation window, switchable per program by `traza init` and `traza program set`.
-- One row per change, each in its own batch (layout `program`), so the options are a ledger table like any other:
-- digested, chained, append-only. The options in force are the last row (by seq); earlier rows are the history that
-- `traza program show` lists. No row: the defaults (no optional set, last day of the month, no business-day shift,
-- not cancelled, a 60-day window).
CREATE TABLE program_terms (
    program_id        bigint NOT NULL,
    client            text COLLATE "C" NOT NULL DEFAULT '',
    seq               bigint NOT NULL, -- the id of the batch that recorded the options
    term_sets         text COLLATE "C" NOT NULL, -- optional set names joined by commas ('' = none)
    missing_day       text COLLATE "C" NOT NULL, -- last_day | first_business_day (CFF art. 12)
    business_day      text COLLATE "C" NOT NULL, -- yes | no (CFF art. 12)
    cancelled_on      text COLLATE "C",          -- the program's cancellation date, NULL while not cancelled
    cancellation_days bigint NOT NULL,           -- art. 108 reformed: 60; RGCE rule 4.3.8: 180
    batch_id          bigint NOT NULL,
    line              bigint NOT NULL,
    PRIMARY KEY (program_id, client, seq)
);
CREATE INDEX program_terms_batch ON program_terms (batch_id, line);
