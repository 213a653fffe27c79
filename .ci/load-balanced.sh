#!/usr/bin/env bash
# The load-balanced topology of docker/compose.yaml without containers (docker/run-local.sh): PostgreSQL, the
# packaged -Ppostgres service twice, nginx in front. Set up as in production: EHR calls carry client JWTs whose aud
# is the nginx URL, staff sign in with OIDC tokens (an identity provider stub on loopback), and the instances run as
# the runtime role after a migration run as the owner role. Checks:
# - calls sent through nginx are all answered with cards, and both instances answered some: each instance's own
#   access log, nginx's record of which upstream answered, and the answers received all agree;
# - a ruleset published through instance A is served by both (each asked directly), and the calls sent through
#   nginx afterwards were answered with it;
# - with instance B stopped, nginx sends every call to A (its passive health check) and none fails;
# - one audit trail: every answered call recorded exactly once; GET /audit/integrity?full=true intact, through nginx.
# Its own database and roles (dropped at the end); ports 18140-18143 on 127.0.0.1. SKIP_BUILD=1 reuses the -Ppostgres
# build in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/audit-common.sh

NGINX_PORT=18140
PORT_A=18141
PORT_B=18142
IDP_PORT=18143
LB=http://127.0.0.1:$NGINX_PORT
BASE=$LB # the public base URL the client tokens' aud is built from (stream, in audit-common.sh)
SIGN=/cds-services/medication-safety-sign
DB=medsafety_lb_ci
ROLES=(medsafety_lb_owner medsafety_lb_app) # its own: the shared medsafety_* roles are never dropped
su_psql() { psql -X -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

work=$(mktemp -d)
export RUN_LOCAL_DIR="$work/topology" RUN_LOCAL_APP="$work/app" RUN_LOCAL_DB=$DB
export RUN_LOCAL_OWNER_ROLE=${ROLES[0]} RUN_LOCAL_APP_ROLE=${ROLES[1]}
export RUN_LOCAL_NGINX_PORT=$NGINX_PORT RUN_LOCAL_PORT_A=$PORT_A RUN_LOCAL_PORT_B=$PORT_B
cleanup() {
  local code=$?
  set +e # clean up everything, whatever fails on the way
  if [ "$code" -ne 0 ]; then
    for log in "$RUN_LOCAL_DIR/a/service.log" "$RUN_LOCAL_DIR/b/service.log" "$RUN_LOCAL_DIR/nginx/error.log"; do
      [ -f "$log" ] && { echo "-- last lines of $log"; grep -v 'access-log' "$log" | tail -n 15; }
    done
  fi
  docker/run-local.sh drop > /dev/null 2>&1 || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for role in "${ROLES[@]}"; do su_psql -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
su_psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

if [ "${SKIP_BUILD:-0}" = 1 ]; then # reuse target/quarkus-app and target/test-classes (a -Ppostgres build)
  cp -r target/quarkus-app "$work/app"
else
  build_app postgres "$work/app"
  mvn -B -ntp -q test-compile -Ppostgres
fi
APP="$work/app" # stream's classpath (audit-common.sh)
CP="target/test-classes:$APP/lib/main/*"

# The EHR (its keys; the clients file registers it) and the hospital's identity provider for staff.
java -cp "$CP" org.medsafety.testing.TestEhrCli keys "$work" https://ehr.ci.example >/dev/null
EHR=$work
java -cp "$CP" org.medsafety.testing.StaffIdentityProviderCli serve "$work/idp" $IDP_PORT > "$work/idp.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do [ -f "$work/idp/idp.json" ] && break; sleep 1; done
[ -f "$work/idp/idp.json" ] || { echo "FAIL: the identity provider stub did not start"; cat "$work/idp.log"; exit 1; }
staff_token() { # USER (whose one role has the same name)
  java -cp "$CP" org.medsafety.testing.StaffIdentityProviderCli token "$work/idp" "$1" "$1" medsafety-cds 2>> "$work/idp.log"
}

cp -r rules knowledge-base "$work/"
export MEDSAFETY_RULES_DIR="$work/rules" MEDSAFETY_KNOWLEDGE_DIR="$work/knowledge-base"
export MEDSAFETY_CDS_CLIENTS_FILE="$work/clients.json" MEDSAFETY_PUBLIC_BASE_URL=$LB
export QUARKUS_OIDC_AUTH_SERVER_URL
QUARKUS_OIDC_AUTH_SERVER_URL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["issuer"])' "$work/idp/idp.json")
export QUARKUS_OIDC_CLIENT_ID=medsafety-cds QUARKUS_OIDC_TOKEN_AUDIENCE=medsafety-cds
export MEDSAFETY_STAFF_ROLES_CLAIM=realm_access.roles

echo "-- the topology: migrations as ${ROLES[0]}, two instances as ${ROLES[1]}, nginx in front"
docker/run-local.sh up
docker/run-local.sh status
owner=$(su_psql -d $DB -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'evaluation'")
[ "$owner" = "${ROLES[0]}" ] || { echo "FAIL: the audit tables belong to $owner, not ${ROLES[0]}"; exit 1; }
if grep -q "could alter the audit trail" "$RUN_LOCAL_DIR"/a/service.log "$RUN_LOCAL_DIR"/b/service.log; then
  echo "FAIL: an instance warns that its database role can alter the audit trail"; exit 1
fi
[ "$(curl -s -o /dev/null -w '%{http_code}' "$LB/cds-services")" = 200 ] || { echo "FAIL: discovery through nginx"; exit 1; }
echo "PASS: migrated as the owner role; both instances run as the runtime role; discovery answers through nginx"

# Answers to the CDS call per instance, from each instance's own access log ("POST /cds-services/… 200").
answered_by() { grep -c "\"POST $SIGN\" 200" "$RUN_LOCAL_DIR/$1/service.log" || true; }
# The same from nginx's side: which upstream finally answered each call it passed on (after a retry, the last one).
nginx_answered_by() {
  python3 - "$RUN_LOCAL_DIR/nginx/access.log" "127.0.0.1:$1" "$SIGN" <<'PY'
import re, sys
log, upstream, path = sys.argv[1:4]
n = 0
for line in open(log):
    m = re.search(r'"POST (\S+)" 200 upstream=(.*?) upstream_status=', line)
    if m and m.group(1) == path and m.group(2).split(", ")[-1] == upstream:
        n += 1
print(n)
PY
}
answered() { awk '$2 == 200' "$1" | wc -l; }
counts() { echo "$(answered_by a) $(answered_by b) $(nginx_answered_by $PORT_A) $(nginx_answered_by $PORT_B)"; }

batch() { # NAME SECONDS PER_SECOND: calls through nginx, each with a fresh client token; sets a b (answers by each)
  local before after
  read -r -a before < <(counts)
  stream $NGINX_PORT "$2" "$3" "$work/$1.txt"
  wait "$streamer"
  every_call_answered_with_cards "$work/$1.txt"
  sleep 1 # access logs are written as each answer completes
  read -r -a after < <(counts)
  a=$((after[0] - before[0])); b=$((after[1] - before[1]))
  local na=$((after[2] - before[2])) nb=$((after[3] - before[3])) total
  total=$(answered "$work/$1.txt")
  if [ $((a + b)) -ne "$total" ] || [ "$na" -ne "$a" ] || [ "$nb" -ne "$b" ]; then
    echo "FAIL: $total calls answered; the instances logged $a (A) and $b (B); nginx says $na went to A, $nb to B"
    exit 1
  fi
  echo "$total answered: $a by instance A, $b by instance B (both instances' logs and nginx's agree)"
}

echo "-- calls through nginx"
batch first 10 10
[ "$a" -gt 0 ] && [ "$b" -gt 0 ] || { echo "FAIL: one instance answered every call ($a by A, $b by B)"; exit 1; }
echo "PASS: calls through nginx are shared by both instances, every one answered with cards"

echo "-- a ruleset published through instance A"
pharmacist=$(staff_token pharmacist)
active() {
  curl -sf -H "Authorization: Bearer $pharmacist" "http://127.0.0.1:$1/admin/rulesets/active" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
}
before=$(active $PORT_A)
[ "$before" = "$(active $PORT_B)" ] || { echo "FAIL: the instances serve different versions before publishing"; exit 1; }
cat > "$work/rules/common/scenarios/ci-load-balanced.yaml" <<'YAML'
scenarios:
  - name: published through instance A in the load-balanced check
    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 3/d}]
    expect: []
