-- The retention purge (an explicit, recorded admin action) sets medsafety.purge for its own transaction; every
-- other UPDATE, DELETE or TRUNCATE on the audit tables is still refused.
CREATE OR REPLACE FUNCTION medsafety_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('medsafety.purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
