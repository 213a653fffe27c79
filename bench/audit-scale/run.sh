#!/usr/bin/env bash
# Audit queries at scale: 1,000,000 evaluations on PostgreSQL, timed through the HTTP API.
#
#   bench/audit-scale/run.sh            # from the repository root (or anywhere: it finds the root)
#
# (a) creates the database medsafety_scale if needed, (b) builds with -Ppostgres and starts the service against it,
# (c) seeds 1,000,000 evaluations once (seed.sql), (d) ANALYZE, (e) times each auditor query with curl
# (WARMUPS untimed, then REPS timed; median and p95 in ms), (f) prints EXPLAIN (ANALYZE, BUFFERS) of the slowest
# query's SQL (hand translation of the JPQL in EvaluationFilter / AuditReportsResource). Stops the service at the end.
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres, trust auth), SCALE_DB (medsafety_scale),
# HTTP_PORT (18090), REPS (20), WARMUPS (3), SKIP_BUILD=1 to reuse target/quarkus-app.
# Never point SCALE_DB at a real audit trail or at 'test' (the test suite empties it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${SCALE_DB:-medsafety_scale}"
HTTP_PORT="${HTTP_PORT:-18090}"
REPS="${REPS:-20}"
WARMUPS="${WARMUPS:-3}"
BASE="http://127.0.0.1:${HTTP_PORT}"
AUTH="auditor:auditor"
OUT="$ROOT/target/audit-scale"
mkdir -p "$OUT"
RESULTS="$OUT/results.md"
TIMES="$OUT/times.tsv"
SERVICE_PID=""

if [ "$DB" = "test" ]; then
    echo "refusing to use the 'test' database" >&2
    exit 2
fi

psql_db() { psql -X -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        echo "== stopping the service (pid $SERVICE_PID)"
        kill "$SERVICE_PID"
        for _ in $(seq 1 30); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
        kill -0 "$SERVICE_PID" 2>/dev/null && kill -9 "$SERVICE_PID" || true
    fi
}
trap stop_service EXIT

# (a) the database
if ! psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    echo "== creating database $DB"
    createdb "$DB"
fi

# (b) build and start
if [ "${SKIP_BUILD:-0}" != "1" ]; then
    echo "== building (mvn -Ppostgres)"
    mvn -B -ntp -q -DskipTests package -Ppostgres
fi
if curl -s -o /dev/null "$BASE/cds-services"; then
    echo "something already listens on $BASE; stop it or set HTTP_PORT" >&2
    exit 2
fi
echo "== starting the service on $BASE against $DB (log: $OUT/service.log)"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/${DB}" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    QUARKUS_HTTP_PORT="$HTTP_PORT" java -jar target/quarkus-app/quarkus-run.jar >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for i in $(seq 1 180); do
    if curl -sf -o /dev/null "$BASE/cds-services"; then break; fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then echo "the service exited; see $OUT/service.log" >&2; exit 1; fi
    [ "$i" = 180 ] && { echo "the service did not start in 180 s" >&2; exit 1; }
    sleep 1
done

# (c) seed once
COUNT=$(psql_db -tAc "SELECT count(*) FROM evaluation")
if [ "$COUNT" = "0" ]; then
    echo "== seeding 1,000,000 evaluations (seed.sql)"
    START=$(date +%s)
    psql_db -q -f bench/audit-scale/seed.sql
    echo "   seeded in $(( $(date +%s) - START )) s; VACUUM (ANALYZE)"
    psql_db -q -c "VACUUM (ANALYZE) evaluation" -c "VACUUM (ANALYZE) evaluation_card" -c "VACUUM (ANALYZE) card_feedback"
else
    echo "== already seeded: $COUNT evaluations"
fi

