-- PostgreSQL twin of Traza.Storage.Sqlite/Migrations/0034_api_access.sql (same tables, same column order). INTEGER is
-- bigint, TEXT is text COLLATE "C".

-- API keys and the access log of `traza serve` (issue 16 items 1-2; SPEC §5 `traza keys create`, §9 API security;
-- docs/api.md). Neither table is a ledger table (no batch_id/line): keys are credentials, not customs movements, so they
-- are not digested or chained and `traza keys create|revoke` writes no batch (docs/api.md "Keys are not in the chain").
-- Only the SHA-256 of a key is stored; the key itself is printed once and never stored.
CREATE TABLE api_key (
    program_id bigint NOT NULL,
    id         bigint NOT NULL,
    key_hash   text COLLATE "C" NOT NULL,
    role       text COLLATE "C" NOT NULL,
    client     text COLLATE "C" NOT NULL DEFAULT '',
    created_at text COLLATE "C" NOT NULL,
    created_by text COLLATE "C" NOT NULL,
    revoked_at text COLLATE "C",
    PRIMARY KEY (program_id, id)
);
CREATE UNIQUE INDEX api_key_hash ON api_key (program_id, key_hash);

-- One row per request made with an authority key (Annex 24 apartado C). Append-only; never holds the key, only its id.
CREATE TABLE api_access (
    program_id bigint NOT NULL,
    id         bigint NOT NULL,
    key_id     bigint NOT NULL,
    role       text COLLATE "C" NOT NULL,
    client     text COLLATE "C" NOT NULL DEFAULT '',
    at         text COLLATE "C" NOT NULL,
    method     text COLLATE "C" NOT NULL,
    path       text COLLATE "C" NOT NULL,
    query      text COLLATE "C" NOT NULL,
    status     bigint NOT NULL,
    rows       bigint NOT NULL,
    PRIMARY KEY (program_id, id)
);
