-- PostgreSQL translation of ../0020_shared_keys_and_windows.sql (ADR 0032): the same tables.
-- The Data Protection key ring in the database (ADR 0037), so that every node sharing the database
-- reads what another protected (upstream tokens, admin cookies).
CREATE TABLE data_protection_keys (
    name       TEXT   PRIMARY KEY, -- the framework's friendly name ("key-{guid}", "revocation-…")
    xml        TEXT   NOT NULL,    -- the element as the framework wrote it (encrypted when a certificate is set)
    created_at BIGINT NOT NULL
);

-- Ranked windows that cursors name (home timeline pages, open-feed snapshots), written when ranked so that a page
-- asked of another node continues the same window (ADR 0037). Kept until expires_at; only on
-- PostgreSQL (several nodes), SQLite keeps them in memory alone.
CREATE TABLE ranked_windows (
    kind       TEXT   NOT NULL, -- "home", "home-latest" (payload: the id of the person's latest window),
                                -- "feed-snapshot", or "cursor-key" (the key that signs skeleton cursors)
    id         TEXT   NOT NULL,
    owner      TEXT   NOT NULL, -- whose window it is; a lookup names the owner, so nobody reads another's
    payload    TEXT   NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX ix_ranked_windows_expires ON ranked_windows (expires_at);
