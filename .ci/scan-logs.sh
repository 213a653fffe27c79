#!/usr/bin/env bash
# No patient identifiers, user ids or tokens in any log line: after a test run (mvn test, with or without
# -Ppostgres), reads its logs (target/test-logs/quarkus.log*, the service's log through every test profile, and
# target/surefire-reports/*-output.txt, everything the tests printed) for the identifiers the tests used and for any
# JWT or bearer/basic credential, and fails naming file:line. The scanner first proves on planted lines that it
# catches each kind (its self-test). .ci/run calls this after each suite; see docs/monitoring.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 .ci/scan_logs.py --self-test
python3 .ci/scan_logs.py "$@"
