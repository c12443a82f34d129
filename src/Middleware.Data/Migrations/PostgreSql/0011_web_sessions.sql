-- PostgreSQL translation of ../0011_web_sessions.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Web pages (issue 9): signing in with a fediverse handle on the service's own pages, the sessions
-- that follow, and a person's consent to the vote page recording their votes (ADR 0021).
-- Secrets handed to browsers (session cookies) are stored as SHA-256 hashes, like OAuth tokens.

-- A web sign-in between the handle form and the home instance's callback. The state is what is
-- sent upstream ("web." and 256 random bits); single use, short-lived, bound to the browser that
-- posted the form by the SHA-256 of a cookie (as oauth_pending_logins, ADR 0017).
CREATE TABLE web_sign_ins (
    state           TEXT   NOT NULL PRIMARY KEY,
    return_path     TEXT   NOT NULL, -- a local path checked before it was stored
    instance_host   TEXT   NOT NULL,
    browser_binding TEXT   NOT NULL,
    expires_at      BIGINT NOT NULL
);

-- A signed-in browser. The account row is the same as for the client API; a person who signed in
-- on the web only has an empty upstream_token there (the web keeps no token of theirs).
CREATE TABLE web_sessions (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES client_accounts (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);

CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- The person agreed, once, to the vote page recording their votes with their account.
CREATE TABLE vote_consents (
    account_id   BIGINT NOT NULL PRIMARY KEY REFERENCES client_accounts (id) ON DELETE CASCADE,
    consented_at BIGINT  NOT NULL
);

-- Every vote page reads the person's votes in the feed (IPersonSignalStore.VotesAsync): from this
-- index alone, not one table row per vote (a person who voted on 500 posts: ~2.5 ms → ~0.6 ms).
CREATE INDEX ix_person_signals_votes ON person_signals (person_uri, feed, post_uri, event)
    WHERE event IN ('agree', 'disagree', 'pass');
