-- Feeds reach people through the surfaces their apps keep in the server's order (issue 10,
-- ADR 0023): the feeds a person reads as lists, and the feed answering their trending posts.

-- The chosen feeds' names as a JSON array of strings, in the person's order; null for none.
ALTER TABLE client_accounts ADD COLUMN list_feeds TEXT;

-- The feed answering GET /api/v1/trends/statuses for this person; null for the instance's default.
ALTER TABLE client_accounts ADD COLUMN trends_feed TEXT;
