-- PostgreSQL only: the auditor's drug filter is a substring search ("lower(c.drugs) like '%warfarin%'",
-- "c.rxcuis like '%,7258,%'", see EvaluationFilter), which no B-tree can serve. Measured at 1,000,000 evaluations
-- (docs/audit-scale.md): without these indexes a drug name took ~2.2 s (the planner had no statistics for
-- lower(drugs), guessed 75 matching cards instead of 211,000 and joined them all before sorting), and a drug with no
-- card at all took 250-320 ms (a full scan of evaluation_card). Trigram indexes answer both: ANALYZE now keeps
-- statistics on lower(drugs), so common drugs walk the newest evaluations backwards and stop after one page, and
-- rare or absent drugs are looked up in the index.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13+): a database owner may create it.
-- On a large live table prefer building these with CREATE INDEX CONCURRENTLY by hand before deploying; plain
-- CREATE INDEX blocks writes to evaluation_card while it builds (about 5 s for 750,000 cards here).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX evaluation_card_drugs_trgm_idx ON evaluation_card USING gin (lower(drugs) gin_trgm_ops);
CREATE INDEX evaluation_card_rxcuis_trgm_idx ON evaluation_card USING gin (rxcuis gin_trgm_ops);
