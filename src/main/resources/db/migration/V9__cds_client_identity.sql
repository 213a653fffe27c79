-- Trusted CDS clients (issue: trusted callers only). Runs unchanged on H2 and PostgreSQL.

-- Every accepted client token's jti, until the token expires: a token is used once, on whichever instance.
-- token_key is SHA-256(iss NUL jti) in hex; no token material is stored.
CREATE TABLE cds_client_token (
    token_key   VARCHAR(64)              NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cds_client_token_expiry_idx ON cds_client_token (expires_at);

-- Which EHR made the call or sent the feedback (the verified iss, and the tenant it named). Null in the loopback
-- quick start, where calls carry no token.
ALTER TABLE evaluation ADD COLUMN client_iss VARCHAR(500);
ALTER TABLE evaluation ADD COLUMN client_tenant VARCHAR(200);
ALTER TABLE card_feedback ADD COLUMN client_iss VARCHAR(500);
ALTER TABLE card_feedback ADD COLUMN client_tenant VARCHAR(200);
