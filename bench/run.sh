#!/usr/bin/env bash
# One-command load benchmark of the wxlogin service (issues 4 and 12).
#
#   bench/run.sh                                   # all scenarios, 3 rounds of 15 s after a 20 s warm-up each
#   SCENARIOS="baseline me" ROUNDS=5 bench/run.sh  # some scenarios, more rounds
#   FORCE=1 DURATION=5 WARMUP=5 ROUNDS=1 bench/run.sh  # a smoke run on a busy machine (flagged DISTURBED)
#
# The sandbox WeChat runs in its own process (sandbox/target/wxlogin-sandbox.jar); the service runs
# in production mode pointed at it (WXLOGIN_WECHAT_BASE_URL). Each scenario gets a warm-up, then
# ROUNDS measured wrk windows; the summary gives medians, the service's CPU time per request
# (utime+stime of its process over the window / requests answered), and the baseline endpoint
# measured in the same run. Refuses a busy machine (load average above MAX_LOAD) unless FORCE=1,
# which runs anyway and flags every figure. Loopback only. Knobs: bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

DURATION=${DURATION:-15}          # seconds of each measured round
ROUNDS=${ROUNDS:-3}               # measured rounds per scenario; the median is reported
WARMUP=${WARMUP:-20}              # seconds of unmeasured load before each scenario's rounds (JIT)
CONNECTIONS=${CONNECTIONS:-32}    # wrk connections (closed loop: each waits for its answer)
THREADS=${THREADS:-2}             # wrk threads
SCENARIOS=${SCENARIOS:-"baseline me login repeat legacy refresh"}
LOGIN_RATE=${LOGIN_RATE:-3000}    # the most logins/s you expect; sizes the payload files
MARGIN=${MARGIN:-1.3}             # payloads = LOGIN_RATE * seconds * MARGIN + 100
ME_USERS=${ME_USERS:-300}         # users whose access tokens /api/v1/me rotates over
REPEAT_USERS=${REPEAT_USERS:-5000} # users the repeat-login scenario logs in again and again
GEN_CONCURRENCY=${GEN_CONCURRENCY:-32}
BASELINE_PATH=${BASELINE_PATH:-/.well-known/jwks.json} # a public GET of the same stack: no token, no database
MAX_LOAD=${MAX_LOAD:-1.5}         # refuse to start above this 1-minute load average
MAX_FOREIGN=${MAX_FOREIGN:-0.15}  # flag a window in which other processes used more than this many cores
FORCE=${FORCE:-0}                 # 1: measure a busy machine anyway, every figure flagged DISTURBED
SERVICE_PORT=${SERVICE_PORT:-18080}
SANDBOX_PORT=${SANDBOX_PORT:-19010}
DB_PROCESS=${DB_PROCESS:-}        # with WXLOGIN_DATABASE_URL set: the database server's process name (postgres, mariadbd), whose CPU is reported as db_us_per_req
JFR=${JFR:-0}                     # 1: after the rounds, one extra profiled window per scenario (not in the medians)
KEEP=${KEEP:-0}                   # 1: keep payloads, tokens and the H2 data dir
APPID=wxsandbox000000001

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 # 21+: Tomcat runs on virtual threads
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JDK_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
SANDBOX_JAVA_OPTS=${SANDBOX_JAVA_OPTS:-"-Xms1g -Xmx1g"}

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "DURATION must be a positive number of seconds"
[[ $ROUNDS =~ ^[0-9]+$ && $ROUNDS -gt 0 ]] || die "ROUNDS must be a positive number"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number of seconds"
(( THREADS > 0 && CONNECTIONS >= THREADS )) || die "need THREADS > 0 and CONNECTIONS >= THREADS"
for s in $SCENARIOS; do
    [[ $s =~ ^(baseline|me|login|repeat|legacy|refresh)$ ]] || die "unknown scenario '$s' (baseline me login repeat legacy refresh)"
done

