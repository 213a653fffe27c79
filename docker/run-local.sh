#!/usr/bin/env bash
# The topology of compose.yaml without containers: PostgreSQL, the packaged -Ppostgres service twice on two ports
# (each with its own journal and checkpoint file, one shared signing key), and nginx in front, round robin, with
# the same config template as compose (docker/nginx/medsafety.conf.template). See docker/README.md.
#
#   docker/run-local.sh up       create the roles and database if missing, migrate as the owner role, start both
#                                instances as the runtime role, then nginx; returns once all answer through nginx
#   docker/run-local.sh status   what runs, and each instance's readiness
#   docker/run-local.sh down     stop nginx and both instances (the database and the data stay)
#   docker/run-local.sh drop     down, then drop the database and the state directory (the roles stay: they are
#                                cluster-wide and may own other databases)
#
# Settings (environment, defaults in brackets):
#   RUN_LOCAL_DIR [/tmp/medsafety-local]       state: nginx config and logs, instance data, logs and pids, the key
#   RUN_LOCAL_APP [target/quarkus-app]         the packaged service, built with: mvn -B -DskipTests package -Ppostgres
#   RUN_LOCAL_NGINX_PORT [18140]  RUN_LOCAL_PORT_A [18141]  RUN_LOCAL_PORT_B [18142]   all on 127.0.0.1
#   RUN_LOCAL_PGHOST [127.0.0.1]  RUN_LOCAL_PGPORT [5432]  RUN_LOCAL_PGSUPERUSER [postgres]   creates roles, database
#   RUN_LOCAL_DB [medsafety_local]  RUN_LOCAL_OWNER_ROLE [medsafety_owner]  RUN_LOCAL_APP_ROLE [medsafety_app]
#   RUN_LOCAL_OWNER_PASSWORD, RUN_LOCAL_APP_PASSWORD [unset: the cluster trusts 127.0.0.1, as Debian's test setups do]
#   RUN_LOCAL_JAVA_OPTS [-Xmx512m -XX:+ExitOnOutOfMemoryError]   RUN_LOCAL_START_TIMEOUT [180 seconds]
#   RUN_LOCAL_ACCESS_LOG [true]: each instance logs "method path status" per request (never the query string)
# The service's own settings pass through from the environment (MEDSAFETY_CDS_CLIENTS_FILE, QUARKUS_OIDC_…, …);
# the script sets the database, ports and per-instance paths, and defaults MEDSAFETY_PUBLIC_BASE_URL to the nginx
# URL, MEDSAFETY_RULES_DIR/MEDSAFETY_KNOWLEDGE_DIR to the repository's folders and MEDSAFETY_AUDIT_SIGNING_KEY to a
# key it generates once under RUN_LOCAL_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${RUN_LOCAL_DIR:-/tmp/medsafety-local}
APP=${RUN_LOCAL_APP:-$ROOT/target/quarkus-app}
NGINX_PORT=${RUN_LOCAL_NGINX_PORT:-18140}
PORT_A=${RUN_LOCAL_PORT_A:-18141}
PORT_B=${RUN_LOCAL_PORT_B:-18142}
PG_HOST=${RUN_LOCAL_PGHOST:-127.0.0.1}
PG_PORT=${RUN_LOCAL_PGPORT:-5432}
PG_SUPERUSER=${RUN_LOCAL_PGSUPERUSER:-postgres}
DB=${RUN_LOCAL_DB:-medsafety_local}
OWNER_ROLE=${RUN_LOCAL_OWNER_ROLE:-medsafety_owner}
APP_ROLE=${RUN_LOCAL_APP_ROLE:-medsafety_app}
OWNER_PASSWORD=${RUN_LOCAL_OWNER_PASSWORD:-}
APP_PASSWORD=${RUN_LOCAL_APP_PASSWORD:-}
JAVA_OPTS=${RUN_LOCAL_JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError}
START_TIMEOUT=${RUN_LOCAL_START_TIMEOUT:-180}
ACCESS_LOG=${RUN_LOCAL_ACCESS_LOG:-true}
NGINX_DIR=$DIR/nginx
INSTANCES=(a b)

