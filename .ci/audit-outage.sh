#!/usr/bin/env bash
# Database outages do not stop screening: PostgreSQL is stopped for about 10 s in the middle of a stream of CDS
# calls and started again. While it is down, readiness must answer 200 and UP with check "audit" saying records go
# to the journal, the journal backlog must show (check "audit-backlog" and the metric), and calls must be answered
# with cards; after the restart the backlog must return to 0. Every call must be answered with cards (no 503),
# every answered call must be in the audit trail exactly once, and the chain must verify. Then a crash during an
# outage: kill -9 while PostgreSQL is down, start both again, and the records the journal held are replayed at start.
#
# This stops the shared PostgreSQL cluster, so it runs only when MEDSAFETY_CI_MAY_STOP_POSTGRES=1 (set by .ci/run,
# which runs alone), and always starts the cluster again on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/audit-common.sh

if [ "${MEDSAFETY_CI_MAY_STOP_POSTGRES:-}" != 1 ]; then
  echo "SKIP: audit-outage.sh stops the shared PostgreSQL cluster; set MEDSAFETY_CI_MAY_STOP_POSTGRES=1 to run it"
  exit 0
fi

PORT=18192
DB=medsafety_audit_outage
work=$(mktemp -d)
pg() { pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main "$1"; }
pg_up() {
  pg_isready -h 127.0.0.1 -p 5432 -q && return 0
  pg start || true
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && return 0; sleep 0.5; done
  echo "FAIL: PostgreSQL did not start again"; return 1
}
cleanup() { pg_up || true; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

build_app postgres "$work/app-pg"
APP="$work/app-pg"
mvn -B -ntp -q test-compile
java -cp "target/test-classes:$APP/lib/main/*" org.medsafety.testing.TestEhrCli keys "$work" \
  https://ehr.ci.example >/dev/null
export MEDSAFETY_CDS_CLIENTS_FILE="$work/clients.json" MEDSAFETY_PUBLIC_BASE_URL=$BASE
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=
EHR=$work
fresh_database $DB
dir="$work/instance"
log="$work/instance.log"

echo "-- PostgreSQL stopped for about 10 s during a stream of calls"
start_instance "$APP" "$dir" $PORT "$log"
stream $PORT 30 10 "$work/outage-calls.txt"
sleep 8
date +"stopping PostgreSQL at %T.%3N"; pg stop
answered_before=$(wc -l < "$work/outage-calls.txt")
sleep 3
during=$(audit_state $PORT)
ready_while_journaling $PORT
backlog_during=$(journal_backlog $PORT)
sleep 7
answered_with_cards_since "$work/outage-calls.txt" "$answered_before"
date +"starting PostgreSQL at %T.%3N"; pg_up
wait "$streamer" || true
every_call_answered_with_cards "$work/outage-calls.txt"
[ "$during" = "journal (degraded)" ] || { echo "FAIL: readiness said '$during' during the outage"; exit 1; }
echo "readiness during the outage: UP, records to the $during"
read -r check_during gauge_during <<< "$backlog_during"
[ "$check_during" != none ] && [ "$check_during" -gt 0 ] && [ "$gauge_during" != none ] && [ "$gauge_during" -gt 0 ] \
  || { echo "FAIL: during the outage the journal backlog read '$backlog_during' (check, gauge), not above 0"; exit 1; }
echo "journal backlog during the outage: $check_during records (check audit-backlog), $gauge_during (metric)"
wait_journal_replayed $PORT
backlog_after=$(journal_backlog $PORT)
[ "$backlog_after" = "0 0" ] \
  || { echo "FAIL: after the restart the journal backlog reads '$backlog_after' (check, gauge), not 0"; exit 1; }
echo "journal backlog after the restart: 0 (check audit-backlog and metric medsafety_audit_journal_backlog)"
answered_calls_recorded_once $PORT "$work/outage-calls.txt"
chain_intact $PORT
grep -q "Audit records go to the local journal" "$log" || { echo "FAIL: the journal was never used"; exit 1; }
echo "PASS: every call answered with cards through a PostgreSQL outage, each recorded exactly once"

echo "-- kill -9 while PostgreSQL is down: the journal is replayed at the next start"
stream $PORT 16 10 "$work/crash-calls.txt"
sleep 4
date +"stopping PostgreSQL at %T.%3N"; pg stop
sleep 4
kill9 "$instance"
date +"killed the service at %T.%3N"
pg_up
start_instance "$APP" "$dir" $PORT "$log"
wait "$streamer" || true
wait_journal_replayed $PORT
answered_calls_recorded_once $PORT "$work/outage-calls.txt" "$work/crash-calls.txt"
chain_intact $PORT
grep -q "Audit journal holds .* records not yet in the database" "$log" \
  || { echo "FAIL: nothing was replayed at start (the crash did not hit the outage)"; exit 1; }
echo "PASS: records journaled before a crash during an outage were replayed at start, each exactly once"
