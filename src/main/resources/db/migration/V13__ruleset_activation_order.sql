-- Safe concurrency of ruleset activation (issue 10). Runs unchanged on H2 and PostgreSQL.

-- The version every instance must serve and the activation that made it so: always one row. Each activation locks
-- this row (SELECT ... FOR UPDATE) before it draws its ruleset_activation id and holds the lock until it commits, so
-- activations commit in the order of their ids on every instance (an identity drawn at insert alone does not give
-- that: two activations could both look newest). It also serialises the ruleset_version.active flags, and is where
-- a tuning's "only if the active version is still the one I edited" is checked.
-- The service's database role needs SELECT and UPDATE on this table.
CREATE TABLE ruleset_active (
    id             INTEGER     NOT NULL PRIMARY KEY,
    activation_id  BIGINT      REFERENCES ruleset_activation (id),
    version        VARCHAR(64) REFERENCES ruleset_version (version),
    CONSTRAINT ruleset_active_one_row CHECK (id = 1)
);
INSERT INTO ruleset_active (id, activation_id, version) VALUES (1, NULL, NULL);
UPDATE ruleset_active SET activation_id = (SELECT MAX(a.id) FROM ruleset_activation a) WHERE id = 1;
UPDATE ruleset_active SET version = (SELECT a.version FROM ruleset_activation a WHERE a.id = ruleset_active.activation_id)
    WHERE id = 1;

-- Concurrent activations before this table could leave two versions flagged active: the newest activation decides.
UPDATE ruleset_version SET active = CASE WHEN version = (SELECT p.version FROM ruleset_active p WHERE p.id = 1)
    THEN TRUE ELSE FALSE END;
