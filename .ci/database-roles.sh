#!/usr/bin/env bash
# PostgreSQL roles end to end, with the packaged service (docs/operations-database.md):
# - an upgrade start migrates as the owner role and runs as the runtime role; later starts need only the runtime
#   role's credentials (QUARKUS_FLYWAY_MIGRATE_AT_START=false);
# - the runtime role is refused UPDATE, DELETE, TRUNCATE and trigger changes on the audit tables;
# - off loopback, the service refuses to start as a role that could alter the audit tables;
# - a record edited by the superuser with the triggers off is named by GET /audit/integrity?full=true.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=medsafety_roles_ci
PORT=18281
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
su_psql() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

for role in medsafety_owner medsafety_app; do
  su_psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'" | grep -q 1 \
    || su_psql -d postgres -c "CREATE ROLE $role LOGIN"
done
su_psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
su_psql -d postgres -c "CREATE DATABASE $DB OWNER medsafety_owner"
mvn -B -ntp -q -DskipTests package -Ppostgres
mvn -B -ntp -q test-compile -Ppostgres

work=$(mktemp -d)
cp -r rules knowledge-base "$work/"
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
  drop_database >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # log, then environment assignments
  local log=$1; shift
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/cds-services"; then
    echo "FAIL: port $PORT is already taken"; exit 1
  fi
  # exec: $pid is the service itself, so stop() ends it rather than the subshell around it
  (cd "$work" && exec env "$@" QUARKUS_DATASOURCE_JDBC_URL="$URL" QUARKUS_HTTP_PORT=$PORT \
    java -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1) &
  pid=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/cds-services" >/dev/null && return 0; sleep 1; done
  echo "FAIL: the service did not start"; tail -n 30 "$log"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
# a stopped service's connections can outlive it by a moment: wait for them before dropping the database
drop_database() {
  for _ in $(seq 1 20); do
    su_psql -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 && return 0; sleep 0.5
  done
  su_psql -d postgres -c "DROP DATABASE IF EXISTS $DB"
}
evaluate() { # the documented example with a fresh hookInstance
  python3 -c 'import json,sys,uuid; r=json.load(open(sys.argv[1])); r["hookInstance"]=str(uuid.uuid4()); print(json.dumps(r))' \
    docs/examples/order-sign-warfarin-naproxen.json \
  | curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/cds-services/medication-safety-sign" \
    -H 'Content-Type: application/json' --data @-
}
integrity() { curl -sf -u auditor:auditor "http://127.0.0.1:$PORT/audit/integrity?full=true"; }

echo "-- upgrade start: migrations as medsafety_owner, the service as medsafety_app"
start "$work/upgrade.log" QUARKUS_FLYWAY_USERNAME=medsafety_owner QUARKUS_FLYWAY_PASSWORD=unused-with-trust-auth \
  QUARKUS_DATASOURCE_USERNAME=medsafety_app
[ "$(evaluate)" = 200 ] || { echo "FAIL: an evaluation was refused"; exit 1; }
if grep -q "could alter the audit trail" "$work/upgrade.log"; then
  echo "FAIL: the service warns that its role can alter the audit trail"; exit 1
fi
[ "$(su_psql -d $DB -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'evaluation'")" = medsafety_owner ] \
  || { echo "FAIL: the audit tables are not the owner's"; exit 1; }
stop
echo "PASS: migrated as the owner; the service ran as the runtime role without a warning"

echo "-- normal start: the runtime role's credentials only"
start "$work/normal.log" QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_DATASOURCE_USERNAME=medsafety_app
for _ in 1 2 3; do [ "$(evaluate)" = 200 ] || { echo "FAIL: an evaluation was refused"; exit 1; }; done
integrity | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r["intact"] and r["checked"] == 4 else 1)' \
  || { echo "FAIL: the trail does not verify"; integrity; exit 1; }
stop
echo "PASS: started with the runtime role alone; 4 evaluations, the chains intact"

echo "-- the runtime role cannot alter the audit trail"
for sql in "UPDATE evaluation SET patient_id = 'x'" "DELETE FROM evaluation" "TRUNCATE admin_action" \
           "TRUNCATE audit_read" "ALTER TABLE evaluation DISABLE TRIGGER USER" "DROP TRIGGER evaluation_append_only ON evaluation" \
           "UPDATE audit_chain_head SET last_id = 0" "DELETE FROM audit_checkpoint"; do
  if out=$(psql -h 127.0.0.1 -U medsafety_app -d $DB -v ON_ERROR_STOP=1 -qc "$sql" 2>&1); then
    echo "FAIL: the runtime role was allowed: $sql"; exit 1
  fi
  echo "$out" | grep -Eq "permission denied|must be owner|moves forward" || { echo "FAIL: $sql: $out"; exit 1; }
done
echo "PASS: UPDATE, DELETE, TRUNCATE, trigger changes and head rewinds refused to the runtime role"

echo "-- off loopback as the owner role"
java -cp "target/test-classes:target/quarkus-app/lib/main/*" org.medsafety.testing.TestEhrCli keys "$work" \
  https://ehr.ci.example >/dev/null 2>&1
openssl genpkey -algorithm ed25519 -out "$work/audit-signing-key.pem" 2>/dev/null
set +e
(cd "$work" && QUARKUS_HTTP_HOST=0.0.0.0 QUARKUS_HTTP_PORT=$((PORT + 1)) QUARKUS_DATASOURCE_JDBC_URL="$URL" \
  QUARKUS_DATASOURCE_USERNAME=medsafety_owner MEDSAFETY_CDS_CLIENTS_FILE="$work/clients.json" \
  MEDSAFETY_PUBLIC_BASE_URL=https://cds.ci.example MEDSAFETY_AUDIT_SIGNING_KEY="$work/audit-signing-key.pem" \
  timeout 120 java -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" > "$work/owner.log" 2>&1)
code=$?
set -e
if [ "$code" -eq 0 ] || [ "$code" -eq 124 ] || ! grep -q "owns the audit tables" "$work/owner.log"; then
  echo "FAIL: off loopback the service started as the owner role (exit $code)"; tail -n 20 "$work/owner.log"; exit 1
fi
echo "PASS: off loopback the service refuses to start as the owner role"

echo "-- the superuser edits a record with the triggers off"
su_psql -d $DB -c "SET session_replication_role = replica; UPDATE evaluation SET patient_id = 'someone-else' WHERE id = 2"
start "$work/check.log" QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_DATASOURCE_USERNAME=medsafety_app
integrity | python3 -c '
import json, sys
r = json.load(sys.stdin)
ok = not r["intact"] and r["firstBroken"] == 2 and any(p["kind"] == "altered" and p["id"] == 2 for p in r["problems"])
print("\n".join(p["message"] for p in r["problems"]))
sys.exit(0 if ok else 1)' || { echo "FAIL: the edited record was not named"; integrity; exit 1; }
stop
echo "PASS: the integrity check names the record the superuser edited"