# (d) statistics
psql_db -q -c "ANALYZE"
ROWS=$(psql_db -tAF' ' -c "SELECT (SELECT count(*) FROM evaluation), (SELECT count(*) FROM evaluation_card),
        (SELECT count(*) FROM card_feedback)")
read -r N_EVAL N_CARD N_FEEDBACK <<<"$ROWS"
echo "   rows: evaluation=$N_EVAL evaluation_card=$N_CARD card_feedback=$N_FEEDBACK"

# (e) the queries: name | API path and query | SQL (the translation of the JPQL, for EXPLAIN)
COLS="e.id, e.card_count, e.cards_json, e.duration_micros, e.encounter_id, e.evaluated_at, e.hook, e.hook_instance,
 e.patient_id, e.prev_hash, e.record_hash, e.ruleset_version, e.service_id, e.snapshot_json, e.user_id"
search_sql() { # $1: the where condition
    echo "SELECT $COLS FROM evaluation e WHERE $1 ORDER BY e.id DESC OFFSET 0 ROWS FETCH FIRST 51 ROWS ONLY"
}
card_exists() { # $1: the card condition
    echo "EXISTS (SELECT c.id FROM evaluation_card c WHERE c.evaluation_id = e.id AND $1)"
}
PATIENT="pat-04242"
USER_ID="Practitioner/u0042"
DAY_FROM="2026-03-01T00:00:00Z"; DAY_TO="2026-03-02T00:00:00Z"; WEEK_TO="2026-03-08T00:00:00Z"
RULE="ALLERGY-CROSS-SENSITIVITY"

# The cursor for the second page of ruleId=DDI-TABLE.
CURSOR=$(curl -sf -u "$AUTH" "$BASE/audit/evaluations?ruleId=DDI-TABLE" | jq -r '.next')

NAMES=(); URLS=(); SQLS=()
add() { NAMES+=("$1"); URLS+=("$2"); SQLS+=("$3"); }
add "patientId" "/audit/evaluations?patientId=$PATIENT" "$(search_sql "e.patient_id = '$PATIENT'")"
add "userId" "/audit/evaluations?userId=$USER_ID" "$(search_sql "e.user_id = '$USER_ID'")"
add "from/to (one day)" "/audit/evaluations?from=$DAY_FROM&to=$DAY_TO" \
    "$(search_sql "e.evaluated_at >= '$DAY_FROM' AND e.evaluated_at < '$DAY_TO'")"
add "service" "/audit/evaluations?service=medication-safety-select" \
    "$(search_sql "e.service_id = 'medication-safety-select'")"
add "ruleId" "/audit/evaluations?ruleId=$RULE" "$(search_sql "$(card_exists "c.rule_id = '$RULE'")")"
add "drug by RxCUI (7258, naproxen)" "/audit/evaluations?drug=7258" \
    "$(search_sql "$(card_exists "c.rxcuis LIKE '%,7258,%'")")"
add "drug by name (warfarin)" "/audit/evaluations?drug=warfarin" \
    "$(search_sql "$(card_exists "lower(c.drugs) LIKE '%warfarin%'")")"
add "drug by RxCUI, no match (worst case)" "/audit/evaluations?drug=99999" \
    "$(search_sql "$(card_exists "c.rxcuis LIKE '%,99999,%'")")"
add "drug by name, no match (worst case)" "/audit/evaluations?drug=zidovudine" \
    "$(search_sql "$(card_exists "lower(c.drugs) LIKE '%zidovudine%'")")"
add "indicator=critical" "/audit/evaluations?indicator=critical" \
    "$(search_sql "$(card_exists "c.indicator = 'critical'")")"
add "outcome=overridden" "/audit/evaluations?outcome=overridden" \
    "$(search_sql "$(card_exists "EXISTS (SELECT f.id FROM card_feedback f WHERE f.card_uuid = c.card_uuid AND f.outcome = 'overridden')")")"
add "patientId + ruleId" "/audit/evaluations?patientId=$PATIENT&ruleId=DDI-TABLE" \
    "$(search_sql "e.patient_id = '$PATIENT' AND $(card_exists "c.rule_id = 'DDI-TABLE'")")"
add "second page (ruleId=DDI-TABLE, cursor)" "/audit/evaluations?ruleId=DDI-TABLE&cursor=$CURSOR" \
    "$(search_sql "$(card_exists "c.rule_id = 'DDI-TABLE'") AND e.id < $CURSOR")"
add "stats groupBy=rule (one week)" "/audit/stats?from=$DAY_FROM&to=$WEEK_TO&groupBy=rule" \
    "SELECT c.rule_id, c.drugs, e.user_id, e.evaluated_at, c.indicator, f.outcome, f.override_code, f.override_display
 FROM evaluation_card c JOIN evaluation e ON c.evaluation_id = e.id
 LEFT JOIN card_feedback f ON f.card_uuid = c.card_uuid AND f.outcome_timestamp =
   (SELECT max(f2.outcome_timestamp) FROM card_feedback f2 WHERE f2.card_uuid = c.card_uuid)
 WHERE e.evaluated_at >= '$DAY_FROM' AND e.evaluated_at < '$WEEK_TO'"

stats() { # reads ms values, one a line: prints "median p95" (p95 by nearest rank)
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        r = int(0.95 * NR); if (r < 0.95 * NR) r++;
        printf "%.1f %.1f\n", m, v[r] }'
}

