-- The Data Protection key ring in the database (ADR 0037), so that every node sharing the database
-- reads what another protected (upstream tokens, admin cookies). On SQLite the service keeps its
-- keys in {data}/keys as before; the table exists in both dialects so their schemas stay alike.
CREATE TABLE data_protection_keys (
    name       TEXT   PRIMARY KEY, -- the framework's friendly name ("key-{guid}", "revocation-…")
    xml        TEXT   NOT NULL,    -- the element as the framework wrote it (encrypted when a certificate is set)
    created_at BIGINT NOT NULL
);
