-- The program's term options (issue 14 item 1; docs/terms.md "Program options"; SPEC §3.7): the optional rule sets, the
-- CFF art. 12 readings and the cancellation window, switchable per program by `traza init` and `traza program set`.
-- One row per change, each in its own batch (layout `program`), so the options are a ledger table like any other:
-- digested, chained, append-only. The options in force are the last row (by seq); earlier rows are the history that
-- `traza program show` lists. No row: the defaults (no optional set, last day of the month, no business-day shift,
-- not cancelled, a 60-day window).
CREATE TABLE program_terms (
    program_id        INTEGER NOT NULL,
    client            TEXT    NOT NULL DEFAULT '',
    seq               INTEGER NOT NULL, -- the id of the batch that recorded the options
    term_sets         TEXT    NOT NULL, -- optional set names joined by commas ('' = none): v1_6_months, oea_36_months, industry_5_10_years
    missing_day       TEXT    NOT NULL, -- last_day | first_business_day (CFF art. 12)
    business_day      TEXT    NOT NULL, -- yes | no: a months deadline on a non-business day moves to the next one (CFF art. 12)
    cancelled_on      TEXT,             -- the program's cancellation date, NULL while not cancelled
    cancellation_days INTEGER NOT NULL, -- days after the cancellation (art. 108 reformed: 60; RGCE rule 4.3.8: 180)
    batch_id          INTEGER NOT NULL,
    line              INTEGER NOT NULL,
    PRIMARY KEY (program_id, client, seq)
) WITHOUT ROWID;
CREATE INDEX program_terms_batch ON program_terms (batch_id, line);
