-- PostgreSQL translation of ../0010_person_signals.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Signals people give through the service (issue 9): feed interactions (Bluesky's sendInteractions)
-- and votes, for people who opted in to recording (ADR 0020). Event names are fixed lower-case text:
-- request_more, request_less, seen, like, boost, reply, clickthrough, agree, disagree, pass.

CREATE TABLE person_signals (
    person_uri   TEXT   NOT NULL, -- the person's actor id, from their token, never from a request body
    post_uri     TEXT   NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    event        TEXT   NOT NULL,
    feed         TEXT   NOT NULL,
    feed_context TEXT,            -- the skeleton item's feedContext, echoed back
    request_id   TEXT,            -- the skeleton response's reqId, echoed back
    at           BIGINT NOT NULL
);

-- One interaction per (person, post, event): a batch sent twice is no change.
CREATE UNIQUE INDEX ux_person_signals_once ON person_signals (person_uri, post_uri, event)
    WHERE event NOT IN ('agree', 'disagree', 'pass');
-- One vote per (person, post, feed): a new vote replaces the earlier one.
CREATE UNIQUE INDEX ux_person_signals_vote ON person_signals (person_uri, post_uri, feed)
    WHERE event IN ('agree', 'disagree', 'pass');
-- A person's own signals (their votes in a feed, see and delete everything).
CREATE INDEX ix_person_signals_person ON person_signals (person_uri, feed);
-- Candidate features, reached from the window's posts.
CREATE INDEX ix_person_signals_post ON person_signals (post_uri, event, person_uri);
-- The bridging refit reads everything since its lookback.
CREATE INDEX ix_person_signals_at ON person_signals (at);
