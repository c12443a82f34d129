-- PostgreSQL translation of ../0008_upstream_token_per_grant.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Each grant keeps the upstream token of the login that made it (encrypted, ASP.NET Data
-- Protection), so one app's token never carries another app's upstream scopes. Rows from before
-- this migration have null and fall back to client_accounts.upstream_token.

ALTER TABLE oauth_codes ADD COLUMN upstream_token TEXT;

ALTER TABLE oauth_tokens ADD COLUMN upstream_token TEXT;
