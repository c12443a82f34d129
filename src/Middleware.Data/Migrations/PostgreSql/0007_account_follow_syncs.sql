-- PostgreSQL translation of ../0007_account_follow_syncs.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- When each person's following list (account_follows) was last read from their home instance, so
-- it is read again only when stale. Only people who opted in to recording have a row (ADR 0016).
-- Numbered 0007: 0006 is taken by work done in parallel.
CREATE TABLE account_follow_syncs (
    follower_uri TEXT   NOT NULL PRIMARY KEY,
    synced_at    BIGINT NOT NULL
);
