#!/usr/bin/env bash
# Fuzz run against the running service (issue: input that cannot hurt the service): at least 2,000 mutated real
# requests, zero 5xx, no answer slower than 10 s, and the service healthy afterwards. The packaged H2 build runs on
# loopback with its own data folder; the service log must show no unexpected failure either.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=18190
COUNT=${FUZZ_COUNT:-2500}
mvn -B -ntp -q -DskipTests package
mvn -B -ntp -q test-compile

work=$(mktemp -d)
cp -r rules knowledge-base "$work/"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

QUARKUS_HTTP_PORT=$PORT MEDSAFETY_RULES_DIR="$work/rules" MEDSAFETY_KNOWLEDGE_DIR="$work/knowledge-base" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$work/data/medsafety" \
  java -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/cds-services" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/cds-services" >/dev/null || { echo "FAIL: the service did not start"; tail -n 40 "$work/service.log"; exit 1; }

java -cp "target/test-classes:target/classes:target/quarkus-app/lib/main/*" org.medsafety.testing.FuzzRun \
  "http://127.0.0.1:$PORT" "$COUNT" ${FUZZ_SEED:-}

if grep -E "Unexpected failure|OutOfMemoryError|StackOverflowError" "$work/service.log"; then
  echo "FAIL: the service log shows an unexpected failure during the fuzz run"
  exit 1
fi
kill -0 "$pid" || { echo "FAIL: the service is no longer running"; exit 1; }
echo "PASS: service log clean after the fuzz run"
