#!/usr/bin/env bash
# Soak: the packaged service on PostgreSQL under a steady stream of CDS Hooks calls, with a ruleset publication every
# 30 s and a PostgreSQL restart in the middle. See bench/soak/README.md for what it measures and the last figures.
#
#   bench/soak/run.sh                          # 10 minutes at 200 calls/s (the documented run)
#   SOAK_SECONDS=60 SOAK_PUBLISH_EVERY=15 bench/soak/run.sh   # shortened: 1 minute, 3 publications, restart at 35 s
#
# Pass (exit 0) only if all hold:
#   1. zero failed calls: every call answered 200 with cards within 30 s;
#   2. answered calls == audit records of the run: none answered and missing, none recorded twice;
#   3. heap flat: the live heap (after a full GC) at the end is at most 1.25 x the first sample after warm-up + 32 MB;
#   4. the audit chain intact (GET /audit/integrity?full=true).
# It also reports latency, the publications (and whether each became active) and which ruleset versions answered.
#
# PostgreSQL: by default a private throwaway cluster (initdb under /tmp, port SOAK_PG_PORT), so that the restart
# touches nobody else. SOAK_PG=shared uses 127.0.0.1:5432 (database medsafety_soak) and restarts that cluster with
# pg_ctlcluster: every other user of it sees the outage too, so run that only alone.
#
# Environment: SOAK_SECONDS (600), SOAK_RATE (200 calls/s), SOAK_PUBLISH_EVERY (30 s), SOAK_RESTART_AT (half the
# run plus a third of the publication interval, away from a publication), SOAK_DOWN (5: seconds PostgreSQL stays
# down), SOAK_HEAP (1g: the service's -Xmx), SOAK_HTTP_PORT (18095),
# SOAK_PG (private | shared), SOAK_PG_PORT (55439), SOAK_WARMUP (20: seconds of calls before the measured run, not
# counted), SKIP_BUILD=1 to reuse target/quarkus-app (a -Ppostgres build).
# Results: target/soak/<time>/ (summary.md, per-second.tsv, heap.tsv, publications.tsv, failures.txt, logs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SECONDS_TOTAL="${SOAK_SECONDS:-600}"
RATE="${SOAK_RATE:-200}"
PUBLISH_EVERY="${SOAK_PUBLISH_EVERY:-30}"
RESTART_AT="${SOAK_RESTART_AT:-$((SECONDS_TOTAL / 2 + PUBLISH_EVERY / 3))}"
DOWN="${SOAK_DOWN:-5}"
HEAP="${SOAK_HEAP:-1g}"
HTTP_PORT="${SOAK_HTTP_PORT:-18095}"
PG_MODE="${SOAK_PG:-private}"
PG_PORT="${SOAK_PG_PORT:-55439}"
HEAP_EVERY=$(( SECONDS_TOTAL / 10 < 10 ? 10 : SECONDS_TOTAL / 10 ))
OUT="$ROOT/target/soak/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
BASE="http://127.0.0.1:$HTTP_PORT"
RUN_PATIENT="soak-$(date +%s)"
log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$OUT/events.log"; }

pids=()
pgdata=""
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sh -c "$*"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$pgdata" ]; then
    as_postgres "$pg_bin/pg_ctl -D $pgdata -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pgdata"
  fi
}
trap cleanup EXIT

# --- PostgreSQL ---------------------------------------------------------------------------------------------------
if [ "$PG_MODE" = private ]; then
  pgdata="$(mktemp -d /tmp/medsafety-soak-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata"
  as_postgres "$pg_bin/initdb -D $pgdata -A trust -U postgres" >/dev/null
  pg_start() { as_postgres "$pg_bin/pg_ctl -D $pgdata -o '-p $PG_PORT -k $pgdata' -l $pgdata/log -w start" >/dev/null; }
  pg_stop() { as_postgres "$pg_bin/pg_ctl -D $pgdata -m fast -w stop" >/dev/null; }
  pg_start
  DB=medsafety_soak
else
  PG_PORT=5432
  DB=medsafety_soak
  cluster="$(ls /etc/postgresql | sort -V | tail -n 1)"
  pg_start() { pg_ctlcluster --skip-systemctl-redirect "$cluster" main start; }
  pg_stop() { pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop -m fast; }
fi
PSQL=(psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null
"${PSQL[@]}" -d postgres -qc "CREATE DATABASE $DB" >/dev/null

# --- the service ----------------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -DskipTests package -Ppostgres
  mvn -B -ntp -q test-compile -Ppostgres
fi
cp -r rules knowledge-base "$OUT/"
soak_scenario="$OUT/rules/common/scenarios/soak.yaml"
cat > "$soak_scenario" <<'YAML'
# Changed by bench/soak/run.sh before each publication, so each is a new ruleset version.
scenarios:
  - name: acetaminophen at an ordinary dose stays silent (soak run)
    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 3/d}]
    expect: []
