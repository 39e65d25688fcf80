-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0038_reconcile_result.sql (same columns, same order).

-- The last reconciliation computed for each scope (issue 13 item 7; docs/cli.md "report reconcile", "Stored findings"):
-- `traza report reconcile` and the API serve the findings from here while nothing they depend on changed, instead of
-- comparing the whole ledger with every Data Stage package again per request. Derived data, not ledger: a cache keyed
-- by what the findings are a function of — the scope (client, '' for the whole program), the as-of date, the
-- tolerances (`options`) and `stamp` (the last batch's id and digest, the stored discharge run and the Traza version).
-- Any difference and the findings are recomputed and the row replaced. `digest` is the SHA-256 of the other columns;
-- a row whose digest does not match is never served, and `traza audit verify` names it.
CREATE TABLE reconcile_result (
    program_id  bigint NOT NULL,
    scope       text COLLATE "C" NOT NULL, -- the client, or '' for the whole program
    as_of       text COLLATE "C" NOT NULL, -- YYYY-MM-DD
    options     text COLLATE "C" NOT NULL, -- the tolerances
    stamp       text COLLATE "C" NOT NULL, -- what the findings depend on (docs/cli.md)
    computed_at text COLLATE "C" NOT NULL, -- ISO 8601 UTC
    rows        bigint NOT NULL,           -- the number of findings
    findings    text COLLATE "C" NOT NULL, -- the findings as a JSON array of the report's rows
    digest      text COLLATE "C" NOT NULL, -- SHA-256 (hex) of the columns above
    PRIMARY KEY (program_id, scope)
);
