-- PostgreSQL only: the runtime role's privileges, applied again after every migration run (as the owner, who runs
-- the migrations), so tables added later are covered and nothing granted by hand outlives a restart. The role's name
-- is the Flyway placeholder runtime_role (QUARKUS_FLYWAY_PLACEHOLDERS_RUNTIME_ROLE, default medsafety_app); see
-- docs/operations-database.md. Without such a role (a single-role installation) nothing is granted, with a warning.
--
-- The runtime role may: SELECT and INSERT every table but the chain heads; move those forward (UPDATE of last_id, last_hash;
-- a trigger checks each move); flip ruleset_version.active; move ruleset_active forward; delete expired client-token ids; call the purge function.
-- Nothing else: no UPDATE or DELETE of audit rows, no TRUNCATE, no trigger changes (it owns nothing).
DO $$
DECLARE
    runtime TEXT := '${runtime_role}';
    schema_name TEXT := current_schema();
    t RECORD;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
        RAISE WARNING 'runtime role % does not exist: no privileges granted; the service must then connect as the '
            'owner, which can alter the audit tables (docs/operations-database.md)', runtime;
        RETURN;
    END IF;
    IF runtime = current_user THEN
        RAISE WARNING 'the migrations run as the runtime role %: it owns the audit tables and can alter them '
            '(docs/operations-database.md)', runtime;
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, runtime);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', schema_name, runtime);
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema_name
                                               AND tablename NOT IN ('flyway_schema_history', 'audit_chain_head') LOOP
        EXECUTE format('GRANT SELECT, INSERT ON %I.%I TO %I', schema_name, t.tablename, runtime);
    END LOOP;
    EXECUTE format('GRANT SELECT, UPDATE (last_id, last_hash) ON %I.audit_chain_head TO %I', schema_name, runtime);
    EXECUTE format('GRANT UPDATE (active) ON %I.ruleset_version TO %I', schema_name, runtime);
    -- Activations lock the one ruleset_active row (SELECT ... FOR UPDATE needs UPDATE) and move it forward.
    EXECUTE format('GRANT UPDATE (activation_id, version) ON %I.ruleset_active TO %I', schema_name, runtime);
    EXECUTE format('GRANT DELETE ON %I.cds_client_token TO %I', schema_name, runtime);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.medsafety_purge_audit(BIGINT, VARCHAR, BIGINT, BIGINT, VARCHAR, '
        'BIGINT, TIMESTAMPTZ, VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ, VARCHAR, VARCHAR, TEXT, VARCHAR, VARCHAR) TO %I',
        schema_name, runtime);
END;
$$;
