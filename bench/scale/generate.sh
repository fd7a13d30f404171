#!/usr/bin/env bash
# Fills a PostgreSQL database with USERS users across 3 apps, their sessions and refresh tokens, and
# DAYS days of audit events at PER_DAY logins a day (see fill.sql for the picture).
#
#   bench/scale/generate.sh                               # 10 million users, 30 days at 1 million a day, database wxlogin_10m
#   USERS=10000 PER_DAY=1000 DB=wxlogin_10k bench/scale/generate.sh   # the small variant
#
# The schema is the one Flyway makes: the script drops and creates the database DB, starts the service
# (server/target/wxlogin-server.jar, built if missing) against it once so that it migrates it, stops it,
# then runs fill.sql with psql. Prints how long each step took. Knobs: PGHOST (127.0.0.1), PGPORT (5432),
# PGUSER (postgres), PORT (the service's port while migrating, 21100).
set -euo pipefail
cd "$(dirname "$0")/../.."

USERS=${USERS:-10000000}
DAYS=${DAYS:-30}
PER_DAY=${PER_DAY:-1000000}
DB=${DB:-wxlogin_10m}
PORT=${PORT:-21100}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR=${JAR:-server/target/wxlogin-server.jar}

if [[ ! -f "$JAR" ]]; then
    ./mvnw -B -q -pl server -am package -DskipTests -Dwxlogin.client.skip=true
fi

start=$(date +%s)
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

log=$(mktemp)
WXLOGIN_SANDBOX=true WXLOGIN_SANDBOX_PORT=$((PORT + 1)) WXLOGIN_PORT=$PORT WXLOGIN_DATA_DIR=$(mktemp -d) \
    WXLOGIN_DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER" \
    java -jar "$JAR" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
    if grep -q "Started WxLoginApplication" "$log"; then break; fi
    if ! kill -0 $pid 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 1
done
grep -q "Started WxLoginApplication" "$log" || { tail -50 "$log"; exit 1; }
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
rm -f "$log"
echo "schema: version $(psql -Atd "$DB" -c 'SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1') (migrated in $(( $(date +%s) - start )) s)"

fill_start=$(date +%s)
psql -d "$DB" -v users="$USERS" -v days="$DAYS" -v per_day="$PER_DAY" -f bench/scale/fill.sql
end=$(date +%s)
echo "filled $DB: $USERS users, $DAYS days at $PER_DAY a day in $(( end - fill_start )) s (total $(( end - start )) s)"
psql -d "$DB" -c "SELECT relname AS table, n_live_tup AS rows, pg_size_pretty(pg_table_size(relid)) AS data,
    pg_size_pretty(pg_indexes_size(relid)) AS indexes, pg_size_pretty(pg_total_relation_size(relid)) AS total
  FROM pg_stat_user_tables WHERE relname IN ('wx_user', 'login_session', 'refresh_token', 'audit_event') ORDER BY relname"
