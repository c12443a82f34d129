-- The Mastodon client API (issue 4): apps that log in through the service, the accounts they act
-- for, and the service's own registration at each home instance. Secrets we hand out (codes,
-- tokens) are stored as SHA-256 hashes; the upstream token is stored encrypted by the host.

CREATE TABLE client_apps (
    client_id     TEXT   NOT NULL PRIMARY KEY,
    client_secret TEXT   NOT NULL, -- SHA-256 hash
    name          TEXT   NOT NULL,
    website       TEXT,
    redirect_uris TEXT   NOT NULL, -- one per line
    scopes        TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);

-- One row per person who logged in: their account at their home instance.
CREATE TABLE client_accounts (
    id               INTEGER PRIMARY KEY,
    instance_host    TEXT   NOT NULL,
    upstream_id      TEXT   NOT NULL,
    acct             TEXT   NOT NULL,
    actor_uri        TEXT   NOT NULL,
    upstream_token   TEXT   NOT NULL, -- encrypted (ASP.NET Data Protection)
    ranker           TEXT   NOT NULL DEFAULT 'chronological',
    ranker_parameters TEXT  NOT NULL DEFAULT '{}',
    record_interactions INTEGER NOT NULL DEFAULT 0,
    updated_at       BIGINT NOT NULL,
    UNIQUE (instance_host, upstream_id)
);

-- The authorize step between our handle form and the home instance's callback. The id is the
-- OAuth state sent upstream: random, single use, short-lived.
CREATE TABLE oauth_pending_logins (
    state                 TEXT   NOT NULL PRIMARY KEY,
    client_id             TEXT   NOT NULL REFERENCES client_apps (client_id) ON DELETE CASCADE,
    redirect_uri          TEXT   NOT NULL,
    scopes                TEXT   NOT NULL,
    app_state             TEXT,
    code_challenge        TEXT,
    code_challenge_method TEXT,
    instance_host         TEXT,
    expires_at            BIGINT NOT NULL
);

CREATE TABLE oauth_codes (
    code_hash             TEXT    NOT NULL PRIMARY KEY,
    client_id             TEXT    NOT NULL REFERENCES client_apps (client_id) ON DELETE CASCADE,
    account_id            INTEGER NOT NULL REFERENCES client_accounts (id) ON DELETE CASCADE,
    redirect_uri          TEXT    NOT NULL,
    scopes                TEXT    NOT NULL,
    code_challenge        TEXT,
    code_challenge_method TEXT,
    expires_at            BIGINT  NOT NULL
);

CREATE TABLE oauth_tokens (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    client_id   TEXT    NOT NULL REFERENCES client_apps (client_id) ON DELETE CASCADE,
    account_id  INTEGER REFERENCES client_accounts (id) ON DELETE CASCADE, -- null: the app's own token
    scopes      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    revoked_at  BIGINT
);

-- The service registers itself once per home instance as a Mastodon app.
CREATE TABLE upstream_registrations (
    instance_host TEXT   NOT NULL PRIMARY KEY,
    client_id     TEXT   NOT NULL,
    client_secret TEXT   NOT NULL, -- encrypted (ASP.NET Data Protection)
    redirect_uri  TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
