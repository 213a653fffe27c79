#!/usr/bin/env bash
# Two service instances on one PostgreSQL database, real processes, loopback only, bounded waits:
# - off loopback, the service refuses to start without its production settings, naming every one missing;
# - both started at the same moment on an empty database: both start, one initial publication, one version;
# - a CDS client token accepted by instance A is refused when replayed against instance B (one shared memory);
# - a ruleset published through instance A is served by instance B within 5 seconds ("every instance follows");
# - a rollback through A while B follows, then a roll-forward through A racing a publication through B: neither
#   instance ever serves an older activation than one it served (nor A one older than its rollback once that
#   returned), every version served is the one its activation names, and both end on the newest activation, the
#   only version flagged active in the database.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=medsafety_two_instances
PORT_A=18181
PORT_B=18182
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export QUARKUS_DATASOURCE_USERNAME=postgres
export QUARKUS_DATASOURCE_PASSWORD=

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB" >/dev/null
mvn -B -ntp -q -DskipTests package -Ppostgres
mvn -B -ntp -q test-compile -Ppostgres

work=$(mktemp -d)
cp -r rules knowledge-base "$work/"
CP="target/test-classes:target/quarkus-app/lib/main/*"
BASE=https://cds.hospital.example

echo "-- off loopback without its production settings"
set +e
QUARKUS_HTTP_HOST=0.0.0.0 QUARKUS_HTTP_PORT=18183 timeout 120 java -jar target/quarkus-app/quarkus-run.jar \
  > "$work/refused.log" 2>&1
code=$?
set -e
# Off loopback, without a clients file or a signing key and as the superuser 'postgres', the service names all three
# problems in one refusal (config.StartupSettingsCheck), not the first it meets.
missing=()
for phrase in "MEDSAFETY_CDS_CLIENTS_FILE: not set" "MEDSAFETY_AUDIT_SIGNING_KEY: not set" \
              "QUARKUS_DATASOURCE_USERNAME: listening on 0.0.0.0: The service's database role is a superuser"; do
  grep -qF "$phrase" "$work/refused.log" || missing+=("$phrase")
done
if [ "$code" -eq 0 ] || [ "$code" -eq 124 ] || [ "${#missing[@]}" -gt 0 ] \
   || ! grep -q "The service will not start: 3 settings need attention" "$work/refused.log"; then
  echo "FAIL: bound to 0.0.0.0 without its production settings the service did not refuse to start naming all of"
  echo "      them (exit $code; not named: ${missing[*]:-none})"
  tail -n 20 "$work/refused.log"; exit 1
fi
echo "PASS: refused to start off loopback, naming the clients file, the signing key and the database role at once (exit $code)"

java -cp "$CP" org.medsafety.testing.TestEhrCli keys "$work" https://ehr.ci.example >/dev/null 2>&1
export MEDSAFETY_CDS_CLIENTS_FILE="$work/clients.json" MEDSAFETY_PUBLIC_BASE_URL=$BASE
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

launch() { # port rules-dir knowledge-dir log
  QUARKUS_HTTP_PORT=$1 MEDSAFETY_RULES_DIR=$2 MEDSAFETY_KNOWLEDGE_DIR=$3 \
    java -jar target/quarkus-app/quarkus-run.jar > "$4" 2>&1 &
  pids+=($!)
}
await() { # port log
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/cds-services" >/dev/null && return 0; sleep 1; done
  echo "FAIL: instance on port $1 did not start"; tail -n 30 "$2"; return 1
}
active() { curl -sf -u pharmacist:pharmacist "http://127.0.0.1:$1/admin/rulesets/active" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }

echo "-- both instances started at the same moment on the empty database"
launch $PORT_A "$work/rules" "$work/knowledge-base" "$work/a.log"
launch $PORT_B rules knowledge-base "$work/b.log"
await $PORT_A "$work/a.log"
await $PORT_B "$work/b.log"
initial=$(psql -h 127.0.0.1 -U postgres -d $DB -Atc \
  "SELECT count(*) FROM admin_action WHERE action = 'initial-publish' AND outcome = 'active'")
activations=$(psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT count(*) FROM ruleset_activation")
[ "$initial" = 1 ] && [ "$activations" = 1 ] && [ "$(active $PORT_A)" = "$(active $PORT_B)" ] || {
  echo "FAIL: started together: $initial initial publications, $activations activations, A serves" \
    "$(active $PORT_A | cut -c1-12), B $(active $PORT_B | cut -c1-12)"; exit 1; }
echo "PASS: both started; one initial publication, one activation, the same version on both"
grep -h "published by system\|Another instance activated\|active in the database" "$work/a.log" "$work/b.log" | cut -c1-160

echo "-- a client token replayed against the other instance"
SIGN=/cds-services/medication-safety-sign
call() { # port token -> HTTP status; the documented example with a fresh hookInstance
  python3 -c 'import json,sys,uuid; r=json.load(open(sys.argv[1])); r["hookInstance"]=str(uuid.uuid4()); print(json.dumps(r))' \
    docs/examples/order-sign-warfarin-naproxen.json \
  | curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1$SIGN" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $2" --data @-
}
token=$(java -cp "$CP" org.medsafety.testing.TestEhrCli token "$work" "$BASE$SIGN" 2>/dev/null)
[ "$(call $PORT_A "$token")" = 200 ] || { echo "FAIL: instance A refused a valid client token"; exit 1; }
[ "$(call $PORT_B "$token")" = 401 ] || { echo "FAIL: instance B accepted a token already used on A"; exit 1; }
[ "$(call $PORT_A "$token")" = 401 ] || { echo "FAIL: instance A accepted its own token twice"; exit 1; }
fresh=$(java -cp "$CP" org.medsafety.testing.TestEhrCli token "$work" "$BASE$SIGN" 2>/dev/null)
[ "$(call $PORT_B "$fresh")" = 200 ] || { echo "FAIL: instance B refused a fresh client token"; exit 1; }
echo "PASS: a token used on A is refused on B; fresh tokens are accepted on either"
before=$(active $PORT_B)
[ "$before" = "$(active $PORT_A)" ] || { echo "FAIL: the instances started on different versions"; exit 1; }

cat > "$work/rules/common/scenarios/ci-two-instances.yaml" <<'YAML'
scenarios:
  - name: published through instance A in the two-instance check
    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 3/d}]
    expect: []
