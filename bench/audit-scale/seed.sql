-- Seeds 1,000,000 evaluations, their cards and some clinician feedback into a FRESH PostgreSQL database whose schema
-- the service (Flyway) has already created. Used by bench/audit-scale/run.sh; never run it against a real audit trail.
--
--   psql -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d medsafety_scale -f bench/audit-scale/seed.sql
--
-- Deterministic (setseed): the same rows every time. Shape:
--   evaluation     1,000,000 rows, ids 1..1,000,000, evaluated_at rising with id over one year
--                  (2025-11-25 .. 2026-11-25 UTC), ~10,000 patients, ~500 users (1% without a user),
--                  2 services (sign 70%, select 30%), 3 ruleset versions over the year
--   evaluation_card 0-3 per evaluation (50% none, 30% one, 15% two, 5% three), ~750,000 rows, 20 card kinds
--                  (rule, drugs, RxCUIs, indicator) weighted like a real mix: mostly warnings, ~10% critical
--   card_feedback  ~15% of cards: 45% accepted, 55% overridden with a coded reason
--
-- The hash chain: seeded rows are OUTSIDE it (prev_hash/record_hash null), exactly like evaluations recorded before
-- migration V3. audit_chain_head.last_id is moved to the last seeded id and last_hash stays the genesis value, so the
-- integrity check (which starts after the head when no record carries the genesis hash) starts after them, and the
-- first evaluation the service records afterwards starts the chain with the genesis hash as its prev_hash. Computing
-- real hashes in SQL would mean re-implementing AuditChain.hash (length-prefixed fields, Instant.toString formatting)
-- row by row in order, which is slow and a second copy of the algorithm to keep in step; the chain is not what this
-- benchmark measures.

\set ON_ERROR_STOP on
\timing on

BEGIN;

-- Only a fresh database: a seed over real, chained records would break their chain.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM evaluation) OR EXISTS (SELECT 1 FROM card_feedback) THEN
        RAISE EXCEPTION 'evaluation/card_feedback are not empty: seed only a fresh medsafety_scale database';
    END IF;
    IF (SELECT last_id FROM audit_chain_head WHERE id = 1) <> 0 THEN
        RAISE EXCEPTION 'audit_chain_head has moved: seed only a fresh medsafety_scale database';
    END IF;
END $$;

-- Writers of the service lock this row; holding it keeps any concurrent evaluation out until the seed commits.
SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE;

SELECT setseed(0.20261125);

-- The kinds of card, with weights (per 1000 cards).
CREATE TEMP TABLE seed_card_kind (
    k            INT PRIMARY KEY,
    weight       INT  NOT NULL,
    rule_id      TEXT NOT NULL,
    check_kind   TEXT NOT NULL,
    knowledge_id TEXT,
    indicator    TEXT NOT NULL,
    severity     TEXT,
    drugs        TEXT,
    rxcuis       TEXT,
    summary      TEXT NOT NULL
) ON COMMIT DROP;
INSERT INTO seed_card_kind VALUES
 ( 1, 90, 'DDI-TABLE', 'interaction', 'DDI-WARFARIN-NSAID', 'warning', 'major', 'naproxen,warfarin', ',7258,11289,', 'Warfarin + NSAID: increased risk of bleeding'),
 ( 2, 70, 'DDI-TABLE', 'interaction', 'DDI-WARFARIN-NSAID', 'warning', 'major', 'ibuprofen,warfarin', ',5640,11289,', 'Warfarin + NSAID: increased risk of bleeding'),
 ( 3, 60, 'DDI-TABLE', 'interaction', 'DDI-WARFARIN-ANTIPLATELET', 'warning', 'major', 'clopidogrel,warfarin', ',32968,11289,', 'Warfarin + antiplatelet agent: increased risk of bleeding'),
 ( 4, 25, 'DDI-TABLE', 'interaction', 'DDI-ONC-08', 'critical', 'contraindicated', 'sertraline,phenelzine', ',36437,8123,', 'Serotonergic antidepressant + MAO inhibitor: contraindicated'),
 ( 5, 20, 'DDI-TABLE', 'interaction', 'DDI-ONC-25', 'critical', 'contraindicated', 'simvastatin,clarithromycin', ',36567,21212,', 'Simvastatin + CYP3A4 inhibitor: contraindicated'),
 ( 6, 80, 'DDI-TABLE', 'interaction', 'DDI-NI-01', 'info', 'minor', 'lisinopril,aspirin', ',29046,1191,', 'ACE inhibitor + salicylate'),
 ( 7, 60, 'DDI-TABLE', 'interaction', 'DDI-NI-20', 'info', 'minor', 'warfarin,omeprazole', ',11289,7646,', 'Anticoagulant + PPI'),
 ( 8, 70, 'DOSE-MAX-DAILY', 'dose', 'DOSE-TRAMADOL-ORAL-ADULT', 'warning', 'major', 'tramadol', ',10689,', 'Tramadol: daily dose above the labelled maximum'),
 ( 9, 50, 'DOSE-MAX-DAILY', 'dose', 'DOSE-CARBAMAZEPINE-ORAL-OVER15', 'warning', 'major', 'carbamazepine', ',2002,', 'Carbamazepine: daily dose above the labelled maximum'),
 (10, 30, 'DOSE-MAX-SINGLE', 'dose', 'DOSE-CODEINE-ORAL-ADULT', 'warning', 'major', 'codeine', ',2670,', 'Codeine: single dose above the labelled maximum'),
 (11, 15, 'DOSE-WEEKLY-DRUG-DAILY', 'dose', 'DOSE-METHOTREXATE-ORAL', 'critical', 'contraindicated', 'methotrexate', ',6851,', 'Methotrexate ordered daily: weekly drug'),
 (12, 40, 'DOSE-WEIGHT-UNKNOWN', 'dose', NULL, 'info', NULL, 'valproic acid', ',11118,', 'Valproic acid: dose not checked, no recent weight'),
 (13, 60, 'ALLERGY-CROSS-SENSITIVITY', 'allergy', 'ALG-CEPH-1', 'warning', 'major', 'cephalexin', ',2231,', 'Aminopenicillin allergy: cephalexin shares an R1 side chain'),
 (14, 25, 'ALLERGY-CROSS-SENSITIVITY', 'allergy', 'ALG-CARB-1', 'warning', 'moderate', 'meropenem', ',29561,', 'Penicillin allergy: carbapenem ordered'),
 (15, 20, 'ALLERGY-SAME-INGREDIENT', 'allergy', NULL, 'critical', 'contraindicated', 'amoxicillin', ',723,', 'Documented allergy to amoxicillin'),
 (16, 20, 'ALLERGY-CLASS', 'allergy', 'ALG-PENICILLIN-CLASS', 'critical', 'major', 'ampicillin', ',733,', 'Penicillin allergy: ampicillin is a penicillin'),
 (17, 90, 'RENAL-FUNCTION-UNKNOWN', 'renal', NULL, 'info', NULL, 'metformin', ',6809,', 'Metformin: renal function unknown, dose not checked'),
 (18, 30, 'RENAL-MAX-DAILY', 'renal', 'RENAL-ALLOPURINOL-1', 'warning', 'major', 'allopurinol', ',519,', 'Allopurinol: daily dose above the limit for this renal function'),
 (19, 50, 'DUPLICATE-CLASS', 'duplicate', NULL, 'warning', 'moderate', 'citalopram,sertraline', ',2556,36437,', 'Two SSRIs ordered together'),
 (20, 85, 'UNSCREENED-DRAFT-ORDER', 'unscreened', NULL, 'info', NULL, NULL, NULL, 'A draft order could not be screened (no RxNorm code)');

