-- Retention: a purge leaves an anchor so the chain after it stays verifiable.
ALTER TABLE audit_checkpoint ADD COLUMN kind VARCHAR(20) DEFAULT 'verified' NOT NULL;
