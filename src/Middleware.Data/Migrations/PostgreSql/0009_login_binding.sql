-- PostgreSQL translation of ../0009_login_binding.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- A pending login is bound to the browser that opened the handle form: the SHA-256 hash of a
-- random cookie set there, required again on the form post and the callback (ADR 0017).
-- Rows from before this column have none and are refused; they live ten minutes.

ALTER TABLE oauth_pending_logins ADD COLUMN browser_binding TEXT;
