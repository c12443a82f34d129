-- Initial schema (SQLite). Portable by design: timestamps are BIGINT unix milliseconds (UTC),
-- booleans INTEGER 0/1, enums lower-case TEXT, lists in child tables. The PostgreSQL script
-- will differ only in using identity columns where this one uses INTEGER PRIMARY KEY.

CREATE TABLE local_actors (
    username        TEXT    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    display_name    TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    public_key_pem  TEXT    NOT NULL,
    private_key_pem TEXT    NOT NULL,
    discoverable    INTEGER NOT NULL,
    created_at      BIGINT  NOT NULL
);

CREATE TABLE remote_actors (
    uri            TEXT    NOT NULL PRIMARY KEY,
    inbox          TEXT    NOT NULL,
    shared_inbox   TEXT,
    username       TEXT,
    host           TEXT    NOT NULL,
    display_name   TEXT,
    url            TEXT,
    type           TEXT,
    public_key_id  TEXT,
    public_key_pem TEXT,
    discoverable   INTEGER NOT NULL,
    indexable      INTEGER,
    fetched_at     BIGINT  NOT NULL
);
CREATE INDEX ix_remote_actors_public_key_id ON remote_actors (public_key_id);
CREATE INDEX ix_remote_actors_host ON remote_actors (host);

CREATE TABLE actor_tombstones (
    uri        TEXT   NOT NULL PRIMARY KEY,
    deleted_at BIGINT NOT NULL
);

CREATE TABLE posts (
    uri             TEXT    NOT NULL PRIMARY KEY,
    url             TEXT,
    author_uri      TEXT    NOT NULL,
    instance        TEXT    NOT NULL,
    content_html    TEXT,
    content_text    TEXT    NOT NULL,
    language        TEXT,
    published_at    BIGINT  NOT NULL,
    updated_at      BIGINT,
    in_reply_to_uri TEXT,
    content_warning TEXT,
    sensitive       INTEGER NOT NULL,
    media_count     INTEGER NOT NULL,
    visibility      TEXT    NOT NULL,
    object_type     TEXT    NOT NULL,
    stored_at       BIGINT  NOT NULL
);
CREATE INDEX ix_posts_published ON posts (published_at DESC);
CREATE INDEX ix_posts_author ON posts (author_uri, published_at DESC);
-- Every index is paid for on each ingested post; add more with the queries that need them.

CREATE TABLE post_hashtags (
    post_uri TEXT NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (post_uri, tag)
);
CREATE INDEX ix_post_hashtags_tag ON post_hashtags (tag, post_uri);

CREATE TABLE post_mentions (
    post_uri  TEXT NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    actor_uri TEXT NOT NULL,
    PRIMARY KEY (post_uri, actor_uri)
);
CREATE INDEX ix_post_mentions_actor ON post_mentions (actor_uri, post_uri);

CREATE TABLE post_tombstones (
    uri        TEXT   NOT NULL PRIMARY KEY,
    deleted_at BIGINT NOT NULL
);

CREATE TABLE interactions (
    id           INTEGER NOT NULL PRIMARY KEY,
    activity_uri TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    actor_uri    TEXT    NOT NULL,
    post_uri     TEXT    NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    occurred_at  BIGINT  NOT NULL
);
CREATE INDEX ix_interactions_post ON interactions (post_uri, kind, occurred_at);
CREATE INDEX ix_interactions_actor ON interactions (actor_uri, occurred_at);
-- One boost and one favourite per actor and post; replies may repeat.
CREATE UNIQUE INDEX ux_interactions_once ON interactions (kind, actor_uri, post_uri)
    WHERE kind <> 'reply';

CREATE TABLE followers (
    local_username      TEXT   NOT NULL,
    actor_uri           TEXT   NOT NULL,
    inbox               TEXT   NOT NULL,
    shared_inbox        TEXT,
    follow_activity_uri TEXT   NOT NULL,
    since               BIGINT NOT NULL,
    PRIMARY KEY (local_username, actor_uri)
);
CREATE INDEX ix_followers_actor ON followers (actor_uri);

CREATE TABLE blocks (
    local_username TEXT   NOT NULL,
    actor_uri      TEXT   NOT NULL,
    activity_uri   TEXT   NOT NULL,
    blocked_at     BIGINT NOT NULL,
    PRIMARY KEY (local_username, actor_uri)
);

CREATE TABLE sources (
    id                  INTEGER NOT NULL PRIMARY KEY,
    type                TEXT    NOT NULL,
    target              TEXT    NOT NULL,
    local_timeline      INTEGER NOT NULL,
    state               TEXT    NOT NULL,
    follow_activity_uri TEXT,
    last_error          TEXT,
    poll_cursor         TEXT,
    next_poll_at        BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    UNIQUE (type, target, local_timeline)
);
CREATE INDEX ix_sources_follow_activity ON sources (follow_activity_uri);
CREATE INDEX ix_sources_due ON sources (type, next_poll_at);

CREATE TABLE inbox (
    id              INTEGER NOT NULL PRIMARY KEY,
    activity_id     TEXT    NOT NULL UNIQUE,
    type            TEXT    NOT NULL,
    actor_uri       TEXT    NOT NULL,
    signer_uri      TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    local_recipient TEXT,
    received_at     BIGINT  NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    note            TEXT,
    processed_at    BIGINT
);
CREATE INDEX ix_inbox_due ON inbox (state, next_attempt_at, id);

CREATE TABLE deliveries (
    id              INTEGER NOT NULL PRIMARY KEY,
    activity_id     TEXT    NOT NULL,
    inbox_url       TEXT    NOT NULL,
    sender_username TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    state           TEXT    NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    UNIQUE (activity_id, inbox_url)
);
CREATE INDEX ix_deliveries_due ON deliveries (state, next_attempt_at);
