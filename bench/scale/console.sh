#!/usr/bin/env bash
# Times the console's dashboard (GET /admin) and user searches (GET /admin/users?q=...) over HTTP against a
# running service: signs in with the form (CSRF token from the login page), then asks each page ROUNDS
# times and prints each time. BASE (http://127.0.0.1:21110), ADMIN_USER, ADMIN_PASSWORD, ROUNDS (3).
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:21110}
ROUNDS=${ROUNDS:-3}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/admin/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$ADMIN_USER" --data-urlencode "password=$ADMIN_PASSWORD" \
    --data-urlencode "_csrf=$csrf" "$BASE/admin/login"
for path in "/admin" "/admin/users" "/admin/users?q=zhang" "/admin/users?q=long" "/admin/users?q=4321" "/admin/users?q=xiaolong12"; do
    for _ in $(seq 1 "$ROUNDS"); do
        curl -s -o /dev/null -b "$jar" -w "CONSOLE $path status=%{http_code} seconds=%{time_total}\n" "$BASE$path"
    done
done
