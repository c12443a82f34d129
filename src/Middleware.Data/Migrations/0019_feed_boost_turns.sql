-- Each feed's turn to boost (ADR 0036): when it last boosted. A booster takes the turn with a
-- compare-and-set in the transaction that records the boost and queues its deliveries, so two nodes
-- that both think they lead still send one boost per interval.
CREATE TABLE feed_boost_turns (
    feed        TEXT    NOT NULL PRIMARY KEY,
    boosted_at  BIGINT  NOT NULL
);

INSERT INTO feed_boost_turns (feed, boosted_at)
SELECT feed, MAX(boosted_at) FROM feed_boosts GROUP BY feed;