YAML
# Run from $OUT: rules, knowledge-base and ./data (the H2 default, unused here, and any local files) land there.
( cd "$OUT" && exec env QUARKUS_HTTP_PORT="$HTTP_PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    java "-Xmx$HEAP" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$OUT/service.log" 2>&1 ) &
service=$!
pids+=("$service")
for _ in $(seq 1 120); do curl -sf "$BASE/cds-services" >/dev/null && break; sleep 1; done
curl -sf "$BASE/cds-services" >/dev/null || { echo "the service did not start"; tail -n 30 "$OUT/service.log"; exit 1; }
jvm=$(pgrep -P "$service" java || echo "$service")
log "service up (pid $jvm, -Xmx$HEAP), PostgreSQL $PG_MODE on port $PG_PORT, $RATE calls/s for $SECONDS_TOTAL s"

# --- warm-up: the JIT compiles the hot paths before anything is measured (calls of another patient, not counted) --
WARMUP="${SOAK_WARMUP:-20}"
if [ "$WARMUP" -gt 0 ]; then
  log "warm-up: $RATE calls/s for $WARMUP s (not counted)"
  java -cp "target/test-classes:target/quarkus-app/lib/main/*" org.medsafety.testing.SoakLoad \
    "$BASE/cds-services/medication-safety-sign" docs/examples/order-sign-warfarin-naproxen.json "$RUN_PATIENT-warmup" \
    "$RATE" "$WARMUP" "$OUT/warmup" > "$OUT/warmup.txt"
  log "warm-up done: $(cat "$OUT/warmup.txt")"
fi

# --- heap: the live set after a full GC, every HEAP_EVERY s; jstat's view without forcing a GC every 5 s ----------------
jstat -gc -t "$jvm" 5000 > "$OUT/jstat.txt" 2>/dev/null &
pids+=($!)
heap_sampler() {
  printf 'second\tlive_heap_mb\n' > "$OUT/heap.tsv"
  local t0=$SECONDS
  while sleep "$HEAP_EVERY"; do
    jcmd "$jvm" GC.run >/dev/null 2>&1 || break
    used_kb=$(jcmd "$jvm" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1)
    [ -n "$used_kb" ] && printf '%d\t%d\n' $((SECONDS - t0)) $((used_kb / 1024)) >> "$OUT/heap.tsv"
  done
}
heap_sampler &
pids+=($!)

