#!/usr/bin/env bash
# The service's hourly purges (expired refresh tokens and sessions, audit retention) run once against a
# database filled by generate.sh while a login load runs, and what the logins saw before, during and
# after: logins/s and latency, per second (pgbench's progress lines; with -R its latency counts from each
# login's scheduled start, so a login held up by a purge shows even if it ran quickly once let through).
#
#   bench/scale/purge-under-load.sh                       # wxlogin_10m, 200 logins/s, audit retention 29 days
#   DB=wxlogin_10k USERS=10000 bench/scale/purge-under-load.sh
#
# Knobs: DB, USERS, RATE (logins/s, 200), CLIENTS (4), BATCH (the purge batch size, 2000), PAUSE (ms, 20),
# AUDIT_DAYS (the retention the audit purge applies, 29: one day of events to delete; 0: no audit purge),
# ONLY=audit (the audit purge alone), SPAN_HOURS (delete only the oldest SPAN_HOURS of expired sessions and
# tokens: what one hourly purge finds in the steady state, 1; empty: the whole day's backlog), BEFORE/AFTER (s of
# load around the purges, 30), TOTAL (the most seconds of load, 3600), JAR.
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${DB:-wxlogin_10m}
USERS=${USERS:-10000000}
RATE=${RATE:-200}
CLIENTS=${CLIENTS:-4}
BATCH=${BATCH:-2000}
PAUSE=${PAUSE:-20}
AUDIT_DAYS=${AUDIT_DAYS:-29}
BEFORE=${BEFORE:-30}
AFTER=${AFTER:-30}
TOTAL=${TOTAL:-3600}
JAR=$(realpath "${JAR:-server/target/wxlogin-server.jar}")
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

work=$(mktemp -d)
load=
trap 'if [[ -n $load ]]; then kill $load 2>/dev/null || true; fi; rm -rf "$work"' EXIT
(cd "$work" && unzip -q "$JAR" 'BOOT-INF/*')
cp="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $(uptime)"
(cd "$work" && exec pgbench -n -f "$OLDPWD/bench/scale/login.pgbench" -D users="$USERS" -c "$CLIENTS" -j 2 -R "$RATE" -T "$TOTAL" \
    -P 1 --progress-timestamp "$DB" >"$work/pgbench.out" 2>&1) &
load=$!
sleep "$BEFORE"
start=$(date +%s)
SPAN_HOURS=${SPAN_HOURS:-} java -cp "$cp" bench/scale/PurgeAtScale.java "jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER" "$BATCH" "$PAUSE" "$AUDIT_DAYS" ${ONLY:-}
end=$(date +%s)
echo "purges: $((end - start)) s; $(uptime)"
sleep "$AFTER"
kill -TERM $load 2>/dev/null || true
wait $load 2>/dev/null || true
# "progress: 1765080000.123 s, 199.0 tps, lat 5.321 ms stddev 1.234, 0 failed, lag 0.321 ms"
grep '^progress:' "$work/pgbench.out" | awk -v s="$start" -v e="$end" '
    { t = $2 + 0; tps = $4 + 0; lat = $7 + 0;
      w = (t < s) ? "before" : (t <= e + 1 ? "during" : "after"); n[w] += tps; sum[w] += tps * lat; secs[w]++;
      if (lat > worst[w]) worst[w] = lat; if (tps == 0) idle[w]++ }
    END { for (i = 1; i <= 3; i++) { w = (i == 1) ? "before" : (i == 2 ? "during" : "after");
            if (secs[w]) printf "LOGINS %-6s seconds=%d logins_per_s=%.0f mean_ms=%.1f worst_second_mean_ms=%.1f seconds_without_login=%d\n",
                w, secs[w], n[w] / secs[w], sum[w] / (n[w] ? n[w] : 1), worst[w], idle[w] } }'
