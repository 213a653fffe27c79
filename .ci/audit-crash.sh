#!/usr/bin/env bash
# A 200 means the record is durable: kill -9 the service in the middle of a stream of CDS calls, restart it, and
# every call that was answered must be in the audit trail, exactly once, with the chain intact. On PostgreSQL (own
# database) and on the embedded H2 file. Real processes, loopback only, bounded waits.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/audit-common.sh

PORT=18191
DB=medsafety_audit_crash
work=$(mktemp -d)
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

build_app h2 "$work/app-h2"
build_app postgres "$work/app-pg"
mvn -B -ntp -q test-compile
java -cp "target/test-classes:$work/app-pg/lib/main/*" org.medsafety.testing.TestEhrCli keys "$work" \
  https://ehr.ci.example >/dev/null
export MEDSAFETY_CDS_CLIENTS_FILE="$work/clients.json" MEDSAFETY_PUBLIC_BASE_URL=$BASE
EHR=$work

crash_run() { # KIND: stream 40 s at 10 calls/s, kill -9 at 8 s, restart at once (calls after it count too)
  local kind=$1 dir="$work/run-$1" log="$work/$1.log"
  echo "-- kill -9 during a stream of calls ($kind)"
  start_instance "$APP" "$dir" $PORT "$log"
  stream $PORT 40 10 "$work/$kind-calls.txt"
  sleep 8
  kill9 "$instance"
  echo "killed at $(date +%T.%3N) after $(wc -l < "$work/$kind-calls.txt") answers"
  start_instance "$APP" "$dir" $PORT "$log"
  wait "$streamer" || true
  wait_journal_replayed $PORT
  answered_calls_recorded_once $PORT "$work/$kind-calls.txt"
  chain_intact $PORT
  kill "$instance"; wait "$instance" 2>/dev/null || true
  echo "PASS: every answered call survived kill -9 ($kind)"
}

fresh_database $DB
APP="$work/app-pg"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=
crash_run postgres

unset QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD
APP="$work/app-h2"
crash_run h2
