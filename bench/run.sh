#!/usr/bin/env bash
# One-command load benchmark of the wxlogin service (issue 4).
#
#   bench/run.sh                      # defaults: 30 s per scenario after a 10 s warm-up
#   DURATION=10 WARMUP=5 bench/run.sh # a short smoke run
#
# Starts the service in sandbox mode (the sandbox WeChat runs in the same JVM) on a fresh temp
# data dir, pre-generates login payloads from the sandbox phone before the timed window, drives
# POST /api/v1/login and GET /api/v1/me with wrk, and prints requests/s, p50, p99 and errors.
# Loopback only. Every knob is an environment variable; see bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

DURATION=${DURATION:-30}          # seconds of each measured wrk run
WARMUP=${WARMUP:-10}              # seconds of an unmeasured wrk run before each scenario (0: none)
CONNECTIONS=${CONNECTIONS:-32}    # wrk connections (closed loop: each waits for its answer)
THREADS=${THREADS:-2}             # wrk threads
SCENARIOS=${SCENARIOS:-"login me"} # any of: login me legacy
LOGIN_RATE=${LOGIN_RATE:-500}     # the most logins/s you expect (measured: ~375 on 2 cores); sizes the payload file
MARGIN=${MARGIN:-1.3}             # payloads = LOGIN_RATE * seconds * MARGIN
ME_USERS=${ME_USERS:-300}         # users logged in to collect access tokens for /me
GEN_CONCURRENCY=${GEN_CONCURRENCY:-32} # concurrent requests of the payload generator
SERVICE_PORT=${SERVICE_PORT:-18080}
SANDBOX_PORT=${SANDBOX_PORT:-19010}
APPID=wxsandbox000000001
JFR=${JFR:-0}                     # 1: record a JFR profile of each measured window and print hot methods
KEEP=${KEEP:-0}                   # 1: keep payloads and the H2 data dir after the run
STRICT=${STRICT:-0}               # 1: exit 1 when a target of issue 4 is missed

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 # 21+: Tomcat and the sandbox run on virtual threads
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JDK_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}
# Fixed, pre-touched heap so that GC sizing does not drift between runs (the sandbox keeps every
# generated user in memory); the default collector (G1) is kept. The GC log is kept with the run's logs.
JAVA_OPTS=${JAVA_OPTS:-"-Xms2g -Xmx2g -XX:+AlwaysPreTouch"}

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "DURATION must be a positive number of seconds"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number of seconds"
(( THREADS > 0 && CONNECTIONS >= THREADS )) || die "need THREADS > 0 and CONNECTIONS >= THREADS"
for s in $SCENARIOS; do [[ $s =~ ^(login|me|legacy)$ ]] || die "unknown scenario '$s' (login, me, legacy)"; done

# ---- prerequisites -------------------------------------------------------------------------
JAR=${JAR:-$ROOT/server/target/wxlogin-server.jar} # another build's jar may be given
if [[ ! -f $JAR && $JAR == "$ROOT/server/target/wxlogin-server.jar" ]]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl server -am)
fi
[[ -f $JAR ]] || die "no $JAR after the build"

if ! command -v wrk >/dev/null; then
    [[ $(id -u) == 0 ]] || die "wrk is missing; install it (apt-get install wrk) or run as root"
    log "installing wrk"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
    command -v wrk >/dev/null || die "wrk did not install"
