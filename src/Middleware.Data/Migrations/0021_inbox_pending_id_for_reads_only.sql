-- The inbox's two partial indexes over pending entries keep index entries of processed rows until a
-- vacuum removes them, and a planner that sees them as nearly empty (their live rows are few) may scan
-- either for any query that says state = 'pending'. On PostgreSQL under load it scanned
-- ix_inbox_pending_id, thousands of dead entries long, for each "earliest pending entry of this
-- actor" probe, instead of the actor's own few in ix_inbox_pending_actor (ADR 0044). The id index is
-- now for the reads of due entries in id order only: its predicate also names next_attempt_at, which
-- those reads compare (so they imply it) and the probes, asking "due or held", do not.
DROP INDEX ix_inbox_pending_id;
CREATE INDEX ix_inbox_pending_id ON inbox (id) WHERE state = 'pending' AND next_attempt_at IS NOT NULL;
