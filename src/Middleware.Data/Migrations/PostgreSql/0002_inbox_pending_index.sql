-- PostgreSQL translation of ../0002_inbox_pending_index.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- The worker reads pending entries in id order, after the last id it has seen. A partial index
-- over pending rows only keeps that read cheap however large the processed history grows, and,
-- unlike the (state, next_attempt_at, id) index it replaces, costs nothing once an entry is done.
-- (Partial indexes exist in SQLite and PostgreSQL alike.)
CREATE INDEX ix_inbox_pending_id ON inbox (id) WHERE state = 'pending';
DROP INDEX ix_inbox_due;