fi
"$JAVA" -version >/dev/null 2>&1 || die "no java at $JAVA"
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$SERVICE_PORT" && die "port $SERVICE_PORT is taken; set SERVICE_PORT"
port_busy "$SANDBOX_PORT" && die "port $SANDBOX_PORT is taken; set SANDBOX_PORT"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/wxlogin-bench.XXXXXX")
SERVICE_PID=
cleanup() {
    local rc=$?
    if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    if [[ $KEEP != 1 ]]; then
        rm -rf "$RUN_DIR/data" "$RUN_DIR"/*.jsonl "$RUN_DIR"/*.tokens
    fi
    log "logs kept in $RUN_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the service ---------------------------------------------------------------------------
SERVICE=http://127.0.0.1:$SERVICE_PORT
SANDBOX=http://127.0.0.1:$SANDBOX_PORT
log "starting the service ($("$JAVA" -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS) in $RUN_DIR"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
# The load comes from one address, so the per-address login limit is off for the run.
WXLOGIN_SANDBOX=true WXLOGIN_SANDBOX_PORT=$SANDBOX_PORT WXLOGIN_PORT=$SERVICE_PORT \
    WXLOGIN_DATA_DIR=$RUN_DIR/data SERVER_ADDRESS=127.0.0.1 WXLOGIN_RATE_LIMIT_PER_IP=0 \
    "$JAVA" $JAVA_OPTS "-Xlog:gc:file=$RUN_DIR/gc.log" -jar "$JAR" >"$RUN_DIR/service.log" 2>&1 &
SERVICE_PID=$!
for i in $(seq 120); do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$RUN_DIR/service.log" >&2; die "the service exited during start-up"; }
    curl -fsS "$SERVICE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    (( i == 120 )) && { tail -30 "$RUN_DIR/service.log" >&2; die "the service was not healthy after 60 s"; }
    sleep 0.5
done
log "service up (pid $SERVICE_PID)"

# ---- helpers -------------------------------------------------------------------------------
GEN=$HERE/tools/GenerateLogins.java
generate() { # mode count prefix out [extra...]
    local mode=$1 count=$2 prefix=$3 out=$4; shift 4
    "$JAVA" "$GEN" "$mode" --sandbox "$SANDBOX" --appid "$APPID" --count "$count" --prefix "$prefix" \
        --out "$out" --concurrency "$GEN_CONCURRENCY" "$@"
}
payload_count() { awk -v r="$LOGIN_RATE" -v s="$1" -v m="$MARGIN" 'BEGIN { printf "%d", r * s * m + 100 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }              # utime+stime of a process
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; } # all CPUs, not idle/iowait
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
RESULTS=()

run_wrk() { # scenario seconds script args... ; prints the RESULT line, records it when measured
    local scenario=$1 seconds=$2 script=$3; shift 3
    local out=$RUN_DIR/wrk-$scenario.txt
    local jfr=$RUN_DIR/$scenario.jfr
    if [[ $scenario != *warmup* && $JFR == 1 ]]; then
        "${JDK_BIN}jcmd" "$SERVICE_PID" JFR.start name="$scenario" settings=profile filename="$jfr" >/dev/null
    fi
    local svc0 all0 t0 svc1 all1 t1
    svc0=$(cpu_ticks "$SERVICE_PID"); all0=$(busy_ticks); t0=$(date +%s.%N)
    timeout $((seconds + 60)) wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout 10s \
        -s "$HERE/lua/$script" "$SERVICE" -- "$@" "$scenario" >"$out" 2>"$RUN_DIR/wrk-$scenario.err" \
        || { cat "$out" "$RUN_DIR/wrk-$scenario.err" >&2; die "wrk failed ($scenario)"; }
    svc1=$(cpu_ticks "$SERVICE_PID"); all1=$(busy_ticks); t1=$(date +%s.%N)
    if [[ $scenario != *warmup* && $JFR == 1 ]]; then
        "${JDK_BIN}jcmd" "$SERVICE_PID" JFR.stop name="$scenario" >/dev/null
        local views=$RUN_DIR/$scenario.jfr-views.txt v
        : >"$views"
        for v in hot-methods cpu-time-hot-methods contention-by-site pinned-threads gc-pauses allocation-by-class latencies-by-type; do
            "${JDK_BIN}jfr" view --width 160 "$v" "$jfr" >>"$views" 2>/dev/null || true
        done
        if "${JDK_BIN}jfr" view --width 160 hot-methods "$jfr" >"$RUN_DIR/$scenario.hot-methods.txt" 2>/dev/null; then
            log "JFR $jfr (more views in $views); hottest methods:"; head -22 "$RUN_DIR/$scenario.hot-methods.txt" >&2
        else
            log "JFR $jfr (jfr view needs JDK 21+; see bench/README.md)"
        fi
    fi
    local result cpu
    result=$(grep '^RESULT ' "$out") || { cat "$out" "$RUN_DIR/wrk-$scenario.err" >&2; die "no RESULT line from wrk ($scenario)"; }
    cpu=$(awk -v s0="$svc0" -v s1="$svc1" -v a0="$all0" -v a1="$all1" -v t0="$t0" -v t1="$t1" -v hz="$HZ" -v n="$NCPU" \
        'BEGIN { d = t1 - t0; printf "service_cpu=%.2f machine_cpu=%.2f/%d", (s1 - s0) / hz / d, (a1 - a0) / hz / d, n }')
    log "$result $cpu"
    if [[ -s $RUN_DIR/wrk-$scenario.err ]]; then sed 's/^/    wrk: /' "$RUN_DIR/wrk-$scenario.err" | head -5 >&2; fi
    [[ $scenario == *warmup* ]] || RESULTS+=("$result $cpu")
}

CODE_TTL=300 # the sandbox's code lifetime (seconds)
login_scenario() { # name path format
    local name=$1 path=$2 format=$3 stamp
    stamp=$(date +%s)
    if (( WARMUP > 0 )); then
        local n; n=$(payload_count "$WARMUP")
        log "$name: generating $n warm-up payloads"
        generate payloads "$n" "$name-w$stamp-" "$RUN_DIR/$name-warmup.jsonl" --format "$format"
        run_wrk "$name-warmup" "$WARMUP" login.lua "$RUN_DIR/$name-warmup.jsonl" "$THREADS" "$path"
    fi
    local n g0 g1; n=$(payload_count "$DURATION")
    log "$name: generating $n payloads (LOGIN_RATE=$LOGIN_RATE/s x ${DURATION}s x $MARGIN)"
    g0=$(date +%s)
    generate payloads "$n" "$name-m$stamp-" "$RUN_DIR/$name.jsonl" --format "$format"
    g1=$(date +%s)
    if (( g1 - g0 + DURATION + 10 > CODE_TTL )); then
        die "generating took $((g1 - g0)) s; with DURATION=$DURATION the first codes would expire (${CODE_TTL} s). Lower LOGIN_RATE or DURATION."
    fi
    run_wrk "$name" "$DURATION" login.lua "$RUN_DIR/$name.jsonl" "$THREADS" "$path"
}

me_scenario() {
    log "me: logging in $ME_USERS users to collect access tokens"
    local rc=0
    generate tokens "$ME_USERS" "me$(date +%s)-" "$RUN_DIR/me.tokens" --service "$SERVICE" || rc=$?
    if (( rc == 3 )); then
        log "me: SKIPPED: POST /api/v1/login returns no accessToken in this build, so there is nothing to call GET /api/v1/me with"
        RESULTS+=("RESULT scenario=me SKIPPED=no-accessToken-in-login-response")
        return 0
    fi
    (( rc == 0 )) || die "collecting tokens failed"
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$RUN_DIR/me.tokens")" "$SERVICE/api/v1/me")
    [[ $status == 200 ]] || die "GET /api/v1/me with a fresh token answered $status, not 200"
    if (( WARMUP > 0 )); then run_wrk me-warmup "$WARMUP" me.lua "$RUN_DIR/me.tokens" /api/v1/me; fi
    run_wrk me "$DURATION" me.lua "$RUN_DIR/me.tokens" /api/v1/me
}

for s in $SCENARIOS; do
    case $s in
        login) login_scenario login /api/v1/login v1 ;;
        legacy) login_scenario legacy /user/wxlogin legacy ;;
        me) me_scenario ;;
    esac
done

# ---- summary -------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
missed=0
target() { # scenario rps p99 errors -> verdict for issue 4's targets
    local s=$1 rps=$2 p99=$3 err=$4
    case $s in
        login) awk -v r="$rps" -v p="$p99" -v e="$err" 'BEGIN { exit !(r >= 3000 && p < 50 && e == 0) }' \
                   && echo "met (>=3000/s, p99<50ms, 0 errors)" || { echo "MISSED (>=3000/s, p99<50ms, 0 errors)"; return 1; } ;;
        me) awk -v r="$rps" -v e="$err" 'BEGIN { exit !(r >= 15000 && e == 0) }' \
                   && echo "met (>=15000/s, 0 errors)" || { echo "MISSED (>=15000/s, 0 errors)"; return 1; } ;;
        *) echo "-" ;;
    esac
}
echo
echo "wxlogin benchmark: $(nproc) CPUs, $(uname -m), Java $JAVA_FEATURE, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (warm-up ${WARMUP}s), service JAVA_OPTS='$JAVA_OPTS'"
printf '%-8s %10s %10s %9s %9s %9s %7s %7s %9s  %s\n' scenario requests req/s p50_ms p99_ms max_ms non2xx sockerr svc_cpu target
invalid=0
for r in "${RESULTS[@]}"; do
    s=$(field scenario "$r")
    if [[ $r == *SKIPPED* ]]; then
        printf '%-8s %s\n' "$s" "SKIPPED: the login response has no accessToken (GET /api/v1/me needs one)"
        continue
    fi
    rps=$(field rps "$r"); p99=$(field p99_ms "$r"); n2=$(field non2xx "$r"); se=$(field socket_errors "$r")
    verdict=$(target "$s" "$rps" "$p99" $((n2 + se))) || missed=1
    if [[ $(field exhausted "$r") != 0 ]]; then verdict="INVALID: payloads ran out; raise LOGIN_RATE"; invalid=1; fi
    printf '%-8s %10s %10s %9s %9s %9s %7s %7s %9s  %s\n' "$s" "$(field requests "$r")" "$rps" "$(field p50_ms "$r")" \
        "$p99" "$(field max_ms "$r")" "$n2" "$se" "$(field service_cpu "$r")" "$verdict"
done
echo "(req/s over the whole window; p50/p99/max from wrk's latency histogram; non2xx counted in Lua; sockerr = connect/read/write/timeout;"
echo " svc_cpu = cores used by the service JVM, which also hosts the sandbox WeChat; logs: $RUN_DIR)"
(( invalid == 0 )) || exit 2
if (( STRICT == 1 && missed == 1 )); then exit 1; fi
