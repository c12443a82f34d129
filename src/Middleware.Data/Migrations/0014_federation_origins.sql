-- Federation hardening (issue 11, ADR 0024): ids are unique per sender, not world-wide, and a stored
-- post remembers how it arrived.
-- SQLite cannot drop a column's UNIQUE constraint, so the two tables are rebuilt (copy, drop, rename;
-- valid in PostgreSQL too). The inbox is the audit trail and may be large: this copies it once.

-- The inbox: a redelivery is the same activity id from the same signer. Keyed by id alone, anyone
-- who sent an id first (a relay "forwarding" a predictable …#delete, say) made the real one a
-- silent duplicate.
CREATE TABLE inbox_v14 (
    id              INTEGER NOT NULL PRIMARY KEY,
    activity_id     TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    actor_uri       TEXT    NOT NULL,
    signer_uri      TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    local_recipient TEXT,
    received_at     BIGINT  NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    note            TEXT,
    processed_at    BIGINT,
    UNIQUE (activity_id, signer_uri)
);
INSERT INTO inbox_v14 (id, activity_id, type, actor_uri, signer_uri, body, local_recipient, received_at,
                       state, attempts, next_attempt_at, note, processed_at)
SELECT id, activity_id, type, actor_uri, signer_uri, body, local_recipient, received_at,
       state, attempts, next_attempt_at, note, processed_at
FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_v14 RENAME TO inbox;
CREATE INDEX ix_inbox_pending_id ON inbox (id) WHERE state = 'pending';

-- Interactions: an activity id names one actor's act; another actor's act with the same id (only
-- possible for actors of one host, since the id must be on the actor's host) is a different row.
CREATE TABLE interactions_v14 (
    id           INTEGER NOT NULL PRIMARY KEY,
    activity_uri TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    actor_uri    TEXT    NOT NULL,
    post_uri     TEXT    NOT NULL REFERENCES posts (uri) ON DELETE CASCADE,
    occurred_at  BIGINT  NOT NULL,
    UNIQUE (actor_uri, activity_uri)
);
INSERT INTO interactions_v14 (id, activity_uri, kind, actor_uri, post_uri, occurred_at)
SELECT id, activity_uri, kind, actor_uri, post_uri, occurred_at FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_v14 RENAME TO interactions;
CREATE INDEX ix_interactions_post ON interactions (post_uri, kind, occurred_at);
-- (actor_uri, activity_uri) is covered by the unique constraint; this one serves "by actor, by time".
CREATE INDEX ix_interactions_actor ON interactions (actor_uri, occurred_at);
CREATE UNIQUE INDEX ux_interactions_once ON interactions (kind, actor_uri, post_uri)
    WHERE kind <> 'reply';

-- How a post arrived: 'federation' (an activity or a fetch from its origin), 'poll' (a REST timeline)
-- or 'import'. A federated copy is never overwritten by a polled one. Posts from before this
-- migration count as federated: the safe side, at the cost of polled edits to them.
ALTER TABLE posts ADD COLUMN origin TEXT NOT NULL DEFAULT 'federation';
