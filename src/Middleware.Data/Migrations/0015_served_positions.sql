-- The amplification audit (issue 12, ADR 0028): what feeds served, anonymously. No viewer is stored.

-- Feeds and posts by small integer ids, so a served position is a few integers (~1,000,000 a week).
CREATE TABLE audit_feeds (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

-- What the audit groups a post by, kept when it was served: the post may be deleted since, and an audit
-- must still count it. coordination is the share of its endorsers in flagged groups, last time served.
CREATE TABLE audit_posts (
    id           INTEGER PRIMARY KEY,
    uri          TEXT    NOT NULL UNIQUE,
    author       TEXT    NOT NULL,
    instance     TEXT    NOT NULL,
    language     TEXT,
    published_at BIGINT  NOT NULL,
    coordination REAL    NOT NULL
);

-- One row per served position: the post the feed put there and the post chronological order of the same
-- candidates would have put there (null when there was none). served_at is unix seconds.
CREATE TABLE served_positions (
    id               INTEGER PRIMARY KEY,
    feed_id          INTEGER NOT NULL,
    served_at        BIGINT  NOT NULL,
    surface          INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    post_id          INTEGER NOT NULL,
    baseline_post_id INTEGER
);
-- Covers the audit's counting query: a range of one feed is read from the index alone.
CREATE INDEX ix_served_positions_audit ON served_positions (feed_id, served_at, post_id, baseline_post_id);
