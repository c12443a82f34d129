-- PostgreSQL translation of ../0006_home_feeds.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- A person may choose a feed (rather than a bare ranker) for their home timeline, and a feed may
-- add some of its own top posts to the home timelines of the people who chose it.

ALTER TABLE feeds ADD COLUMN home_candidates BIGINT NOT NULL DEFAULT 0;

-- The feed's name; null when the person chose a ranker (client_accounts.ranker) instead.
ALTER TABLE client_accounts ADD COLUMN feed TEXT;
