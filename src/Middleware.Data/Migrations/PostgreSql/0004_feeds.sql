-- PostgreSQL translation of ../0004_feeds.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Feeds (issue 4): definitions, their history, and what each feed account boosted.

CREATE TABLE feeds (
    name                   TEXT    NOT NULL PRIMARY KEY,
    display_name           TEXT    NOT NULL,
    description            TEXT    NOT NULL,
    source_ids             TEXT,
    filters                TEXT,
    ranker                 TEXT    NOT NULL,
    parameters             TEXT    NOT NULL,
    boost_interval_seconds BIGINT NOT NULL,
    max_boosts_per_hour    BIGINT NOT NULL,
    is_public              BIGINT NOT NULL,
    version                BIGINT NOT NULL,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL
);

-- Every version of every feed, as it was, so a ranking can be traced to the definition that made it.
CREATE TABLE feed_versions (
    name        TEXT    NOT NULL,
    version     BIGINT NOT NULL,
    definition  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (name, version)
);

-- One boost per feed and post, ever; undone_at is set when the boost was withdrawn.
CREATE TABLE feed_boosts (
    feed          TEXT    NOT NULL,
    post_uri      TEXT    NOT NULL,
    activity_id   TEXT    NOT NULL UNIQUE,
    feed_version  BIGINT NOT NULL,
    boosted_at    BIGINT  NOT NULL,
    undone_at     BIGINT,
    PRIMARY KEY (feed, post_uri)
);
CREATE INDEX ix_feed_boosts_recent ON feed_boosts (feed, boosted_at);

-- Whether authors allow their posts in discovery features (Mastodon's `discoverable`, and
-- `indexable`, FEP-5feb), as their accounts said through the REST API. Authors fetched over
-- ActivityPub have the same flags in remote_actors; a feed shown to non-followers needs both
-- sources to agree that the author consents.
CREATE TABLE author_consent (
    actor_uri    TEXT    NOT NULL PRIMARY KEY,
    discoverable BIGINT NOT NULL,
    indexable    BIGINT,
    updated_at   BIGINT  NOT NULL
);
