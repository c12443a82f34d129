-- The refit history of model-backed rankers (issue 12, admin pages): one row per refit, failed ones
-- included. model_fits keeps only the last few successful fits; this keeps the outcome of each.
CREATE TABLE refit_history (
    id                 INTEGER PRIMARY KEY,
    ranker             TEXT    NOT NULL,
    started_at         BIGINT  NOT NULL,
    duration_ms        BIGINT  NOT NULL,
    succeeded          INTEGER NOT NULL, -- 0 or 1
    error              TEXT,
    signals            INTEGER NOT NULL,
    ratings            INTEGER NOT NULL,
    raters             INTEGER NOT NULL,
    posts              INTEGER NOT NULL,
    coordinated_groups INTEGER NOT NULL
);
CREATE INDEX ix_refit_history_started ON refit_history (started_at DESC);
