-- PostgreSQL translation of ../0003_ranking_signals.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Signals beyond boosts, for rankers (issue 3).

-- What the service served to whom: one row per viewer and post, counting repeats.
CREATE TABLE impressions (
    viewer_uri      TEXT    NOT NULL,
    post_uri        TEXT    NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    feed            TEXT    NOT NULL,
    first_served_at BIGINT  NOT NULL,
    last_served_at  BIGINT  NOT NULL,
    times           BIGINT NOT NULL,
    PRIMARY KEY (viewer_uri, post_uri)
);
CREATE INDEX ix_impressions_post ON impressions (post_uri);

-- Whom a viewer follows, as their home instance reports it (filled by the client API), so
-- candidates can say whether the viewer follows the author.
CREATE TABLE account_follows (
    follower_uri TEXT   NOT NULL,
    followed_uri TEXT   NOT NULL,
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (follower_uri, followed_uri)
);

-- Candidate generation walks ix_posts_published (newest first) and filters visibility on the
-- way: almost every stored post is public, so a (visibility, published_at) index would cost every
-- ingested post a write and save nothing.

-- Explicit "show less" is an interaction of kind 'disagree' (one per actor and post, like
-- boosts and favourites): no schema change needed beyond the kind's text.