-- Cumulative upper bounds (fractions) for width_bucket.
CREATE TEMP TABLE seed_kind_bounds ON COMMIT DROP AS
SELECT array_agg(cum::float8 / total ORDER BY k) AS bounds
FROM (SELECT k, sum(weight) OVER (ORDER BY k) AS cum, sum(weight) OVER () AS total FROM seed_card_kind) s
WHERE k < (SELECT max(k) FROM seed_card_kind);

CREATE TEMP TABLE seed_ruleset (v INT PRIMARY KEY, version TEXT NOT NULL) ON COMMIT DROP;
INSERT INTO seed_ruleset SELECT v, encode(sha256(convert_to('seeded-ruleset-' || v, 'UTF8')), 'hex') FROM generate_series(0, 2) v;

-- The evaluations, without their card JSON yet. ~31.5 s apart, with a few seconds of jitter, over one year.
CREATE TEMP TABLE seed_eval ON COMMIT DROP AS
SELECT i AS id,
       timestamptz '2025-11-25 00:00:00+00' + (i - 1) * interval '31.536 seconds'
           + floor(random() * 5000000)::bigint * interval '1 microsecond' AS evaluated_at,
       'pat-' || lpad(floor(random() * 10000)::int::text, 5, '0') AS patient_id,
       CASE WHEN random() < 0.01 THEN NULL
            ELSE 'Practitioner/u' || lpad(floor(random() * 500)::int::text, 4, '0') END AS user_id,
       CASE WHEN random() < 0.7 THEN 's' ELSE 'o' END AS kind,
       (800 + floor(random() * 15000))::bigint AS duration_micros,
       width_bucket(random(), ARRAY[0.50, 0.80, 0.95]::float8[]) AS card_count,
       floor(random() * 1000000)::int AS enc
FROM generate_series(1, 1000000) i;

-- 0-3 cards per evaluation.
CREATE TEMP TABLE seed_card ON COMMIT DROP AS
SELECT e.id AS evaluation_id, p.pos,
       md5('seed-card-' || e.id || '-' || p.pos)::uuid::text AS card_uuid,
       1 + width_bucket(random(), (SELECT bounds FROM seed_kind_bounds)) AS k
FROM seed_eval e
CROSS JOIN LATERAL generate_series(1, e.card_count) AS p(pos);

