-- Every drug the RxNorm vocabulary knows is identified (issue 9). Runs unchanged on H2 and PostgreSQL.

-- The identified drugs no knowledge row names, as screened in that evaluation: a JSON array of
-- {"rxcui", "name", "kind"}, or null when there were none (and on every record written before this column).
-- Hashed into the audit chain only when not null, so older records still verify.
ALTER TABLE evaluation ADD COLUMN drugs_without_knowledge TEXT;

-- Ruleset files that are not UTF-8 text (the gzipped RxNorm vocabulary) are stored as Base64, and say so here;
-- null means the content is the file's UTF-8 text, as in every row written before this column.
ALTER TABLE ruleset_file ADD COLUMN content_encoding VARCHAR(10);
