#!/usr/bin/env bash
# The performance benchmark of issue 13, in one command: JMH in process, then HTTP load with wrk on H2 and on
# PostgreSQL against the service, GET /cds-services and the bare endpoint (bench/bare) in the same run. Writes the
# table to target/bench/<time>/table.md and prints it. See bench/README.md and docs/performance.md.
#
#   bench/run.sh                       # everything (about 12 minutes on 2 cores)
#   BENCH_SECONDS=10 bench/run.sh      # shorter load runs
#
# Environment: BENCH_SECONDS (20: each measured wrk run), BENCH_WARMUP (20: the least wrk seconds before measuring,
# per database; the service's warm-up goes on in 10 s runs until its throughput levels off, up to BENCH_WARMUP_MAX,
# 120),
# BENCH_CONNECTIONS (8), BENCH_PATIENTS (300 generated patients), BENCH_DBS ("h2 pg"), BENCH_JMH (1: 0
# skips JMH), BENCH_GROWTH (0: 1 adds the JMH sweep over active medications and draft orders), BENCH_HEAP (512m),
# BENCH_PORT (18160; the bare app takes the next port), BENCH_PG_HOST
# (127.0.0.1:5432; databases bench_service and bench_bare are created and dropped), SKIP_BUILD=1 reuses the builds
# (the packaged apps; the benchmark classes are compiled again, which takes seconds).
# Run it alone: the load generator shares the 2 cores with the service, and other work on the machine shows.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECS="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-20}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-120}"
CONNS="${BENCH_CONNECTIONS:-8}"
PATIENTS="${BENCH_PATIENTS:-300}"
DBS="${BENCH_DBS:-h2 pg}"
HEAP="${BENCH_HEAP:-512m}"
PORT="${BENCH_PORT:-18160}"
BARE_PORT=$((PORT + 1))
PG_HOSTPORT="${BENCH_PG_HOST:-127.0.0.1:5432}"
PG_HOST="${PG_HOSTPORT%:*}"
PG_PORT="${PG_HOSTPORT#*:}"
BUILD="$ROOT/target/bench/build"
OUT="$ROOT/target/bench/$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$OUT/results.tsv"
THREADS=2
mkdir -p "$OUT" "$BUILD"
: > "$RESULTS"
log() { printf '%s %s\n' "$(date -u +%T)" "$*" | tee -a "$OUT/events.log" >&2; }
result() { printf '%s\t%s\n' "$1" "$2" >> "$RESULTS"; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
PSQL=(psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres)

# --- builds: the service and the bare app, once per database kind (fixed when Quarkus builds) ----------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the service (H2 and -Ppostgres), the bare app and the benchmarks"
  mvn -B -ntp -q -Pbench -DskipTests package
  rm -rf "$BUILD/app-h2" && cp -r target/quarkus-app "$BUILD/app-h2"
  mvn -B -ntp -q -Pbench,postgres -DskipTests package
  rm -rf "$BUILD/app-pg" && cp -r target/quarkus-app "$BUILD/app-pg"
  mvn -B -ntp -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD/classpath.txt"
  mvn -B -ntp -q -f bench/bare/pom.xml package
  rm -rf "$BUILD/bare-h2" && cp -r bench/bare/target/quarkus-app "$BUILD/bare-h2"
  mvn -B -ntp -q -f bench/bare/pom.xml -Ppostgres package
  rm -rf "$BUILD/bare-pg" && cp -r bench/bare/target/quarkus-app "$BUILD/bare-pg"
fi
# The benchmark classes live in target/test-classes, which any build without -Pbench empties of them: always compile.
[ "${SKIP_BUILD:-0}" = 1 ] && mvn -B -ntp -q -Pbench test-compile
CP="target/test-classes:target/classes:$(cat "$BUILD/classpath.txt")"

# --- the machine, for the table ------------------------------------------------------------------------------------
result machine "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
result java "$(java -version 2>&1 | head -n 1)"
result commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (modified)')"
result date "$(date -u '+%Y-%m-%d %H:%M UTC')"
result load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
result command "bench/run.sh (BENCH_SECONDS=$SECS BENCH_WARMUP=$WARMUP BENCH_WARMUP_MAX=$WARMUP_MAX BENCH_CONNECTIONS=$CONNS BENCH_HEAP=$HEAP)"

# --- inputs: the generated compendium and the generated patients --------------------------------------------------
log "generating the 100,000-pair knowledge base and $PATIENTS patients"
rm -rf "$BUILD/kb-100k"
java -cp "$CP" org.medsafety.bench.SyntheticCompendium knowledge-base "$BUILD/kb-100k" 13
java -cp "$CP" org.medsafety.bench.PatientMix knowledge-base "$PATIENTS" "$OUT/requests.ndjson" 13

# --- JMH: one evaluation in process -----------------------------------------------------------------------------
if [ "${BENCH_JMH:-1}" = 1 ]; then
  log "JMH: shipped and 100,000-pair knowledge bases"
  java -cp "$CP" org.openjdk.jmh.Main EvaluationBenchmark -p knowledge="shipped,$BUILD/kb-100k" \
    -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1
  python3 - "$OUT/jmh.json" "$BUILD/kb-100k" >> "$RESULTS" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    kb = "shipped" if r["params"]["knowledge"] == "shipped" else "100k"
    name = r["benchmark"].rsplit(".", 1)[1]
    p = r["primaryMetric"]["scorePercentiles"]
    print(f"jmh_{name}_{kb}\t{p['50.0']:.0f}/{p['90.0']:.0f}/{p['99.0']:.0f}")
PY
  log "JMH: one client JWT signature check, ES384 and RS384"
  java -cp "$CP" org.openjdk.jmh.Main TokenSignatureBenchmark -rf json -rff "$OUT/jmh-tokens.json" \
    > "$OUT/jmh-tokens.txt" 2>&1
  python3 - "$OUT/jmh-tokens.json" >> "$RESULTS" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    p = r["primaryMetric"]["scorePercentiles"]
    print(f"token_{r['params']['alg']}_{r['params']['checker']}\t{p['50.0']:.0f}/{p['90.0']:.0f}/{p['99.0']:.0f}")
PY
  if [ "${BENCH_GROWTH:-0}" = 1 ]; then
    log "JMH: growth with active medications and draft orders (shipped knowledge base)"
    java -cp "$CP" org.openjdk.jmh.Main 'EvaluationBenchmark.rules$' -p knowledge=shipped \
      -p activeMedications=5,10,20,40 -p draftOrders=1,2,5 -wi 3 -i 3 -rf json -rff "$OUT/jmh-growth.json" \
      > "$OUT/jmh-growth.txt" 2>&1
  fi
fi

# --- HTTP ------------------------------------------------------------------------------------------------------------
java -cp "$CP" org.medsafety.testing.TestEhrCli keys "$OUT" https://ehr.bench.example >/dev/null
BASE="http://127.0.0.1:$PORT"
SIGN="/cds-services/medication-safety-sign"

# wrk_run NAME CONNECTIONS SECONDS URL SCRIPT [script args…]: one RESULT line into $OUT/NAME.txt, echoed
wrk_run() {
  local name=$1 conns=$2 secs=$3 url=$4 script=$5; shift 5
  local threads=$(( conns < THREADS ? conns : THREADS ))
  # Part of every hookInstance: the start of this wrk run in microseconds (mod 2^31), so no two runs share one.
  # (A counter would not do: wrk_run often runs in a pipeline, a subshell whose variables do not survive.)
  local run_id=$(( $(date +%s%6N) % 2147483648 ))
  if [ "$script" = order-sign ]; then
    wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout 30s -s bench/wrk/order-sign.lua "$url" -- \
      "$OUT/requests.ndjson" "$run_id" "$threads" "$@" > "$OUT/$name.txt" 2>&1
  else
    wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout 30s -s bench/wrk/get.lua "$url" > "$OUT/$name.txt" 2>&1
  fi
  grep '^RESULT' "$OUT/$name.txt" | sed "s/^RESULT/$name/"
}
# tokens N FILE: N client JWTs for the hook endpoint, minted now (they live 5 minutes)
tokens() { java -cp "$CP" org.medsafety.bench.BenchTokens "$OUT" "$BASE$SIGN" "$1" "$2"; }
# rps of a wrk result file
rps_of() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p' "$OUT/$1.txt" | cut -d. -f1; }
# await_ready URL LOG: milliseconds until URL answers 200
await_ready() {
  local t0; t0=$(date +%s%3N)
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "$1"; then echo $(( $(date +%s%3N) - t0 )); return 0; fi
    sleep 0.1
  done
  echo "did not become ready: $1" >&2; tail -n 30 "$2" >&2; return 1
}
# start_service DB DIR KNOWLEDGE [extra JVM args…]: launches the service in DIR (its ./data), echoes its pid
start_service() {
  local db=$1 dir=$2 knowledge=$3; shift 3
  mkdir -p "$dir" && { [ -d "$dir/rules" ] || cp -r rules "$dir/rules"; }
  local env=(QUARKUS_HTTP_PORT="$PORT" MEDSAFETY_RULES_DIR="$dir/rules" MEDSAFETY_KNOWLEDGE_DIR="$knowledge"
             MEDSAFETY_PUBLIC_BASE_URL="$BASE")
  # CLIENTS empty: no clients file, the loopback quick start (calls need no client JWT)
  [ -n "${CLIENTS-$OUT/clients.json}" ] && env+=(MEDSAFETY_CDS_CLIENTS_FILE="${CLIENTS-$OUT/clients.json}")
  if [ "$db" = pg ]; then
    env+=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/bench_service"
          QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=)
  fi
  ( cd "$dir" && exec env "${env[@]}" java "-Xmx$HEAP" "$@" -jar "$BUILD/app-$db/quarkus-run.jar" \
      > "$dir/service.log" 2>&1 ) &
  echo $!
}
# stop PID: the process was started in a command substitution, so it is not this shell's child: poll until it is gone
stop() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
# await_http URL: until anything answers on URL's port (the bare app has no health endpoint)
await_http() {
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" != 000 ] && return 0
    sleep 0.1
  done
  echo "nothing answers at $1" >&2; return 1
}
# cpu_ticks PID: user + system CPU of the process so far, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# jit_seconds PID: time the JIT compilers have spent so far (jstat), in seconds
jit_seconds() { jstat -compiler "$1" | awk 'NR == 2 {print $4}'; }
# warm_service PID DB: order-sign load in 10 s runs until the throughput levels off (two runs in a row within 5 % of
# each other) after at least WARMUP s, or WARMUP_MAX s: a service runs for days, so the figures are its steady
# state, not its first minute (the first pass measured after 15 s, while C2 was still compiling most of the time and
# the throughput was still climbing). The JIT's compile time in the last run is reported alongside.
warm_service() {
  local pid=$1 db=$2 spent=0 before after grew previous=0
  while :; do
    before=$(jit_seconds "$pid")
    tokens $(( ${rate:-300} * 10 * 2 + 1000 )) "$OUT/tokens-warmup.txt"
    wrk_run "$db-warmup-post" "$CONNS" 10 "$BASE$SIGN" order-sign "$OUT/tokens-warmup.txt" >&2
    rate=$(rps_of "$db-warmup-post"); rate=${rate:-300}
    spent=$((spent + 10))
    after=$(jit_seconds "$pid")
    grew=$(python3 -c "print(f'{$after - $before:.2f}')")
    log "  warm-up $spent s: $rate calls/s, JIT compile time +$grew s"
    if [ "$spent" -ge "$WARMUP" ] && { python3 -c "import sys; sys.exit(0 if abs($rate - $previous) <= 0.05 * $rate else 1)" \
        || [ "$spent" -ge "$WARMUP_MAX" ]; }; then
      break
    fi
    previous=$rate
  done
  result "warmup_s_$db" "$spent"
  result "warmup_jit_last_$db" "$grew"
}
# sampler PID FILE: RSS and used heap every 2 s while the load runs
sampler() {
  while kill -0 "$1" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0)
    heap=$(jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print int(v/1024); exit}}')
    printf '%s\t%s\n' "$rss" "${heap:-0}" >> "$2"
    sleep 2
  done
}