CREATE TEMP TABLE seed_cards_json ON COMMIT DROP AS
SELECT c.evaluation_id,
       json_agg(json_build_object(
           'uuid', c.card_uuid,
           'summary', k.summary,
           'indicator', k.indicator,
           'source', json_build_object('label', 'MedSafety CDS',
                                       'topic', json_build_object('system', 'urn:org.medsafety:rule',
                                                                  'code', k.rule_id)),
           'extension', json_build_object('org.medsafety.finding', json_strip_nulls(json_build_object(
               'ruleId', k.rule_id,
               'check', k.check_kind,
               'severity', k.severity,
               'knowledgeId', k.knowledge_id,
               'draftOrder', 'MedicationRequest/mr-' || c.evaluation_id || '-' || c.pos,
               'rulesetVersion', r.version)))) ORDER BY c.pos)::text AS cards_json
FROM seed_card c
JOIN seed_card_kind k ON k.k = c.k
JOIN seed_eval e ON e.id = c.evaluation_id
JOIN seed_ruleset r ON r.v = LEAST(2, (e.id - 1) / 333334)
GROUP BY c.evaluation_id;
CREATE UNIQUE INDEX ON seed_cards_json (evaluation_id);

INSERT INTO evaluation (id, hook_instance, service_id, hook, evaluated_at, patient_id, user_id, encounter_id,
                        ruleset_version, duration_micros, card_count, snapshot_json, cards_json)
SELECT e.id,
       md5('seed-hook-' || e.id)::uuid::text,
       CASE e.kind WHEN 's' THEN 'medication-safety-sign' ELSE 'medication-safety-select' END,
       CASE e.kind WHEN 's' THEN 'order-sign' ELSE 'order-select' END,
       e.evaluated_at,
       e.patient_id,
       e.user_id,
       'enc-' || e.enc,
       r.version,
       e.duration_micros,
       e.card_count,
       json_build_object('patientId', e.patient_id, 'seeded', true,
                         'draftOrders', json_build_array(json_build_object('id', 'mr-' || e.id || '-1')))::text,
       COALESCE(j.cards_json, '[]')
FROM seed_eval e
JOIN seed_ruleset r ON r.v = LEAST(2, (e.id - 1) / 333334)
LEFT JOIN seed_cards_json j ON j.evaluation_id = e.id
ORDER BY e.id;

SELECT setval(pg_get_serial_sequence('evaluation', 'id'), (SELECT max(id) FROM evaluation));

INSERT INTO evaluation_card (evaluation_id, card_uuid, rule_id, check_kind, knowledge_id, indicator, severity,
                             draft_order, drugs, summary, rxcuis)
SELECT c.evaluation_id, c.card_uuid, k.rule_id, k.check_kind, k.knowledge_id, k.indicator, k.severity,
       'MedicationRequest/mr-' || c.evaluation_id || '-' || c.pos, k.drugs, k.summary, k.rxcuis
FROM seed_card c
JOIN seed_card_kind k ON k.k = c.k
ORDER BY c.evaluation_id, c.pos;

-- Feedback on ~15% of cards: 45% accepted, 55% overridden with a coded reason.
INSERT INTO card_feedback (card_uuid, service_id, outcome, outcome_timestamp, override_system, override_code,
                           override_display, user_comment, accepted_suggestions, received_at)
SELECT f.card_uuid, f.service_id, f.outcome, f.ts,
       CASE WHEN f.outcome = 'overridden' THEN 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes' END,
       CASE WHEN f.outcome = 'overridden' THEN (ARRAY['risk-benefit-ratio', 'action-performed-no-adverse-effect',
            'mitigate-risk-negative-outcome', 'patient-ineligible', 'expert-contradicts'])[f.reason] END,
       CASE WHEN f.outcome = 'overridden' THEN (ARRAY['Recipient assessment of risk/benefit ratio',
            'Intended action was performed previously without adverse effect',
            'Action taken to mitigate risk of negative outcome', 'Patient is ineligible',
            'Expert contradicts'])[f.reason] END,
       CASE WHEN f.outcome = 'overridden' AND f.comment THEN 'Discussed with patient; monitoring arranged' END,
       NULL,
       f.ts + interval '1 second'
FROM (
    SELECT c.card_uuid, ev.service_id,
           CASE WHEN random() < 0.45 THEN 'accepted' ELSE 'overridden' END AS outcome,
           ev.evaluated_at + (5 + floor(random() * 115)) * interval '1 second' AS ts,
           1 + width_bucket(random(), ARRAY[0.45, 0.70, 0.85, 0.95]::float8[]) AS reason,
           random() < 0.2 AS comment
    FROM seed_card c
    JOIN evaluation ev ON ev.id = c.evaluation_id
    WHERE random() < 0.15
) f
ORDER BY f.ts;

-- The seeded rows are outside the hash chain: the chain starts after the last of them (see the header).
UPDATE audit_chain_head SET last_id = (SELECT max(id) FROM evaluation) WHERE id = 1;

COMMIT;

SELECT (SELECT count(*) FROM evaluation) AS evaluations,
       (SELECT count(*) FROM evaluation_card) AS cards,
       (SELECT count(*) FROM card_feedback) AS feedback,
       (SELECT count(*) FROM card_feedback WHERE outcome = 'overridden') AS overridden,
       (SELECT last_id FROM audit_chain_head WHERE id = 1) AS chain_starts_after;
