#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks (bench/jmh): decryption, rawData signature, ES256 tokens.
#
#   bench/jmh.sh                          # all benchmarks, short settings (about 2.5 minutes)
#   bench/jmh.sh Es256                    # only those matching a regex
#   JMH_OPTS="-f 2 -wi 5 -i 10 -w 2s -r 5s" bench/jmh.sh   # longer, steadier
#   JMH_OPTS="-prof gc" bench/jmh.sh Decrypt                # allocation per op
#
# Extra arguments are passed to JMH (run `bench/jmh.sh -h` for its options).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR=$HERE/jmh/target/benchmarks.jar

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 1s -r 2s"}

# Built through the reactor so that wxlogin-wechat is this worktree's, never a stale one in ~/.m2.
# (The build itself runs on the default JDK; the benchmarks on $JAVA.)
if [[ ${REBUILD:-1} == 1 || ! -f $JAR ]]; then
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench/jmh -am)
fi
[[ -f $JAR ]] || { echo "no $JAR after the build" >&2; exit 1; }

echo "JMH on $("$JAVA" -version 2>&1 | head -1), $(nproc) CPUs; options: $JMH_OPTS $*" >&2
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
exec "$JAVA" -jar "$JAR" $JMH_OPTS -rf json -rff "$HERE/jmh/target/jmh-result.json" "$@"
