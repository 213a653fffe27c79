-- PostgreSQL only: the audit tables refuse UPDATE, DELETE and TRUNCATE, whoever asks. The application has no
-- update or delete path; this stops direct edits that bypass it (a DBA can still disable triggers, which the hash
-- chain then exposes).
CREATE OR REPLACE FUNCTION medsafety_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER evaluation_append_only BEFORE UPDATE OR DELETE ON evaluation
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER evaluation_truncate_refused BEFORE TRUNCATE ON evaluation
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER evaluation_card_append_only BEFORE UPDATE OR DELETE ON evaluation_card
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER evaluation_card_truncate_refused BEFORE TRUNCATE ON evaluation_card
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER card_feedback_append_only BEFORE UPDATE OR DELETE ON card_feedback
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER card_feedback_truncate_refused BEFORE TRUNCATE ON card_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER admin_action_append_only BEFORE UPDATE OR DELETE ON admin_action
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER audit_read_append_only BEFORE UPDATE OR DELETE ON audit_read
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER ruleset_activation_append_only BEFORE UPDATE OR DELETE ON ruleset_activation
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
