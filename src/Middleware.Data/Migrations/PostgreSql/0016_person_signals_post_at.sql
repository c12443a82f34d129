-- PostgreSQL translation of ../0016_person_signals_post_at.sql (ADR 0032): INTEGER is BIGINT (SQLite integers are 64-bit),
-- INTEGER PRIMARY KEY ids are identity columns, REAL is DOUBLE PRECISION, BLOB is BYTEA.
-- Replay as of a past moment (ADR 0029) reads only the person signals given before it. With `at` in
-- the index the candidate query still reads them from the index alone, as it did before the bound.
DROP INDEX ix_person_signals_post;
CREATE INDEX ix_person_signals_post ON person_signals (post_uri, event, person_uri, at);
