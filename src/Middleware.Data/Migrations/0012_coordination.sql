-- The coordination guard and the bridging model's persistence (issue 9).

-- Fitted models, so a restarted service ranks with its last model. The model is the ranker's own
-- serialisation; only the last few fits of each ranker are kept.
CREATE TABLE model_fits (
    id        INTEGER PRIMARY KEY,
    ranker    TEXT   NOT NULL,
    fitted_at BIGINT NOT NULL,
    report    TEXT   NOT NULL, -- JSON
    model     BLOB   NOT NULL  -- BYTEA in PostgreSQL
);
CREATE INDEX ix_model_fits_ranker ON model_fits (ranker, fitted_at DESC);

-- Groups of accounts found acting together, kept for audits. A group found again by a later refit
-- (the same members: the same fingerprint) is the same row, with its last detection updated. Post
-- uris are not foreign keys: an audit must still show posts that were deleted since.
CREATE TABLE coordinated_groups (
    id               INTEGER PRIMARY KEY,
    fingerprint      TEXT    NOT NULL UNIQUE, -- SHA-256 of the sorted member uris
    kind             TEXT    NOT NULL,
    score            REAL    NOT NULL,
    members          INTEGER NOT NULL,
    first_action_at  BIGINT,
    last_action_at   BIGINT,
    reasons          TEXT    NOT NULL, -- JSON array of sentences
    first_detected_at BIGINT NOT NULL,
    last_detected_at BIGINT  NOT NULL,
    detections       INTEGER NOT NULL
);
CREATE INDEX ix_coordinated_groups_detected ON coordinated_groups (last_detected_at);

CREATE TABLE coordinated_group_members (
    group_id  INTEGER NOT NULL REFERENCES coordinated_groups (id) ON DELETE CASCADE,
    actor_uri TEXT    NOT NULL,
    PRIMARY KEY (group_id, actor_uri)
);
CREATE INDEX ix_coordinated_group_members_actor ON coordinated_group_members (actor_uri);

CREATE TABLE coordinated_group_posts (
    group_id INTEGER NOT NULL REFERENCES coordinated_groups (id) ON DELETE CASCADE,
    post_uri TEXT    NOT NULL,
    members  INTEGER NOT NULL,
    first_at BIGINT  NOT NULL,
    last_at  BIGINT  NOT NULL,
    PRIMARY KEY (group_id, post_uri)
);

-- When accounts were created: from their actor documents ("published") and from imports. New
-- accounts crowding a post's minutes are evidence of coordination.
CREATE TABLE account_facts (
    actor_uri  TEXT   NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- A SimHash of each post's text (Middleware.Core.Posts.TextFingerprint), computed when the post is
-- stored, so near-duplicate texts from several accounts can be found without reading every text.
-- Null for texts too short to tell, and for posts stored before this migration.
ALTER TABLE posts ADD COLUMN text_fingerprint BIGINT;
