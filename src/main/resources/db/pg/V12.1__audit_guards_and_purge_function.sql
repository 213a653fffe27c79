-- PostgreSQL only (issue 10): the audit tables hold even against the service's own database role.
-- The service runs as a role that may only INSERT and SELECT audit rows (grants in afterMigrate.sql, roles in
-- docs/operations-database.md); migrations run as the owner. The triggers below stop direct edits whoever asks,
-- short of the owner or a superuser disabling them, which the hash chains and the signed checkpoints then expose.

-- No session flag unlocks anything any more (security review 4.5): rows of evaluation, evaluation_card and
-- card_feedback may be deleted only by their owner, which is what medsafety_purge_audit runs as; every other
-- UPDATE, DELETE or TRUNCATE on an audit table is refused.
CREATE OR REPLACE FUNCTION medsafety_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
            AND TG_TABLE_NAME IN ('evaluation', 'evaluation_card', 'card_feedback')
            AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

-- TRUNCATE fires no row trigger: every audit table gets a statement-level guard (evaluation, evaluation_card and
-- card_feedback have had one since V4).
CREATE TRIGGER admin_action_truncate_refused BEFORE TRUNCATE ON admin_action
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER audit_read_truncate_refused BEFORE TRUNCATE ON audit_read
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER ruleset_activation_truncate_refused BEFORE TRUNCATE ON ruleset_activation
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER ruleset_version_truncate_refused BEFORE TRUNCATE ON ruleset_version
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER ruleset_file_truncate_refused BEFORE TRUNCATE ON ruleset_file
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER audit_checkpoint_truncate_refused BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER audit_chain_head_truncate_refused BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION medsafety_append_only();

-- The files of a ruleset version are what its cards were decided by; checkpoints are what the chain is checked
-- against: neither changes once written.
CREATE TRIGGER ruleset_file_append_only BEFORE UPDATE OR DELETE ON ruleset_file
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION medsafety_append_only();

