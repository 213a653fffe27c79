# Shared by .ci/audit-outage.sh and .ci/audit-crash.sh: packaged instances, a stream of CDS calls, and the checks
# that every answered call is in the audit trail exactly once with the chain intact. Sourced, not run.

BASE=https://cds.hospital.example
REQUEST=docs/examples/order-sign-warfarin-naproxen.json
PG_VERSION=$(ls /etc/postgresql | head -n 1)
pids=()

build_app() { # postgres|h2 DEST: the packaged service, copied so that the next build does not overwrite it
  if [ "$1" = postgres ]; then mvn -B -ntp -q -DskipTests package -Ppostgres; else mvn -B -ntp -q -DskipTests package; fi
  rm -rf "$2"; cp -r target/quarkus-app "$2"
}

fresh_database() { # NAME
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $1" >/dev/null
  psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $1" >/dev/null
}

start_instance() { # APP_DIR WORK_DIR PORT LOG: runs in WORK_DIR, so ./data (H2 file, journal) is its own
  local app=$1 dir=$2 port=$3 log=$4 repo
  repo=$(pwd)
  mkdir -p "$dir"
  (cd "$dir" && QUARKUS_HTTP_PORT=$port MEDSAFETY_RULES_DIR="$repo/rules" MEDSAFETY_KNOWLEDGE_DIR="$repo/knowledge-base" \
    exec java -jar "$app/quarkus-run.jar" >> "$log" 2>&1) &
  instance=$!
  pids+=("$instance")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/cds-services" >/dev/null && return 0; sleep 1; done
  echo "FAIL: instance on port $port did not start"; tail -n 40 "$log"; return 1
}

kill9() { # PID
  kill -9 "$1" 2>/dev/null || true
  { wait "$1"; } 2>/dev/null || true
}

stream() { # PORT SECONDS PER_SECOND RESULTS: in the background; sets $streamer
  java -cp "target/test-classes:$APP/lib/main/*" org.medsafety.testing.CallStream "http://127.0.0.1:$1" "$BASE" \
    "$EHR" "$REQUEST" "$2" "$3" "$4" > /dev/null 2>&1 &
  streamer=$!
  pids+=("$streamer")
}

audit_state() { # PORT -> the readiness check's "records" value, or "down"
  curl -s "http://127.0.0.1:$1/q/health/ready" | python3 -c '
import json,sys
try:
    checks = json.load(sys.stdin)["checks"]
    print([c for c in checks if c["name"] == "audit"][0]["data"]["records"])
except Exception:
    print("down")'
}