for db in $DBS; do
  log "== $db"
  if [ "$db" = pg ]; then
    for d in bench_service bench_bare; do
      "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $d" -c "CREATE DATABASE $d"
    done
  fi
  dir="$OUT/$db"
  service=$(start_service "$db" "$dir/service" "$ROOT/knowledge-base" \
    -XX:StartFlightRecording=settings=default,filename="$dir/service.jfr",dumponexit=true)
  pids+=("$service")
  ready=$(await_ready "$BASE/q/health/ready" "$dir/service/service.log")
  result "ready_shipped_$db" "$ready"
  log "service ready in $ready ms"
  mkdir -p "$dir/bare"
  bare_env=(QUARKUS_HTTP_PORT="$BARE_PORT")
  [ "$db" = pg ] && bare_env+=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/bench_bare")
  ( cd "$dir/bare" && exec env "${bare_env[@]}" java "-Xmx$HEAP" -jar "$BUILD/bare-$db/quarkus-run.jar" \
      > "$dir/bare/bare.log" 2>&1 ) &
  bare=$!
  pids+=("$bare")
  await_http "http://127.0.0.1:$BARE_PORT/bare/order-sign" || { tail -n 30 "$dir/bare/bare.log" >&2; exit 1; }

  # The load is worth measuring only if calls need a token and a call with one gets cards.
  head -n 1 "$OUT/requests.ndjson" | sed "s/HOOK-INSTANCE-PLACEHOLDER/$(cat /proc/sys/kernel/random/uuid)/" \
    > "$dir/sample.json"
  result "unauthenticated_status_$db" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$dir/sample.json" "$BASE$SIGN")"
  tokens 1 "$dir/sample-token.txt"
  sed -i "s/\"hookInstance\":\"[^\"]*\"/\"hookInstance\":\"$(cat /proc/sys/kernel/random/uuid)\"/" "$dir/sample.json"
  curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $(cat "$dir/sample-token.txt")" \
    --data-binary @"$dir/sample.json" "$BASE$SIGN" > "$dir/sample-answer.json"
  result "sample_cards_$db" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cards"]))' \
    "$dir/sample-answer.json" 2>/dev/null || echo "no cards: $(head -c 200 "$dir/sample-answer.json")")"

  log "warm-up: POST until the service's throughput levels off ($WARMUP to $WARMUP_MAX s), then $WARMUP s of bare and GET"
  warm_service "$service" "$db"
  wrk_run "$db-warmup-bare" "$CONNS" "$WARMUP" "http://127.0.0.1:$BARE_PORT/bare/order-sign" order-sign >&2
  wrk_run "$db-warmup-get" "$CONNS" "$WARMUP" "$BASE/cds-services" get >&2
  # Enough tokens for the measured runs at 1.5 x the warm-up rate, plus the sequential and publication runs.
  rate=${rate:-500}
  need=$(( rate * SECS * 3 / 2 + 2000 ))

  log "throughput at $CONNS connections"
  tokens "$need" "$OUT/tokens-$db.txt"
  : > "$dir/memory.tsv"
  sampler "$service" "$dir/memory.tsv" &
  sampler_pid=$!
  cpu_before=$(cpu_ticks "$service")
  wrk_run "$db-post" "$CONNS" "$SECS" "$BASE$SIGN" order-sign "$OUT/tokens-$db.txt" | tee -a "$OUT/wrk.log" >&2
  cpu_after=$(cpu_ticks "$service")
  kill "$sampler_pid" 2>/dev/null || true
  calls=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' "$OUT/$db-post.txt")
  result "cpu_per_call_$db" "$(python3 -c "print(f'{($cpu_after - $cpu_before) * 1000 / $(getconf CLK_TCK) / max($calls, 1):.2f}')")"
  result "rss_max_$db" "$(sort -n "$dir/memory.tsv" | tail -n 1 | cut -f1)"
  result "heap_max_$db" "$(sort -k2 -n "$dir/memory.tsv" | tail -n 1 | cut -f2)"
  wrk_run "$db-get" "$CONNS" "$SECS" "$BASE/cds-services" get | tee -a "$OUT/wrk.log" >&2
  wrk_run "$db-bare" "$CONNS" "$SECS" "http://127.0.0.1:$BARE_PORT/bare/order-sign" order-sign \
    | tee -a "$OUT/wrk.log" >&2

  log "sequential: one keep-alive connection"
  tokens $(( rate * SECS / 2 + 2000 )) "$OUT/tokens-$db-seq.txt"
  wrk_run "$db-seq-post" 1 "$SECS" "$BASE$SIGN" order-sign "$OUT/tokens-$db-seq.txt" | tee -a "$OUT/wrk.log" >&2
  wrk_run "$db-seq-get" 1 "$SECS" "$BASE/cds-services" get | tee -a "$OUT/wrk.log" >&2
  wrk_run "$db-seq-bare" 1 "$SECS" "http://127.0.0.1:$BARE_PORT/bare/order-sign" order-sign \
    | tee -a "$OUT/wrk.log" >&2

  log "publication under load"
  tokens $(( rate * 15 * 3 / 2 + 2000 )) "$OUT/tokens-$db-pub.txt"
  wrk_run "$db-publish-load" "$CONNS" 15 "$BASE$SIGN" order-sign "$OUT/tokens-$db-pub.txt" \
    | tee -a "$OUT/wrk.log" >&2 &
  load=$!
  sleep 5
  printf '\n# benchmark publication %s\n' "$(date +%s%N)" >> "$dir/service/rules/common/scenarios/bench.yaml"
  cat >> "$dir/service/rules/common/scenarios/bench.yaml" <<'YAML'