echo "== timing: $WARMUPS warm-ups, then $REPS timed requests per query (one client, sequential)"
: >"$TIMES"
{
    echo "| Query | API request | Results | Median (ms) | p95 (ms) |"
    echo "|---|---|---:|---:|---:|"
} >"$RESULTS"
SLOWEST=0; SLOWEST_MEDIAN=0
for idx in "${!NAMES[@]}"; do
    url="$BASE${URLS[$idx]}"
    for _ in $(seq 1 "$WARMUPS"); do curl -sf -o /dev/null -u "$AUTH" "$url"; done
    samples=()
    for _ in $(seq 1 "$REPS"); do
        line=$(curl -s -o "$OUT/last.json" -u "$AUTH" -w '%{http_code} %{time_total}' "$url")
        code=${line%% *}
        if [ "$code" != "200" ]; then echo "HTTP $code for $url" >&2; cat "$OUT/last.json" >&2; exit 1; fi
        samples+=("$(awk -v s="${line##* }" 'BEGIN { printf "%.3f", s * 1000 }')")
    done
    printf '%s\t%s\n' "${NAMES[$idx]}" "${samples[*]}" >>"$TIMES"
    read -r median p95 <<<"$(printf '%s\n' "${samples[@]}" | stats)"
    results=$(jq -r 'if has("items") then (.items | length | tostring) + (if .next then " (more)" else "" end)
                     else (.alerts | tostring) + " cards" end' "$OUT/last.json")
    printf '| %s | `GET %s` | %s | %s | %s |\n' "${NAMES[$idx]}" "${URLS[$idx]}" "$results" "$median" "$p95" >>"$RESULTS"
    printf '   %-40s median %8s ms   p95 %8s ms   (%s)\n' "${NAMES[$idx]}" "$median" "$p95" "$results"
    if awk -v a="$median" -v b="$SLOWEST_MEDIAN" 'BEGIN { exit !(a > b) }'; then
        SLOWEST=$idx; SLOWEST_MEDIAN=$median
    fi
done

echo "== integrity (sanity: the seeded rows are outside the chain)"
curl -sf -u "$AUTH" "$BASE/audit/integrity"; echo

echo
echo "== results (also in $RESULTS; raw samples in $TIMES)"
cat "$RESULTS"
over=$(awk -F'|' 'NR > 2 && $5 + 0 > 200 { print $2 }' "$RESULTS")
if [ -n "$over" ]; then echo; echo "OVER 200 ms (median):"; echo "$over"; fi

# (f) the plan of the slowest
echo
echo "== slowest by median: ${NAMES[$SLOWEST]} ($SLOWEST_MEDIAN ms); its SQL, EXPLAIN (ANALYZE, BUFFERS):"
echo "${SQLS[$SLOWEST]};"
psql_db -c "EXPLAIN (ANALYZE, BUFFERS) ${SQLS[$SLOWEST]}" | tee "$OUT/slowest-plan.txt"