ready_while_journaling() { # PORT: readiness answers 200, UP overall, with check "audit" saying the journal is in use
  local code
  code=$(curl -s -o "$work/ready.json" -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready") || true
  python3 - "$work/ready.json" "$code" <<'PY'
import json, sys
code = sys.argv[2]
try:
    ready = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    ready = {}
checks = {c.get("name"): c for c in ready.get("checks", [])}
audit = checks.get("audit", {})
data = audit.get("data", {})
problems = []
if code != "200":
    problems.append(f"HTTP {code}, not 200")
if ready.get("status") != "UP":
    problems.append(f"overall status {ready.get('status')}, not UP")
if audit.get("status") != "UP":
    problems.append(f"check audit is {audit.get('status')}, not UP")
if data.get("records") != "journal (degraded)":
    problems.append(f"check audit says records go to '{data.get('records')}', not the journal")
down = [name for name, c in checks.items() if c.get("status") != "UP"]
if down:
    problems.append(f"checks down: {down}")
if problems:
    print("FAIL: readiness during the outage:", "; ".join(problems), json.dumps(ready))
    sys.exit(1)
print(f"readiness during the outage: HTTP 200, UP, audit records to the journal (database {data.get('database')}, "
      f"backlog {data.get('journalBacklog')})")
PY
}

answered_with_cards_since() { # RESULTS FROM_LINE: the calls answered after line FROM_LINE all got 200 with cards
  python3 - "$1" "$2" <<'PY'
import sys
lines = [l.split() for l in open(sys.argv[1]) if l.strip()][int(sys.argv[2]):]
bad = [l for l in lines if l[1] != "200" or int(l[2]) < 1]
print(f"{len(lines)} calls answered while PostgreSQL was down, {len(lines) - len(bad)} with cards")
if not lines or bad:
    print("FAIL: calls during the outage not answered with cards:", bad[:5])
    sys.exit(1)
PY
}

journal_backlog() { # PORT -> the audit-backlog check's record count and the backlog gauge, as "CHECK GAUGE"
  local check gauge
  check=$(curl -s "http://127.0.0.1:$1/q/health/ready" | python3 -c '
import json,sys
try:
    checks = json.load(sys.stdin)["checks"]
    print([c for c in checks if c["name"] == "audit-backlog"][0]["data"]["backlog"])
except Exception:
    print("none")') || true
  gauge=$(curl -s "http://127.0.0.1:$1/q/metrics" \
    | awk '$1 ~ /^medsafety_audit_journal_backlog($|[{])/ { print int($2) }') || true
  echo "${check:-none} ${gauge:-none}"
}

wait_journal_replayed() { # PORT: records go to the database again (the journal is empty), within 120 s
  for _ in $(seq 1 240); do
    [ "$(audit_state "$1")" = database ] && return 0
    sleep 0.5
  done
  echo "FAIL: the journal was not replayed within 120 s (state: $(audit_state "$1"))"; return 1
}

every_call_answered_with_cards() { # RESULTS
  python3 - "$1" <<'PY'
import sys
lines = [l.split() for l in open(sys.argv[1]) if l.strip()]
bad = [l for l in lines if l[1] != "200" or int(l[2]) < 1]
slowest = max(int(l[3]) for l in lines) if lines else 0
print(f"{len(lines)} calls, {len(lines) - len(bad)} answered with cards, slowest {slowest} ms")
if not lines or bad:
    from collections import Counter
    print("FAIL: calls not answered with cards, by status:", dict(Counter(l[1] for l in bad)))
    sys.exit(1)
PY
}

# curl as an auditor: with a staff token from the identity provider when AUDITOR_TOKEN is set (a service behind a proxy
# or off loopback refuses the local users), else as the quick start's local user
auditor_curl() {
  if [ -n "${AUDITOR_TOKEN:-}" ]; then curl -H "Authorization: Bearer $AUDITOR_TOKEN" "$@"; else curl -u auditor:auditor "$@"; fi
}

answered_calls_recorded_once() { # PORT RESULTS...: each answered hookInstance exactly once in the exported trail
  local port=$1; shift
  auditor_curl -sf "http://127.0.0.1:$port/audit/evaluations/export?format=ndjson" > "$work/export.ndjson"
  python3 - "$work/export.ndjson" "$@" <<'PY'
import json, sys
from collections import Counter
recorded = Counter(json.loads(l)["hookInstance"] for l in open(sys.argv[1]) if l.strip())
answered = [l.split()[0] for f in sys.argv[2:] for l in open(f) if l.strip() and l.split()[1] == "200"]
missing = [h for h in answered if recorded[h] == 0]
twice = [h for h in answered if recorded[h] > 1]
print(f"{len(answered)} answered calls, {len(answered) - len(missing)} in the trail, {len(twice)} more than once; "
      f"{sum(recorded.values())} records in all")
if not answered or missing or twice:
    print("FAIL: missing", missing[:5], "twice", twice[:5])
    sys.exit(1)
PY
}

chain_intact() { # PORT
  local body
  body=$(auditor_curl -s "http://127.0.0.1:$1/audit/integrity?full=true")
  echo "$body" | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r.get("intact") is True else 1)' \
    || { echo "FAIL: the audit chain does not verify: $body"; return 1; }
  echo "chain intact: $body"
}