YAML
published=$(curl -sf -H "Authorization: Bearer $pharmacist" -H 'X-Requested-By: ci' -X POST \
  "http://127.0.0.1:$PORT_A/admin/rulesets/reload?label=load-balanced+check&reason=ci" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["version"] if r["status"] == "active" else "")')
[ -n "$published" ] && [ "$published" != "$before" ] || { echo "FAIL: instance A did not publish"; exit 1; }
for _ in $(seq 1 100); do
  [ "$(active $PORT_A)" = "$published" ] && [ "$(active $PORT_B)" = "$published" ] && break
  sleep 0.1
done
[ "$(active $PORT_B)" = "$published" ] && [ "$(active $PORT_A)" = "$published" ] \
  || { echo "FAIL: 10 s after A published ${published:0:12}, A serves $(active $PORT_A | cut -c1-12), B $(active $PORT_B | cut -c1-12)"; exit 1; }
echo "PASS: published ${published:0:12} through A; both instances serve it"
batch after-publication 5 10
[ "$a" -gt 0 ] && [ "$b" -gt 0 ] || { echo "FAIL: one instance answered every call ($a by A, $b by B)"; exit 1; }

echo "-- instance B stopped: nginx leaves it out"
kill -TERM "$(cat "$RUN_LOCAL_DIR/b/pid")"
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT_B/cds-services" || break; sleep 0.5; done
batch b-stopped 3 10
[ "$b" -eq 0 ] || { echo "FAIL: instance B answered $b calls after it was stopped"; exit 1; }
refused=$(grep -c "Connection refused) while connecting to upstream" "$RUN_LOCAL_DIR/nginx/error.log" || true)
echo "PASS: with B stopped every call went to A (nginx found B refusing $refused times, then left it out)"

echo "-- one audit trail, read through nginx"
AUDITOR_TOKEN=$(staff_token auditor)
answered_calls_recorded_once $NGINX_PORT "$work/first.txt" "$work/after-publication.txt" "$work/b-stopped.txt"
python3 - "$work/export.ndjson" "$work/after-publication.txt" "$published" <<'PY'
import json, sys
export, calls, published = sys.argv[1:4]
version = {r["hookInstance"]: r["rulesetVersion"] for r in map(json.loads, filter(str.strip, open(export)))}
answered = [l.split()[0] for l in open(calls) if l.split()[1] == "200"]
other = [h for h in answered if version.get(h) != published]
print(f"{len(answered) - len(other)} of the {len(answered)} calls after the publication answered with {published[:12]}")
sys.exit(1 if other or not answered else 0)
PY
chain_intact $NGINX_PORT
echo "PASS: every answered call recorded once, in one trail whose chains verify"
