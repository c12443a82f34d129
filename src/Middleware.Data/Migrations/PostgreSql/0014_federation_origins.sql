-- PostgreSQL translation of ../0014_federation_origins.sql (ADR 0032). SQLite rebuilds the two tables
-- to drop a column's UNIQUE constraint; PostgreSQL drops and adds constraints in place, which keeps the
-- identity sequences and does not copy the inbox. The resulting schema is the same (MigrationParityTests).

-- The inbox: a redelivery is the same activity id from the same signer.
ALTER TABLE inbox DROP CONSTRAINT inbox_activity_id_key;
ALTER TABLE inbox ADD CONSTRAINT inbox_activity_id_signer_uri_key UNIQUE (activity_id, signer_uri);

-- Interactions: an activity id names one actor's act.
ALTER TABLE interactions DROP CONSTRAINT interactions_activity_uri_key;
ALTER TABLE interactions ADD CONSTRAINT interactions_actor_uri_activity_uri_key UNIQUE (actor_uri, activity_uri);

-- How a post arrived: 'federation', 'poll' or 'import'. Posts from before count as federated.
ALTER TABLE posts ADD COLUMN origin TEXT NOT NULL DEFAULT 'federation';
