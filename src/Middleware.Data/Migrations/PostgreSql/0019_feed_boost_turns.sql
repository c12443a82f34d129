-- PostgreSQL translation of ../0019_feed_boost_turns.sql (ADR 0032): the same table.
-- Each feed's turn to boost (ADR 0036): when it last boosted, taken by compare-and-set.
CREATE TABLE feed_boost_turns (
    feed        TEXT    NOT NULL PRIMARY KEY,
    boosted_at  BIGINT  NOT NULL
);

INSERT INTO feed_boost_turns (feed, boosted_at)
SELECT feed, MAX(boosted_at) FROM feed_boosts GROUP BY feed;
