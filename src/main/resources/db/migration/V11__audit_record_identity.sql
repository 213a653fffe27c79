-- A 200 means the record is durable (issue 10). Runs unchanged on H2 and PostgreSQL.

-- Each evaluation's own identity, given by the service when the record is made. The unique index makes the database
-- refuse a second copy: a record replayed from the local journal, or retried after a commit whose outcome was
-- unknown, is stored once. Null on records written before this column (both databases allow many nulls in a unique
-- index).
ALTER TABLE evaluation ADD COLUMN record_uuid VARCHAR(36);
CREATE UNIQUE INDEX evaluation_record_uuid_idx ON evaluation (record_uuid);
