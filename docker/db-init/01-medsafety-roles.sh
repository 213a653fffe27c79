#!/bin/bash
# Run once by the postgres image when its data directory is new: the owner role the migrations run as, and the
# runtime role the service runs as (docs/operations-database.md). The migrations grant the runtime role its rights.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$MEDSAFETY_OWNER_PASSWORD" -v app_password="$MEDSAFETY_APP_PASSWORD" <<'SQL'
CREATE ROLE medsafety_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE medsafety_app LOGIN PASSWORD :'app_password';
SELECT format('ALTER DATABASE %I OWNER TO medsafety_owner', current_database()) \gexec
ALTER SCHEMA public OWNER TO medsafety_owner;
SQL