# --- publications every PUBLISH_EVERY s ---------------------------------------------------------------------------
publisher() {
  printf 'second\tstatus\tversion\tms\n' > "$OUT/publications.tsv"
  local n=0 t0=$SECONDS
  while sleep "$PUBLISH_EVERY"; do
    n=$((n + 1))
    [ $((SECONDS - t0)) -ge "$SECONDS_TOTAL" ] && break
    echo "# publication $n" >> "$soak_scenario"
    start_ms=$(date +%s%3N)
    answer=$(curl -s -m 120 -u pharmacist:pharmacist -H 'X-Requested-By: soak' -X POST \
      "$BASE/admin/rulesets/reload?label=soak+$n&reason=soak+run" || true)
    read -r status version < <(printf '%s' "$answer" | python3 -c 'import json, sys
try:
    r = json.load(sys.stdin)
    print(r.get("status") or ("error:" + str(r.get("issue", [{}])[0].get("diagnostics", ""))[:60]).replace(" ", "_"),
          (r.get("version") or "-")[:12])
except ValueError:
    print("error:no_json -")')
    printf '%d\t%s\t%s\t%d\n' $((SECONDS - t0)) "$status" "$version" $(( $(date +%s%3N) - start_ms )) \
      >> "$OUT/publications.tsv"
  done
}
publisher &
pids+=($!)

# --- the PostgreSQL restart ------------------------------------------------------------------------------------------
restarter() {
  sleep "$RESTART_AT"
  log "PostgreSQL stopping (down for $DOWN s)"
  pg_stop
  sleep "$DOWN"
  pg_start
  log "PostgreSQL started again"
}
restarter &
pids+=($!)

# --- the load ----------------------------------------------------------------------------------------------------------
log "load: $RATE calls/s for $SECONDS_TOTAL s, patient $RUN_PATIENT"
java -cp "target/test-classes:target/quarkus-app/lib/main/*" org.medsafety.testing.SoakLoad \
  "$BASE/cds-services/medication-safety-sign" docs/examples/order-sign-warfarin-naproxen.json "$RUN_PATIENT" \
  "$RATE" "$SECONDS_TOTAL" "$OUT" | tee "$OUT/load.txt"
log "load done"
sleep 5 # the last records' commits

# --- results -----------------------------------------------------------------------------------------------------------
"${PSQL[@]}" -d "$DB" -Atc "SELECT hook_instance FROM evaluation WHERE patient_id = '$RUN_PATIENT'" \
  > "$OUT/recorded.txt" || echo "(could not read the records)" >&2
jcmd "$jvm" GC.run >/dev/null 2>&1 || true
used_kb=$(jcmd "$jvm" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1)
[ -n "$used_kb" ] && printf 'end\t%d\n' $((used_kb / 1024)) >> "$OUT/heap.tsv"
integrity=$(curl -s -m 300 -u auditor:auditor "$BASE/audit/integrity?full=true" || echo '{}')
echo "$integrity" > "$OUT/integrity.json"
grep -E "ERROR|WARN" "$OUT/service.log" | grep -v "org.drools\|or.dr\.\|StaffAccessNotice\|CdsClientTrust" \
  | cut -c1-240 | sort | uniq -c | sort -rn | head -n 30 > "$OUT/service-warnings.txt" || true

python3 - "$OUT" "$SECONDS_TOTAL" "$RATE" "$PUBLISH_EVERY" "$RESTART_AT" "$DOWN" "$HEAP" "$PG_MODE" <<'PY'
import json, pathlib, sys
out, seconds, rate, every, restart_at, down, heap, pg = sys.argv[1:9]
out = pathlib.Path(out)
load = dict(kv.split("=") for kv in (out / "load.txt").read_text().split())
answered = [l for l in (out / "answered.txt").read_text().split() if l]
recorded = [l for l in (out / "recorded.txt").read_text().split() if l]
a, r = set(answered), set(recorded)
missing, extra, twice = len(a - r), len(r - a), len(recorded) - len(r)
heap_rows = [l.split("\t") for l in (out / "heap.tsv").read_text().splitlines()[1:] if l.strip()]
heap_mb = [(t, int(m)) for t, m in heap_rows]
first = heap_mb[1][1] if len(heap_mb) > 2 else (heap_mb[0][1] if heap_mb else None)  # after warm-up
last = heap_mb[-1][1] if heap_mb else None
flat = first is not None and last <= first * 1.25 + 32
pubs = [l.split("\t") for l in (out / "publications.tsv").read_text().splitlines()[1:] if l.strip()]
pubs_ok = sum(1 for p in pubs if p[1] == "active")
try:
    integrity = json.loads((out / "integrity.json").read_text())
except ValueError:
    integrity = {}
intact = integrity.get("intact") is True
failed = int(load["failed"]) + int(load["unanswered"])
versions = (out / "versions.tsv").read_text().splitlines()
per_second = [l.split("\t") for l in (out / "per-second.tsv").read_text().splitlines()[1:]]
bad_seconds = [s for s in per_second if int(s[3]) > 0]
checks = [
    ("zero failed calls", failed == 0, f"{failed} failed of {load['sent']} sent"),
    ("answered calls == records", missing == 0 and twice == 0 and len(a) == len(r),
     f"{len(answered)} answered, {len(recorded)} records ({missing} answered but missing, {extra} recorded but "
     f"not answered, {twice} recorded twice)"),
    ("heap flat", flat, f"live heap {first} MB after warm-up, {last} MB at the end (limit {first}*1.25+32)"
     if first is not None else "no heap samples"),
    ("audit chain intact", intact, json.dumps(integrity)[:200]),
]
lines = [f"# Soak run {out.name}", "",
         f"{seconds} s at {rate} calls/s, a publication every {every} s, PostgreSQL ({pg}) stopped at {restart_at} s "
         f"for {down} s; service -Xmx{heap}.", "",
         "| check | result | measured |", "|---|---|---|"]
lines += [f"| {name} | {'PASS' if ok else 'FAIL'} | {what} |" for name, ok, what in checks]
lines += ["", f"Latency of all calls: p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, max {load['max_ms']} ms.",
          f"Publications: {pubs_ok} of {len(pubs)} active; answers by ruleset version: {len(versions)} versions.",
          "Live heap after full GC (s: MB): " + ", ".join(f"{t}: {m}" for t, m in heap_mb),
          f"Seconds with failed calls: {', '.join(s[0] for s in bad_seconds[:30]) or 'none'}"]
fails = (out / "failures.txt").read_text().splitlines()
if fails:
    kinds = {}
    for f in fails:
        kinds[f.split(": ", 1)[-1][:100]] = kinds.get(f.split(": ", 1)[-1][:100], 0) + 1
    lines += ["", "Failed calls by kind:"] + [f"- {n} x {k}" for k, n in sorted(kinds.items(), key=lambda x: -x[1])[:10]]
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if all(ok for _, ok, _ in checks) else 1)
PY
