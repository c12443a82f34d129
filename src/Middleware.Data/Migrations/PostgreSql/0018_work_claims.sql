-- PostgreSQL translation of ../0018_work_claims.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Several nodes on one database (issue 13, ADR 0035): a node claims inbox entries and deliveries
-- before working on them, for a lease it keeps renewing. claimed_by names the node
-- (NodeIdentity), claimed_until is when its lease runs out (Unix ms); NULL means unclaimed.
-- An entry is claimable when it is unclaimed or its lease ran out.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE inbox ADD COLUMN claimed_until BIGINT;
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN claimed_until BIGINT;
-- A claim skips an entry whose actor has an earlier pending entry that someone else holds or may
-- be taking: one probe per claimed entry into the pending rows of its actor.
CREATE INDEX ix_inbox_pending_actor ON inbox (actor_uri, id) WHERE state = 'pending';