YAML
date +"publishing at %T.%3N"
published=$(curl -sf -u pharmacist:pharmacist -H 'X-Requested-By: ci' -X POST \
  "http://127.0.0.1:$PORT_A/admin/rulesets/reload?label=two-instance+check&reason=ci" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["version"] if r["status"]=="active" else "")')
[ -n "$published" ] && [ "$published" != "$before" ] || { echo "FAIL: instance A did not publish"; exit 1; }

start_ms=$(date +%s%3N)
date +"published at %T.%3N"
while :; do
  elapsed=$(( $(date +%s%3N) - start_ms ))
  if [ "$(active $PORT_B)" = "$published" ]; then
    elapsed=$(( $(date +%s%3N) - start_ms ))
    if [ "$elapsed" -le 5000 ]; then
      echo "PASS: instance B serves ${published:0:12} ${elapsed} ms after instance A published it"
      grep -h "Ruleset" "$work/a.log" "$work/b.log" | tail -n 3
      break
    fi
    echo "FAIL: instance B took ${elapsed} ms (more than 5 s) to serve ${published:0:12}"
    grep -h "Ruleset" "$work/a.log" "$work/b.log" | tail -n 4
    exit 1
  fi
  if [ "$elapsed" -gt 5000 ]; then
    echo "FAIL: instance B still serves $(active $PORT_B | cut -c1-12) 5 s after A published ${published:0:12}"
    grep -h "Ruleset" "$work/a.log" "$work/b.log" | tail -n 4
    exit 1
  fi
  sleep 0.1
done

echo "-- rollback on A while B follows; then a roll-forward on A racing a publication on B"
# Both instances' served activation is sampled every 50 ms throughout (.ci/served-activations.py).
python3 .ci/served-activations.py 14 $PORT_A $PORT_B > "$work/served.tsv" &
watcher=$!
sleep 1
admin_post() { # port path -> "activation version status" of the answer
  curl -s -u pharmacist:pharmacist -H 'X-Requested-By: ci' -X POST "http://127.0.0.1:$1$2" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r.get("activation"), r.get("version"), r.get("status"))'
}
read -r rollback rolled_to status < <(admin_post $PORT_A "/admin/rulesets/$before/activate?reason=ci+rollback")
rollback_at=$(date +%s.%N)
[ "$status" = active ] && [ "$rolled_to" = "$before" ] || { echo "FAIL: the rollback on A answered $status"; exit 1; }
echo "rolled back to ${before:0:12} on A (activation $rollback)"
sleep 2
admin_post $PORT_A "/admin/rulesets/$published/activate?reason=ci+roll+forward" > "$work/race-a" &
race_a=$!
admin_post $PORT_B "/admin/rulesets/reload?label=ci+race&reason=ci" > "$work/race-b" &
race_b=$!
wait $race_a $race_b
echo "raced: A $(cut -c1-40 "$work/race-a"), B $(cut -c1-40 "$work/race-b")"
wait $watcher
psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT id, version FROM ruleset_activation" > "$work/activations"
psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT version FROM ruleset_version WHERE active" > "$work/flagged"
python3 - "$work/served.tsv" "$work/activations" "$work/flagged" $PORT_A "$rollback" "$rollback_at" <<'PY'
import sys
served, activations, flagged, port_a, rollback, rollback_at = sys.argv[1:7]
rollback, rollback_at = int(rollback), float(rollback_at)
version = dict(line.strip().split("|") for line in open(activations) if line.strip())
version = {int(k): v for k, v in version.items()}
newest = max(version)
flags = [l.strip() for l in open(flagged) if l.strip()]
problems, last, final = [], {}, {}
rows = [l.split() for l in open(served) if l.strip()]
for t, port, activation, v in rows:
    t = float(t)
    if activation == "error":
        problems.append(f"instance {port} did not answer at {t:.3f}: {v}")
        continue
    a = int(activation)
    if a < last.get(port, 0):
        problems.append(f"instance {port} went back from activation {last[port]} to {a}")
    if version.get(a) != v:
        problems.append(f"instance {port} served {v[:12]} as activation {a}, which activated {str(version.get(a))[:12]}")
    if port == port_a and t > rollback_at and a < rollback:
        problems.append(f"instance A served activation {a} after its rollback (activation {rollback}) returned")
    last[port], final[port] = max(a, last.get(port, 0)), a
for port, a in final.items():
    if a != newest:
        problems.append(f"instance {port} ended on activation {a}, not the newest {newest}")
if flags != [version[newest]]:
    problems.append(f"flagged active in the database: {flags}, the newest activation is {version[newest][:12]}")
print(f"{len(rows)} observations; newest activation {newest} ({version[newest][:12]}); rollback was {rollback}")
for p in problems[:20]:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
echo "PASS: neither instance stepped back, A never served older than its rollback, both ended on the newest activation"