say() { printf 'run-local: %s\n' "$*"; }
die() { printf 'run-local: %s\n' "$*" >&2; exit 1; }
port_of() { if [ "$1" = a ]; then echo "$PORT_A"; else echo "$PORT_B"; fi; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
su_psql() { psql -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -v ON_ERROR_STOP=1 -qAt "$@"; }

# A pid from our own pid file, and only while it is still the process we started (pids are reused).
running_pid() { # PIDFILE PATTERN
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" \
    && echo "$pid"
}
instance_pid() { running_pid "$DIR/$1/pid" "$APP/quarkus-run.jar"; }
nginx_pid() { running_pid "$NGINX_DIR/nginx.pid" "nginx: master"; }

ensure_nginx() {
  NGINX=$(command -v nginx || true)
  [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
  [ -n "$NGINX" ] && return 0
  [ "$(id -u)" = 0 ] || die "nginx is not installed: apt-get install -y nginx (as root)"
  say "installing nginx from Debian (its system service is not started: this script runs its own)"
  local policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then # Debian's way of telling package scripts not to start services
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q nginx >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q nginx >/dev/null; }
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
  NGINX=/usr/sbin/nginx
}

# The owner role the migrations run as, the runtime role the service runs as (docs/operations-database.md), and
# a database of their own; nothing else in the cluster is touched.
prepare_database() {
  pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT"
  local role password
  for role in "$OWNER_ROLE" "$APP_ROLE"; do
    if [ "$role" = "$OWNER_ROLE" ]; then password=$OWNER_PASSWORD; else password=$APP_PASSWORD; fi
    su_psql -d postgres -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') WHERE :'password' <> '' \gexec
SQL
  done
  su_psql -d postgres -v db="$DB" -v owner="$OWNER_ROLE" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  su_psql -d "$DB" -v owner="$OWNER_ROLE" <<'SQL'
SELECT format('ALTER SCHEMA public OWNER TO %I', :'owner') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
}

# What both instances (and the migration run) share; the per-instance settings are added by start_instance.
service_env() {
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
  export QUARKUS_DATASOURCE_USERNAME="$APP_ROLE" QUARKUS_DATASOURCE_PASSWORD="$APP_PASSWORD"
  export QUARKUS_FLYWAY_PLACEHOLDERS_RUNTIME_ROLE="$APP_ROLE"
  export QUARKUS_HTTP_HOST=127.0.0.1
  export MEDSAFETY_PUBLIC_BASE_URL="${MEDSAFETY_PUBLIC_BASE_URL:-http://127.0.0.1:$NGINX_PORT}"
  export MEDSAFETY_RULES_DIR="${MEDSAFETY_RULES_DIR:-$ROOT/rules}"
  export MEDSAFETY_KNOWLEDGE_DIR="${MEDSAFETY_KNOWLEDGE_DIR:-$ROOT/knowledge-base}"
  if [ -z "${MEDSAFETY_AUDIT_SIGNING_KEY:-}" ]; then
    # One key for both instances, so each verifies the other's checkpoints (docs/auditor-guide.md).
    [ -f "$DIR/audit-signing-key.pem" ] || (umask 077 && openssl genpkey -algorithm ed25519 -out "$DIR/audit-signing-key.pem")
    export MEDSAFETY_AUDIT_SIGNING_KEY="$DIR/audit-signing-key.pem"
  fi
  if [ "$ACCESS_LOG" = true ]; then
    export QUARKUS_HTTP_ACCESS_LOG_ENABLED=true QUARKUS_HTTP_ACCESS_LOG_PATTERN='"%m %R" %s'
  fi
}

# The upgrade step: Flyway as the owner role, then the process exits (quarkus.init-and-exit), so no serving
# instance ever holds the owner's credentials. Quarkus uses the Flyway user only with a password, so one is always
# given (any value works where the cluster trusts the connection).
migrate() {
  mkdir -p "$DIR/migrate"
  say "migrating $DB as $OWNER_ROLE (log: $DIR/migrate/service.log)"
  if ! (cd "$DIR/migrate" && exec env QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_MIGRATE_AT_START=true \
        QUARKUS_FLYWAY_USERNAME="$OWNER_ROLE" QUARKUS_FLYWAY_PASSWORD="${OWNER_PASSWORD:-unused-with-trust-auth}" \
        QUARKUS_HTTP_PORT="$PORT_A" timeout "$START_TIMEOUT" java $JAVA_OPTS -jar "$APP/quarkus-run.jar" \
        > "$DIR/migrate/service.log" 2>&1); then
    tail -n 30 "$DIR/migrate/service.log" >&2
    die "the migration run failed"
  fi
}

start_instance() { # NAME
  local name=$1 port dir
  port=$(port_of "$name")
  dir=$DIR/$name
  mkdir -p "$dir" && chmod 700 "$dir"
  # setsid: the instance outlives this script and the terminal it ran in; its pid is this subshell's, after exec.
  (cd "$dir" && echo "$BASHPID" > pid && exec setsid env QUARKUS_HTTP_PORT="$port" QUARKUS_FLYWAY_MIGRATE_AT_START=false \
    MEDSAFETY_AUDIT_JOURNAL_DIR="$dir/audit-journal" MEDSAFETY_AUDIT_CHECKPOINTS_FILE="$dir/audit-checkpoints.ndjson" \
    MEDSAFETY_AUDIT_ARCHIVE_DIR="$dir/audit-archive" \
    java $JAVA_OPTS -jar "$APP/quarkus-run.jar" >> "$dir/service.log" 2>&1 < /dev/null) &
}

await_ready() { # NAME
  local name=$1 port
  port=$(port_of "$name")
  for _ in $(seq 1 "$START_TIMEOUT"); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && return 0
    if ! instance_pid "$name" >/dev/null; then
      tail -n 30 "$DIR/$name/service.log" >&2
      die "instance $name exited while starting (log: $DIR/$name/service.log)"
    fi
    sleep 1
  done
  tail -n 30 "$DIR/$name/service.log" >&2
  die "instance $name was not ready on port $port within $START_TIMEOUT s"
}

render_nginx() {
  mkdir -p "$NGINX_DIR/tmp"
  sed -e "s|\${MEDSAFETY_UPSTREAM_A}|127.0.0.1:$PORT_A|" -e "s|\${MEDSAFETY_UPSTREAM_B}|127.0.0.1:$PORT_B|" \
      -e "s|\${MEDSAFETY_NGINX_LISTEN}|127.0.0.1:$NGINX_PORT|" -e "s|\${MEDSAFETY_NGINX_ACCESS_LOG}|$NGINX_DIR/access.log|" \
      "$ROOT/docker/nginx/medsafety.conf.template" > "$NGINX_DIR/medsafety.conf"
  cat > "$NGINX_DIR/nginx.conf" <<CONF
# Generated by docker/run-local.sh; the system nginx and its /etc/nginx are not used.
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 512; }
http {
    # No temporary files: started as root, nginx's workers run as an unprivileged user that cannot enter
    # RUN_LOCAL_DIR, so bodies and answers stay in memory (the service refuses bodies over 10 MB anyway).
    client_body_buffer_size 16m;
    proxy_max_temp_file_size 0;
    client_body_temp_path $NGINX_DIR/tmp/client_body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    include $NGINX_DIR/medsafety.conf;
}
CONF
}

