-- The worker reads pending entries in id order, after the last id it has seen. A partial index
-- over pending rows only keeps that read cheap however large the processed history grows, and,
-- unlike the (state, next_attempt_at, id) index it replaces, costs nothing once an entry is done.
-- (Partial indexes exist in SQLite and PostgreSQL alike.)
CREATE INDEX ix_inbox_pending_id ON inbox (id) WHERE state = 'pending';
DROP INDEX ix_inbox_due;
