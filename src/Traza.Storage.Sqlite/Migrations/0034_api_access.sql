-- API keys and the access log of `traza serve` (issue 16 items 1-2; SPEC §5 `traza keys create`, §9 API security;
-- docs/api.md). Neither table is a ledger table (no batch_id/line): keys are credentials, not customs movements, so they
-- are not digested or chained and `traza keys create|revoke` writes no batch (docs/api.md "Keys are not in the chain").
--
-- api_key: one row per key. Only the SHA-256 of the key is stored (key_hash, lowercase hex); the key itself is printed
-- once by `traza keys create` and never stored. role: admin | operator | broker | auditor | authority. client: '' for a
-- program-wide key, else the only client the key may see. revoked_at: NULL while the key works.
CREATE TABLE api_key (
    program_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    key_hash   TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL, -- ISO 8601 UTC, from the injected clock
    created_by TEXT    NOT NULL, -- the operator who ran `traza keys create`
    revoked_at TEXT,             -- ISO 8601 UTC; NULL while the key works
    PRIMARY KEY (program_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX api_key_hash ON api_key (program_id, key_hash);

-- api_access: one row per request made with an authority key (Annex 24 apartado C: the authority's online access is
-- recorded with what it read). Append-only; never holds the key, only its id.
CREATE TABLE api_access (
    program_id INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    key_id     INTEGER NOT NULL,
    role       TEXT    NOT NULL,
    client     TEXT    NOT NULL DEFAULT '',
    at         TEXT    NOT NULL, -- ISO 8601 UTC, from the injected clock
    method     TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    query      TEXT    NOT NULL, -- the query string as sent ('' when none)
    status     INTEGER NOT NULL, -- the HTTP status answered
    rows       INTEGER NOT NULL, -- the rows returned (0 for a refusal or an empty answer)
    PRIMARY KEY (program_id, id)
) WITHOUT ROWID;