scenarios:
  - name: acetaminophen at an ordinary dose stays silent (benchmark publication)
    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 3/d}]
    expect: []
YAML
  t0=$(date +%s%3N)
  answer=$(curl -s -m 120 -u pharmacist:pharmacist -H 'X-Requested-By: bench' -X POST \
    "$BASE/admin/rulesets/reload?label=bench&reason=benchmark+publication" || true)
  result "publish_ms_$db" "$(( $(date +%s%3N) - t0 ))"
  result "publish_status_$db" "$(printf '%s' "$answer" | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("status", "?"))
except ValueError: print("no answer")')"
  wait "$load" || true
  result "publish_failed_$db" "$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' "$OUT/$db-publish-load.txt")"
  stop "$bare"
  stop "$service"

  # A restart: the database already holds the active ruleset, which passed its scenarios when it was published, so
  # it is compiled but its scenarios are not run again (what every start after the first does).
  service=$(start_service "$db" "$dir/service" "$ROOT/knowledge-base")
  pids+=("$service")
  result "ready_restart_$db" "$(await_ready "$BASE/q/health/ready" "$dir/service/service.log")"
  stop "$service"

  if [ "$db" = h2 ]; then
    # What the sequential cost is made of: the same calls without a client JWT (no clients file: the loopback quick
    # start), and the README's one-medication call (docs/examples) without one.
    log "sequential cost without client JWTs, and of a one-medication call"
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); r["hookInstance"] = "HOOK-INSTANCE-PLACEHOLDER"
print(json.dumps(r, separators=(",", ":")))' docs/examples/order-sign-warfarin-naproxen.json > "$OUT/small.ndjson"
    service=$(CLIENTS= start_service h2 "$dir/service-open" "$ROOT/knowledge-base")
    pids+=("$service")
    await_ready "$BASE/q/health/ready" "$dir/service-open/service.log" >/dev/null
    wrk_run "$db-open-warmup" "$CONNS" 60 "$BASE$SIGN" order-sign >&2
    wrk_run "$db-seq-post-open" 1 "$SECS" "$BASE$SIGN" order-sign | tee -a "$OUT/wrk.log" >&2
    cp "$OUT/requests.ndjson" "$OUT/requests-20.ndjson" && cp "$OUT/small.ndjson" "$OUT/requests.ndjson"
    wrk_run "$db-seq-post-small" 1 "$SECS" "$BASE$SIGN" order-sign | tee -a "$OUT/wrk.log" >&2
    mv "$OUT/requests-20.ndjson" "$OUT/requests.ndjson"
    wrk_run "$db-seq-get-open" 1 "$SECS" "$BASE/cds-services" get | tee -a "$OUT/wrk.log" >&2
    stop "$service"

    log "start to ready with the 100,000-pair knowledge base"
    service=$(start_service h2 "$dir/service-100k" "$BUILD/kb-100k")
    pids+=("$service")
    result ready_100k_h2 "$(await_ready "$BASE/q/health/ready" "$dir/service-100k/service.log")"
    stop "$service"
  fi
  # The whole session (warm-up, load, publication) on JFR's default settings: where the CPU went.
  [ -f "$dir/service.jfr" ] && { bench/jfr-summary.py "$dir/service.jfr" > "$dir/jfr-summary.md" || true; }
  # and where start-up went: the samples until the service was ready
  [ -f "$dir/service.jfr" ] && { bench/jfr-summary.py "$dir/service.jfr" --first $(( ready / 1000 + 1 )) \
    > "$dir/jfr-startup.md" || true; }
  if [ "$db" = pg ]; then
    for d in bench_service bench_bare; do "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $d" || true; done
  fi
done
result load_after "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 bench/table.py "$OUT" > "$OUT/table.md"
cp "$OUT/table.md" "$ROOT/target/bench/table.md"
cat "$OUT/table.md"