-- A ruleset version's row changes only in its 'active' flag, and is never deleted.
CREATE FUNCTION medsafety_ruleset_version_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.version, NEW.label, NEW.author, NEW.reason, NEW.rule_count, NEW.published_at)
            IS NOT DISTINCT FROM (OLD.version, OLD.label, OLD.author, OLD.reason, OLD.rule_count, OLD.published_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ruleset_version: % refused (only the active flag changes)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ruleset_version_guard BEFORE UPDATE OR DELETE ON ruleset_version
    FOR EACH ROW EXECUTE FUNCTION medsafety_ruleset_version_guard();

-- Only the service's purge (as the owner) writes purge anchors; the service itself writes signed checkpoints only.
CREATE FUNCTION medsafety_checkpoint_insert_guard() RETURNS trigger AS $$
BEGIN
    IF (NEW.kind <> 'signed' OR NEW.signature IS NULL)
            AND current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RAISE EXCEPTION 'audit_checkpoint: only signed checkpoints may be inserted; purge anchors come from '
            'medsafety_purge_audit';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_checkpoint_insert_guard BEFORE INSERT ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION medsafety_checkpoint_insert_guard();

-- A chain head only moves forward, to a record of its chain that carries the hash it names; heads are never
-- inserted (but by the owner's migrations) or deleted.
CREATE FUNCTION medsafety_chain_head_guard() RETURNS trigger AS $$
DECLARE
    chain_table TEXT;
    present BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RETURN NEW;
    END IF;
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'audit_chain_head: % refused', TG_OP;
    END IF;
    IF NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'audit_chain_head: a head keeps its id';
    END IF;
    IF NEW.last_id = OLD.last_id AND NEW.last_hash = OLD.last_hash THEN
        RETURN NEW;
    END IF;
    IF NEW.last_id <= OLD.last_id THEN
        RAISE EXCEPTION 'audit_chain_head %: a head only moves forward', OLD.id;
    END IF;
    chain_table := CASE OLD.id WHEN 1 THEN 'evaluation' WHEN 2 THEN 'card_feedback' WHEN 3 THEN 'admin_action'
                               WHEN 4 THEN 'audit_read' END;
    IF chain_table IS NULL THEN
        RAISE EXCEPTION 'audit_chain_head %: unknown chain', OLD.id;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1 AND record_hash = $2)', chain_table)
        INTO present USING NEW.last_id, NEW.last_hash;
    IF NOT present THEN
        RAISE EXCEPTION 'audit_chain_head %: record % with that hash is not in %', OLD.id, NEW.last_id, chain_table;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION medsafety_chain_head_guard();

-- The retention purge: the only way to delete audit rows. It runs as the owner (SECURITY DEFINER) for whoever is
-- granted EXECUTE (the runtime role, afterMigrate.sql), and deletes only:
--   - a prefix of the evaluation chain up to a record that still has the hash the caller's export saw, with its
--     card rows, and only if every one of those evaluations is older than six years by the database's clock;
--   - a prefix of the feedback chain received over six years ago, on cards purged now or before;
-- checking the counts the caller exported; and in the same transaction writes the signed purge anchors and the
-- admin record of the purge (chained: it must follow the admin chain's head).
CREATE FUNCTION medsafety_purge_audit(
        p_last_evaluation BIGINT, p_evaluation_hash VARCHAR, p_evaluations BIGINT,
        p_last_feedback BIGINT, p_feedback_hash VARCHAR, p_feedback BIGINT,
        p_anchor_time TIMESTAMPTZ, p_key_id VARCHAR, p_evaluation_signature VARCHAR, p_feedback_signature VARCHAR,
        p_acted_at TIMESTAMPTZ, p_actor VARCHAR, p_target VARCHAR, p_detail TEXT,
        p_prev_hash VARCHAR, p_record_hash VARCHAR)
    RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    floor_time CONSTANT TIMESTAMPTZ := now() - INTERVAL '6 years';
    evaluation_anchor BIGINT;
    feedback_anchor BIGINT;
    head_hash VARCHAR;
    admin_id BIGINT;
BEGIN
    IF p_last_evaluation IS NULL AND p_last_feedback IS NULL THEN
        RAISE EXCEPTION 'medsafety_purge_audit: nothing to purge';
    END IF;
    IF p_anchor_time IS NULL OR p_key_id IS NULL OR p_actor IS NULL OR p_record_hash IS NULL OR p_acted_at IS NULL THEN
        RAISE EXCEPTION 'medsafety_purge_audit: anchor time, key, actor and admin record are required';
    END IF;
    -- The admin chain's head is held from here to commit: the admin record must follow it.
    SELECT last_hash INTO head_hash FROM audit_chain_head WHERE id = 3 FOR UPDATE;
    IF head_hash IS DISTINCT FROM p_prev_hash THEN
        RAISE EXCEPTION 'medsafety_purge_audit: the admin record does not follow the head of the admin chain';
    END IF;
    SELECT COALESCE(MAX(last_id), 0) INTO evaluation_anchor FROM audit_checkpoint
        WHERE kind = 'purge' AND chain = 'evaluation';
    SELECT COALESCE(MAX(last_id), 0) INTO feedback_anchor FROM audit_checkpoint
        WHERE kind = 'purge' AND chain = 'feedback';

    IF p_last_evaluation IS NOT NULL THEN
        IF p_evaluation_signature IS NULL OR p_last_evaluation <= evaluation_anchor THEN
            RAISE EXCEPTION 'medsafety_purge_audit: evaluations up to % need a signed anchor past %',
                p_last_evaluation, evaluation_anchor;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM evaluation WHERE id = p_last_evaluation AND record_hash = p_evaluation_hash) THEN
            RAISE EXCEPTION 'medsafety_purge_audit: evaluation % is not the one exported', p_last_evaluation;
        END IF;
        IF (SELECT COUNT(*) FROM evaluation WHERE id <= p_last_evaluation) <> p_evaluations THEN
            RAISE EXCEPTION 'medsafety_purge_audit: the archive does not hold every evaluation up to %',
                p_last_evaluation;
        END IF;
        IF EXISTS (SELECT 1 FROM evaluation WHERE id <= p_last_evaluation AND evaluated_at >= floor_time) THEN
            RAISE EXCEPTION 'medsafety_purge_audit: refused, evaluations up to % include some younger than six years',
                p_last_evaluation;
        END IF;
        evaluation_anchor := p_last_evaluation;
    END IF;

    IF p_last_feedback IS NOT NULL THEN
        IF p_feedback_signature IS NULL OR p_last_feedback <= feedback_anchor THEN
            RAISE EXCEPTION 'medsafety_purge_audit: feedback up to % needs a signed anchor past %',
                p_last_feedback, feedback_anchor;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM card_feedback WHERE id = p_last_feedback AND record_hash = p_feedback_hash) THEN
            RAISE EXCEPTION 'medsafety_purge_audit: feedback % is not the one exported', p_last_feedback;
        END IF;
        IF (SELECT COUNT(*) FROM card_feedback WHERE id <= p_last_feedback) <> p_feedback THEN
            RAISE EXCEPTION 'medsafety_purge_audit: the archive does not hold every feedback entry up to %',
                p_last_feedback;
        END IF;
        IF EXISTS (SELECT 1 FROM card_feedback WHERE id <= p_last_feedback AND received_at >= floor_time) THEN
            RAISE EXCEPTION 'medsafety_purge_audit: refused, feedback up to % includes some younger than six years',
                p_last_feedback;
        END IF;
        IF EXISTS (SELECT 1 FROM card_feedback f JOIN evaluation_card c ON c.card_uuid = f.card_uuid
                   WHERE f.id <= p_last_feedback AND c.evaluation_id > evaluation_anchor) THEN
            RAISE EXCEPTION 'medsafety_purge_audit: refused, feedback up to % is on cards that are kept',
                p_last_feedback;
        END IF;
        DELETE FROM card_feedback WHERE id <= p_last_feedback;
        INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, kind, chain, signature, key_id)
            VALUES (p_last_feedback, p_feedback_hash, p_anchor_time, 'purge', 'feedback', p_feedback_signature,
                    p_key_id);
    END IF;

    IF p_last_evaluation IS NOT NULL THEN
        DELETE FROM evaluation_card WHERE evaluation_id <= p_last_evaluation;
        DELETE FROM evaluation WHERE id <= p_last_evaluation;
        INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, kind, chain, signature, key_id)
            VALUES (p_last_evaluation, p_evaluation_hash, p_anchor_time, 'purge', 'evaluation',
                    p_evaluation_signature, p_key_id);
    END IF;

    INSERT INTO admin_action (acted_at, actor, action, target, outcome, detail, prev_hash, record_hash)
        VALUES (p_acted_at, p_actor, 'audit-purge', p_target, 'done', p_detail, p_prev_hash, p_record_hash)
        RETURNING id INTO admin_id;
    UPDATE audit_chain_head SET last_id = admin_id, last_hash = p_record_hash WHERE id = 3;
    RETURN admin_id;
END;
$$;
-- Functions are executable by everyone unless said otherwise: this one only by the roles granted it.
REVOKE ALL ON FUNCTION medsafety_purge_audit(BIGINT, VARCHAR, BIGINT, BIGINT, VARCHAR, BIGINT, TIMESTAMPTZ, VARCHAR,
    VARCHAR, VARCHAR, TIMESTAMPTZ, VARCHAR, VARCHAR, TEXT, VARCHAR, VARCHAR) FROM PUBLIC;
