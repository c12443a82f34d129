-- PostgreSQL translation of ../0013_feed_surfaces.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Feeds reach people through the surfaces their apps keep in the server's order (issue 10,
-- ADR 0023): the feeds a person reads as lists, and the feed answering their trending posts.

-- The chosen feeds' names as a JSON array of strings, in the person's order; null for none.
ALTER TABLE client_accounts ADD COLUMN list_feeds TEXT;

-- The feed answering GET /api/v1/trends/statuses for this person; null for the instance's default.
ALTER TABLE client_accounts ADD COLUMN trends_feed TEXT;