# ---- is the machine quiet? -----------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
busy() { awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l > m) }'; }
DISTURBED=0
log "machine: $(nproc) CPUs; $(uptime)"
if busy; then
    if [[ $FORCE == 1 ]]; then
        DISTURBED=1
        log "WARNING: load average $(load1) > MAX_LOAD=$MAX_LOAD: measuring anyway (FORCE=1); every figure is flagged DISTURBED"
    else
        log "the machine is busy (load average $(load1) > MAX_LOAD=$MAX_LOAD): figures would mean nothing."
        log "Wait for a quiet machine, or FORCE=1 to run anyway with every figure flagged DISTURBED."
        ps -eo pcpu,comm --sort=-pcpu | head -6 >&2
        exit 3
    fi
fi

# ---- prerequisites -------------------------------------------------------------------------
JAR=${JAR:-$ROOT/server/target/wxlogin-server.jar}
SANDBOX_JAR=${SANDBOX_JAR:-$ROOT/sandbox/target/wxlogin-sandbox.jar}
if [[ ! -f $JAR || ! -f $SANDBOX_JAR ]]; then
    log "building the service and sandbox jars"
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl sandbox,server -am)
fi
[[ -f $JAR ]] || die "no $JAR"
[[ -f $SANDBOX_JAR ]] || die "no $SANDBOX_JAR"
if ! command -v wrk >/dev/null; then
    [[ $(id -u) == 0 ]] || die "wrk is missing; install it (apt-get install -y wrk) or run as root"
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
SANDBOX_PID=
stop() { # pid
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    stop "$SERVICE_PID"
    stop "$SANDBOX_PID"
    if [[ $KEEP != 1 ]]; then rm -rf "$RUN_DIR/data" "$RUN_DIR"/*.jsonl "$RUN_DIR"/*.tokens; fi
    log "logs kept in $RUN_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the sandbox WeChat and the service, in two processes ----------------------------------
SERVICE=http://127.0.0.1:$SERVICE_PORT
SANDBOX=http://127.0.0.1:$SANDBOX_PORT
SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
wait_up() { # pid url log what
    for i in $(seq 120); do
        kill -0 "$1" 2>/dev/null || { tail -30 "$3" >&2; die "$4 exited during start-up"; }
        curl -fsS "$2" 2>/dev/null | grep -q '"UP"' && return 0
        (( i == 120 )) && { tail -30 "$3" >&2; die "$4 was not up after 60 s"; }
        sleep 0.5
    done
}
# shellcheck disable=SC2086 # *_JAVA_OPTS are lists of flags
SANDBOX_SECRET=$SECRET SANDBOX_PORT=$SANDBOX_PORT SANDBOX_APPID=$APPID \
    "$JAVA" $SANDBOX_JAVA_OPTS -jar "$SANDBOX_JAR" >"$RUN_DIR/sandbox.log" 2>&1 &
SANDBOX_PID=$!
wait_up "$SANDBOX_PID" "$SANDBOX/sandbox/health" "$RUN_DIR/sandbox.log" "the sandbox"
log "sandbox WeChat up (pid $SANDBOX_PID, $SANDBOX)"

log "starting the service ($("$JAVA" -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS) in $RUN_DIR"
# Production mode against the stand-in. The load comes from one address and repeats users, so the
# login rate limits are off for the run.
# shellcheck disable=SC2086
WXLOGIN_APPID=$APPID WXLOGIN_SECRET=$SECRET WXLOGIN_WECHAT_BASE_URL=$SANDBOX \
    WXLOGIN_KEY_ENCRYPTION_SECRET=$(head -c 32 /dev/urandom | base64) \
    WXLOGIN_PORT=$SERVICE_PORT WXLOGIN_DATA_DIR=$RUN_DIR/data SERVER_ADDRESS=127.0.0.1 \
    WXLOGIN_RATE_LIMIT_PER_IP=0 WXLOGIN_RATE_LIMIT_PER_USER=0 \
    "$JAVA" $JAVA_OPTS "-Xlog:gc:file=$RUN_DIR/gc.log" -jar "$JAR" >"$RUN_DIR/service.log" 2>&1 &
SERVICE_PID=$!
wait_up "$SERVICE_PID" "$SERVICE/actuator/health" "$RUN_DIR/service.log" "the service"
log "service up (pid $SERVICE_PID); $(grep -o 'ES256 token signatures computed by .*' "$RUN_DIR/service.log" || echo 'ES256 provider not logged')"

# ---- helpers -------------------------------------------------------------------------------
GEN=$HERE/tools/GenerateLogins.java
generate() { # mode count prefix out [extra...]
    local mode=$1 count=$2 prefix=$3 out=$4; shift 4
    "$JAVA" "$GEN" "$mode" --sandbox "$SANDBOX" --appid "$APPID" --count "$count" --prefix "$prefix" \
        --out "$out" --concurrency "$GEN_CONCURRENCY" "$@"
}
payload_count() { awk -v r="$LOGIN_RATE" -v s="$1" -v m="$MARGIN" 'BEGIN { printf "%d", r * s * m + 100 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }              # utime+stime of a process
# All CPUs' time in processes (user, nice, system) and stolen by the hypervisor; not idle/iowait, and not
# irq/softirq, which is mostly the kernel carrying our own loopback traffic (reported apart as irq_cpu).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $9; exit }' /proc/stat; }
irq_ticks() { awk '/^cpu / { print $7 + $8; exit }' /proc/stat; }
db_ticks() { # utime+stime of the database server's processes (DB_PROCESS), 0 without one
    local total=0 pid ticks
    [[ -n $DB_PROCESS ]] || { echo 0; return; }
    for pid in $(pgrep -x "$DB_PROCESS"); do
        ticks=$(cpu_ticks "$pid" 2>/dev/null) && total=$((total + ticks))
    done
    echo "$total"
}
HZ=$(getconf CLK_TCK)
children_cpu() { times | awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } printf "%.3f", s }'; } # user+sys s of waited-for children
NCPU=$(nproc)
RESULTS=()

# One wrk window. Prints the RESULT line with the CPU figures; measured windows are recorded.
run_wrk() { # label(scenario, scenario-warmup, scenario-rN, scenario-jfr) seconds script args...
    local label=$1 seconds=$2 script=$3; shift 3
    local scenario=${label%%-*}
    local out=$RUN_DIR/wrk-$label.txt jfr=$RUN_DIR/$scenario.jfr
    local load flag=""
    load=$(load1) # for the record: during a run it counts our own processes too
    if [[ $label == *-jfr ]]; then
        "${JDK_BIN}jcmd" "$SERVICE_PID" JFR.start name="$scenario" settings=profile filename="$jfr" >/dev/null
    fi
    local svc0 sbx0 all0 t0 svc1 sbx1 all1 t1
    local kids0 kids1
    kids0=$(children_cpu)
    local irq0 irq1 db0 db1
    db0=$(db_ticks)
    svc0=$(cpu_ticks "$SERVICE_PID"); sbx0=$(cpu_ticks "$SANDBOX_PID"); all0=$(busy_ticks); irq0=$(irq_ticks); t0=$(date +%s.%N)
    timeout $((seconds + 60)) wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout 10s \
        -s "$HERE/lua/$script" "$SERVICE" -- "$@" "$scenario" >"$out" 2>"$RUN_DIR/wrk-$label.err" \
        || { cat "$out" "$RUN_DIR/wrk-$label.err" >&2; die "wrk failed ($label)"; }
    svc1=$(cpu_ticks "$SERVICE_PID"); sbx1=$(cpu_ticks "$SANDBOX_PID"); all1=$(busy_ticks); irq1=$(irq_ticks); t1=$(date +%s.%N)
    db1=$(db_ticks)
    kids1=$(children_cpu)
    # Cores used by anything but the service, the sandbox and wrk (this script's only child in the window).
    local foreign
    foreign=$(awk -v s0="$svc0" -v s1="$svc1" -v b0="$sbx0" -v b1="$sbx1" -v a0="$all0" -v a1="$all1" -v k0="$kids0" -v k1="$kids1" \
                  -v t0="$t0" -v t1="$t1" -v hz="$HZ" -v db="$((db1 - db0))" 'BEGIN { d = t1 - t0; f = ((a1 - a0) - (s1 - s0) - (b1 - b0) - db) / hz / d - (k1 - k0) / d
                                                     printf "%.2f", (f < 0 ? 0 : f) }')
    if awk -v f="$foreign" -v m="$MAX_FOREIGN" 'BEGIN { exit !(f > m) }'; then flag=" DISTURBED=foreign$foreign"; DISTURBED=1; fi
    local irq
    irq=$(awk -v i0="$irq0" -v i1="$irq1" -v t0="$t0" -v t1="$t1" -v hz="$HZ" 'BEGIN { printf "%.2f", (i1 - i0) / hz / (t1 - t0) }')
    if [[ $label == *-jfr ]]; then
        "${JDK_BIN}jcmd" "$SERVICE_PID" JFR.stop name="$scenario" >/dev/null
        local views=$RUN_DIR/$scenario.jfr-views.txt v
        : >"$views"
        for v in hot-methods cpu-time-hot-methods contention-by-site gc-pauses allocation-by-class; do
            "${JDK_BIN}jfr" view --width 160 "$v" "$jfr" >>"$views" 2>/dev/null || true
        done
        log "JFR profile $jfr (views in $views; bench/README.md shows how to read inclusive shares)"
    fi
    local result requests cpu
    result=$(grep '^RESULT ' "$out") || { cat "$out" "$RUN_DIR/wrk-$label.err" >&2; die "no RESULT line from wrk ($label)"; }
    requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$result")
    cpu=$(awk -v s0="$svc0" -v s1="$svc1" -v b0="$sbx0" -v b1="$sbx1" -v a0="$all0" -v a1="$all1" -v t0="$t0" -v t1="$t1" \
              -v hz="$HZ" -v n="$NCPU" -v r="$requests" \
        'BEGIN { d = t1 - t0; r = (r > 0 ? r : 1)
                 printf "svc_us_per_req=%.0f sandbox_us_per_req=%.0f service_cpu=%.2f machine_cpu=%.2f/%d load_before=",
                        (s1 - s0) / hz * 1e6 / r, (b1 - b0) / hz * 1e6 / r, (s1 - s0) / hz / d, (a1 - a0) / hz / d, n }')
    local db=""
    [[ -z $DB_PROCESS ]] || db=" db_us_per_req=$(awk -v t="$((db1 - db0))" -v hz="$HZ" -v r="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / (r > 0 ? r : 1) }')"
    result="${result/scenario=$scenario/scenario=$label} $cpu$load foreign_cpu=$foreign irq_cpu=$irq$db$flag"
    log "$result"
    if [[ -s $RUN_DIR/wrk-$label.err ]]; then sed 's/^/    wrk: /' "$RUN_DIR/wrk-$label.err" | head -5 >&2; fi
    [[ $label == *-warmup || $label == *-jfr ]] || RESULTS+=("$result")
}

CODE_TTL=300 # the sandbox's code lifetime (seconds)
# Pre-generates one window's login payloads (the phone's work stays out of the window), then runs it.
login_window() { # scenario label seconds path format [generator args...]
    local scenario=$1 label=$2 seconds=$3 path=$4 format=$5; shift 5
    local n g0 g1; n=$(payload_count "$seconds")
    g0=$(date +%s)
    generate payloads "$n" "$scenario-$label-$(date +%s%N)-" "$RUN_DIR/$label.jsonl" --format "$format" "$@" 2>>"$RUN_DIR/generate.log"
    g1=$(date +%s)
    (( g1 - g0 + seconds + 10 <= CODE_TTL )) \
        || die "generating $n payloads took $((g1 - g0)) s; the first codes would expire before the window ends. Lower LOGIN_RATE or DURATION."
    run_wrk "$label" "$seconds" login.lua "$RUN_DIR/$label.jsonl" "$THREADS" "$path"
    rm -f "$RUN_DIR/$label.jsonl"
}

rounds() { # scenario function-that-runs-one-window(label seconds)
    local scenario=$1 window=$2 r
    if (( WARMUP > 0 )); then "$window" "$scenario-warmup" "$WARMUP"; fi
    for r in $(seq "$ROUNDS"); do "$window" "$scenario-r$r" "$DURATION"; done
    if [[ $JFR == 1 ]]; then "$window" "$scenario-jfr" "$DURATION"; fi
}

REPEAT_PREFIX=
login_rounds() { # scenario path format
    local scenario=$1 path=$2 format=$3
    window() { login_window "$scenario" "$1" "$2" "$path" "$format" ${REPEAT_PREFIX:+--users "$REPEAT_USERS"}; }
    rounds "$scenario" window
}

first_login() { REPEAT_PREFIX=; login_rounds login /api/v1/login v1; }
legacy_login() { REPEAT_PREFIX=; login_rounds legacy /user/wxlogin legacy; }
repeat_login() {
    # REPEAT_USERS users log in once (unmeasured); every later payload is one of them again.
    log "repeat: first logins of $REPEAT_USERS users"
    REPEAT_PREFIX=rep$(date +%s)-
    tokens accessToken "$REPEAT_USERS" "$RUN_DIR/repeat-seed.tokens" "$REPEAT_PREFIX"
    window() {
        local n; n=$(payload_count "$2")
        generate payloads "$n" "$REPEAT_PREFIX" "$RUN_DIR/$1.jsonl" --users "$REPEAT_USERS" 2>>"$RUN_DIR/generate.log"
        run_wrk "$1" "$2" login.lua "$RUN_DIR/$1.jsonl" "$THREADS" /api/v1/login
        rm -f "$RUN_DIR/$1.jsonl"
    }
    rounds repeat window
}

tokens() { # field count out [user-prefix]: logs users in through the service, keeps one token of each
    generate tokens "$2" "${4:-$1$(date +%s%N)-}" "$3" --service "$SERVICE" --field "$1" 2>>"$RUN_DIR/generate.log" \
        || die "collecting ${1}s from $2 logins failed (see $RUN_DIR/generate.log)"
}

me() {
    log "me: logging in $ME_USERS users for their access tokens"
    tokens accessToken "$ME_USERS" "$RUN_DIR/me.tokens"
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$RUN_DIR/me.tokens")" "$SERVICE/api/v1/me")
    [[ $status == 200 ]] || die "GET /api/v1/me with a fresh token answered $status, not 200"
    window() { run_wrk "$1" "$2" me.lua "$RUN_DIR/me.tokens" /api/v1/me; }
    rounds me window
}

baseline() {
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE$BASELINE_PATH")
    [[ $status == 200 ]] || die "GET $BASELINE_PATH answered $status, not 200"
    window() { run_wrk "$1" "$2" me.lua - "$BASELINE_PATH"; }
    rounds baseline window
}

refresh() {
    # Each window starts from fresh refresh-token chains (one per connection and then some); every
    # answer's new token is sent next, so each token is presented exactly once.
    window() {
        tokens refreshToken $((CONNECTIONS * 2)) "$RUN_DIR/$1.tokens"
        run_wrk "$1" "$2" refresh.lua "$RUN_DIR/$1.tokens" "$THREADS" /api/v1/token/refresh
    }
    rounds refresh window
}

for s in $SCENARIOS; do
    case $s in
        baseline) baseline ;;
        me) me ;;
        login) first_login ;;
        repeat) repeat_login ;;
        legacy) legacy_login ;;
        refresh) refresh ;;
    esac
done

# ---- summary -------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
per_scenario() { # scenario field -> one value per round
    local r
    for r in "${RESULTS[@]}"; do
        if [[ $(field scenario "$r") == "$1"-r* ]]; then field "$2" "$r"; fi
    done
    return 0
}

echo
echo "wxlogin benchmark $(date -u +%FT%TZ): $(nproc) CPUs, Java $JAVA_FEATURE, wrk -t$THREADS -c$CONNECTIONS, $ROUNDS x ${DURATION}s after ${WARMUP}s warm-up"
echo "service JAVA_OPTS='$JAVA_OPTS'; sandbox WeChat in its own process; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
(( DISTURBED == 0 )) || echo "*** DISTURBED: the machine was busy (load average above MAX_LOAD=$MAX_LOAD at the start, or other processes above MAX_FOREIGN=$MAX_FOREIGN cores in a window); these figures are not representative ***"
printf '%-9s %7s %15s %8s %8s %6s %15s %10s %8s  %s\n' scenario rounds 'req/s (range)' p50_ms p99_ms errors 'svc_us/req (rng)' 'sbx_us/req' svc_cpu target
invalid=0
declare -A RPS
for s in $SCENARIOS; do
    n=$(per_scenario "$s" rps | wc -l)
    (( n > 0 )) || continue
    rps=$(per_scenario "$s" rps | median); RPS[$s]=$rps
    us=$(per_scenario "$s" svc_us_per_req | median)
    p99=$(per_scenario "$s" p99_ms | median)
    errors=$(( $(per_scenario "$s" non2xx | awk "{ s += \$1 } END { print s + 0 }") + $(per_scenario "$s" socket_errors | awk "{ s += \$1 } END { print s + 0 }") ))
    exhausted=$(per_scenario "$s" exhausted | awk "{ s += \$1 } END { print s + 0 }")
    verdict=-
    case $s in
        login) verdict=$(awk -v u="$us" -v r="$rps" -v p="$p99" -v e="$errors" 'BEGIN {
                   printf "cpu<=350us %s; 2000/s p99<50ms %s", (u <= 350 ? "met" : "MISSED"), (r >= 2000 && p < 50 && e == 0 ? "met" : "MISSED") }') ;;
        repeat) verdict=$(awk -v u="$us" -v r="$rps" -v p="$p99" -v e="$errors" 'BEGIN {
                   printf "cpu<=250us %s; 2000/s p99<50ms %s", (u <= 250 ? "met" : "MISSED"), (r >= 2000 && p < 50 && e == 0 ? "met" : "MISSED") }') ;;
        me) verdict=$(awk -v r="$rps" -v b="${RPS[baseline]:-0}" -v e="$errors" 'BEGIN {
                   f = (b > 0 ? r / b : 0)
                   printf "%s of baseline; >=35000/s or >=70%% %s", (b > 0 ? sprintf("%.0f%%", 100 * f) : "no baseline"), ((r >= 35000 || f >= 0.7) && e == 0 ? "met" : "MISSED") }') ;;
    esac
    (( DISTURBED == 0 )) || verdict="DISTURBED run, no verdict (would be: $verdict)"
    (( exhausted == 0 )) || { verdict="INVALID: payloads or token chains ran out (raise LOGIN_RATE)"; invalid=1; }
    printf '%-9s %7s %15s %8s %8s %6s %15s %10s %8s  %s\n' "$s" "$n" "$rps ($(per_scenario "$s" rps | range))" \
        "$(per_scenario "$s" p50_ms | median)" "$p99" "$errors" "$us ($(per_scenario "$s" svc_us_per_req | range))" \
        "$(per_scenario "$s" sandbox_us_per_req | median)" "$(per_scenario "$s" service_cpu | median)" "$verdict"
done
echo "(medians over the rounds; svc_us/req = service process CPU (user+system) over the window / requests answered;"
echo " sbx_us/req = the same for the sandbox WeChat process; me's share is of the baseline ($BASELINE_PATH) measured in this run;"
echo " per-round lines above; logs: $RUN_DIR)"
(( invalid == 0 )) || exit 2
(( DISTURBED == 0 )) || exit 4
