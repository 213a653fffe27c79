-- Tamper evidence that holds against the database's own administrators (issue 10). Runs unchanged on H2 and
-- PostgreSQL; PostgreSQL's guards and roles follow in db/pg/V12.1.

-- Evaluation records name the format their hash was computed in: null on every record written before this migration
-- (format 1: the evaluation row alone, which still verifies as it was written), 2 on records whose hash also covers
-- their card rows (rule, indicator, drugs, knowledge row: what search, statistics and export read).
ALTER TABLE evaluation ADD COLUMN hash_format INTEGER;

-- Feedback, admin actions and audit reads get hash chains of their own, each with a head row in audit_chain_head
-- (1 evaluations, 2 feedback, 3 admin actions, 4 audit reads). Rows written before this migration stay outside
-- their chain, as evaluations recorded before V3 do: each chain starts after them.
ALTER TABLE card_feedback ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE card_feedback ADD COLUMN record_hash VARCHAR(64);
ALTER TABLE admin_action ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE admin_action ADD COLUMN record_hash VARCHAR(64);
ALTER TABLE audit_read ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_read ADD COLUMN record_hash VARCHAR(64);
INSERT INTO audit_chain_head (id, last_id, last_hash)
    SELECT 2, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000' FROM card_feedback;
INSERT INTO audit_chain_head (id, last_id, last_hash)
    SELECT 3, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000' FROM admin_action;
INSERT INTO audit_chain_head (id, last_id, last_hash)
    SELECT 4, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000' FROM audit_read;

-- Checkpoints are signed with a key kept outside the database (kind 'signed', and 'purge' for the anchor a retention
-- purge leaves), one chain each. Unsigned 'verified' rows from earlier integrity checks stay, and are no longer
-- trusted or written.
ALTER TABLE audit_checkpoint ADD COLUMN chain VARCHAR(20) DEFAULT 'evaluation' NOT NULL;
ALTER TABLE audit_checkpoint ADD COLUMN signature VARCHAR(200);
ALTER TABLE audit_checkpoint ADD COLUMN key_id VARCHAR(64);
CREATE INDEX audit_checkpoint_chain_idx ON audit_checkpoint (chain, kind, last_id);
