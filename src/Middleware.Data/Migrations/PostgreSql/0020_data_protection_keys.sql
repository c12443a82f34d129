-- PostgreSQL translation of ../0020_data_protection_keys.sql (ADR 0032): the same table.
-- The Data Protection key ring in the database (ADR 0037), so that every node sharing the database
-- reads what another protected (upstream tokens, admin cookies).
CREATE TABLE data_protection_keys (
    name       TEXT   PRIMARY KEY, -- the framework's friendly name ("key-{guid}", "revocation-…")
    xml        TEXT   NOT NULL,    -- the element as the framework wrote it (encrypted when a certificate is set)
    created_at BIGINT NOT NULL
);