start_nginx() {
  render_nginx
  "$NGINX" -q -t -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    || die "nginx refused the generated config $NGINX_DIR/nginx.conf"
  "$NGINX" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf"
  for _ in $(seq 1 20); do
    curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/q/health/ready" && return 0
    sleep 0.5
  done
  tail -n 20 "$NGINX_DIR/error.log" >&2
  die "nginx does not answer on 127.0.0.1:$NGINX_PORT"
}

stop_pid() { # PID SIGNAL SECONDS: signal, wait, then kill
  local pid=$1
  kill "-$2" "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $(($3 * 2))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

down() {
  local pid name
  if pid=$(nginx_pid); then stop_pid "$pid" QUIT 10; say "nginx stopped"; fi
  for name in "${INSTANCES[@]}"; do
    # TERM: Quarkus shuts down in order, the audit writer committing what it holds.
    if pid=$(instance_pid "$name"); then stop_pid "$pid" TERM 30; say "instance $name stopped"; fi
  done
}

up() {
  local name pid
  [ -f "$APP/quarkus-run.jar" ] || die "no packaged service at $APP: mvn -B -DskipTests package -Ppostgres"
  for name in "${INSTANCES[@]}"; do
    pid=$(instance_pid "$name") && die "instance $name already runs (pid $pid): docker/run-local.sh down first"
  done
  pid=$(nginx_pid) && die "nginx already runs (pid $pid): docker/run-local.sh down first"
  local port
  for port in "$NGINX_PORT" "$PORT_A" "$PORT_B"; do
    port_taken "$port" && die "port $port on 127.0.0.1 is taken"
  done
  ensure_nginx
  # Owner-only: it holds the signing key and the instances' journals (patient data during an outage).
  mkdir -p "$DIR" && chmod 700 "$DIR"
  trap 'down' EXIT # a start that fails half-way leaves nothing running
  prepare_database
  service_env
  migrate
  for name in "${INSTANCES[@]}"; do start_instance "$name"; done
  for name in "${INSTANCES[@]}"; do await_ready "$name"; done
  start_nginx
  trap - EXIT
  say "up: http://127.0.0.1:$NGINX_PORT (nginx) -> instance a on $PORT_A, b on $PORT_B; database $DB; state in $DIR"
}

status() {
  local name pid port ready down=0
  if pid=$(nginx_pid); then
    say "nginx pid $pid on 127.0.0.1:$NGINX_PORT: readiness through it $(curl -s -o /dev/null -w '%{http_code}' \
      "http://127.0.0.1:$NGINX_PORT/q/health/ready")"
  else
    say "nginx not running"; down=1
  fi
  for name in "${INSTANCES[@]}"; do
    port=$(port_of "$name")
    if pid=$(instance_pid "$name"); then
      ready=$(curl -s "http://127.0.0.1:$port/q/health/ready" | python3 -c '
import json, sys
try:
    r = json.load(sys.stdin)
    print(r["status"], " ".join("%s=%s" % (c["name"], c["status"]) for c in r.get("checks", [])))
except Exception:
    print("no answer")')
      say "instance $name pid $pid on 127.0.0.1:$port: $ready"
    else
      say "instance $name not running"; down=1
    fi
  done
  say "database $DB on $PG_HOST:$PG_PORT; state in $DIR"
  return $down
}

drop() {
  down
  su_psql -d postgres -v db="$DB" <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
  rm -rf "$DIR"
  say "dropped database $DB and $DIR (roles $OWNER_ROLE and $APP_ROLE kept)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  drop) drop ;;
  *) echo "usage: $0 up|down|status|drop (settings: see the top of this script)" >&2; exit 2 ;;
esac
