#!/usr/bin/env bash
# The container test: builds the images and runs deploy/compose.yaml here, with no image registry.
#
# Base images (a JDK, a JRE, PostgreSQL, Redis, Caddy) are made from Debian's packages with mmdebstrap and
# cached by their package list; the project's images are built from the repository's Dockerfile on them;
# then deploy/compose.yaml runs with those images and prove.py checks what docs/deploy.md promises.
# Everything it starts (containers, networks, volumes) is removed on exit, whatever the outcome.
#
#   deploy/test/container-test.sh            (as root: it installs podman, runc, mmdebstrap, podman-compose)
#   WXLOGIN_CT_TIMEOUT=1800                  the whole run's bound in seconds
#   WXLOGIN_CT_CACHE=/var/cache/wxlogin-ci   where base tarballs are kept between runs
set -euo pipefail

# The whole run is bounded: re-run under timeout(1), whose TERM reaches the cleanup trap below.
if [ -z "${WXLOGIN_CT_BOUNDED:-}" ]; then
  exec timeout -k 60 "${WXLOGIN_CT_TIMEOUT:-1800}" env WXLOGIN_CT_BOUNDED=1 "$0" "$@"
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${WXLOGIN_CT_CACHE:-/var/cache/wxlogin-ci}
SUITE=trixie # Debian 13: OpenJDK 21, PostgreSQL 17, Redis, Caddy
PROJECT=wxlogin-ct-$$
WORK=$(mktemp -d /tmp/wxlogin-ct.XXXXXX)
START=$(date +%s)

log() { printf '[container-test %4ds] %s\n' "$(( $(date +%s) - START ))" "$*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -f "$WORK/compose.yaml" ]; then
    if [ $rc -ne 0 ]; then
      mkdir -p "$WORK/logs"
      for name in $(podman ps -a --filter "label=io.podman.compose.project=$PROJECT" --format '{{.Names}}'); do
        podman logs "$name" > "$WORK/logs/$name.log" 2>&1 || true
      done
    fi
    log "removing the deployment's containers, network and volumes"
    (cd "$WORK" && podman-compose -p "$PROJECT" -f compose.yaml down -v >"$WORK/down.log" 2>&1) || true
    # Whatever podman-compose left (a container created outside it by the test, a half-made network).
    podman ps -aq --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman rm -f -t 5 >/dev/null 2>&1 || true
    podman volume ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
    podman network ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman network rm -f >/dev/null 2>&1 || true
  fi
  if [ $rc -ne 0 ] && [ -d "$WORK/logs" ]; then
    log "FAILED; the containers' logs are in $WORK/logs"
  else
    rm -rf "$WORK"
  fi
  log "done in $(( $(date +%s) - START )) s (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# ---- tools ------------------------------------------------------------------------------------
need=()
for tool in podman:podman runc:runc mmdebstrap:mmdebstrap podman-compose:podman-compose python3:python3 curl:curl; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Debian's podman defaults to crun, which fails on these hosts' cgroups, and to ulimits it may not set.
if [ ! -f /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n' > /etc/containers/containers.conf
fi
log "$(podman --version), runtime $(podman info --format '{{.Host.OCIRuntime.Name}}'), $(podman-compose version 2>&1 | grep -i 'composer* version')"

# ---- base images from Debian's packages, cached by their package list ----------------------------
mkdir -p "$CACHE"
base_image() { # name, packages (comma-separated): prints the image name; makes it when missing
  local name=$1 packages=$2 key
  key=$(printf '%s %s' "$SUITE" "$packages" | sha256sum | cut -c1-12)
  local image=localhost/wxlogin-ct/base-$name:$key tar=$CACHE/base-$name-$key.tar
  if ! podman image exists "$image"; then
    if [ ! -s "$tar" ]; then
      mmdebstrap --quiet --variant=apt --format=tar --include="$packages" "$SUITE" "$tar.part" \
        >"$WORK/mmdebstrap-$name.log" 2>&1
      mv "$tar.part" "$tar"
    fi
    podman import -q "$tar" "$image" >/dev/null
  fi
  echo "$image"
}

log "base images (Debian $SUITE packages; cached in $CACHE)"
declare -A BASE_PACKAGES=(
  [jdk]=openjdk-21-jdk-headless,ca-certificates
  [jre]=openjdk-21-jre-headless,ca-certificates
  [postgres]=postgresql
  [redis]=redis-server
  [caddy]=caddy
)
pids=()
for name in "${!BASE_PACKAGES[@]}"; do
  base_image "$name" "${BASE_PACKAGES[$name]}" > "$WORK/base-$name" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || { cat "$WORK"/mmdebstrap-*.log >&2 2>/dev/null; log "ERROR: a base image could not be made"; exit 1; }
done
base() { cat "$WORK/base-$1"; }
# The JDK stage downloads from Maven Central; where this machine trusts extra CAs (a TLS-inspecting egress
# proxy), the local JDK base trusts them too. The published Dockerfile is unchanged.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  mkdir -p "$WORK/local-ca"
  cp /usr/local/share/ca-certificates/*.crt "$WORK/local-ca/"
  printf 'ARG BASE\nFROM ${BASE}\nCOPY *.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates >/dev/null\n' \
    > "$WORK/local-ca/Containerfile"
  podman build -q --build-arg BASE="$(base jdk)" -t localhost/wxlogin-ct/jdk-local-ca:test "$WORK/local-ca" >/dev/null
  echo localhost/wxlogin-ct/jdk-local-ca:test > "$WORK/base-jdk"
fi
log "bases ready: $(for n in jdk jre postgres redis caddy; do printf '%s ' "$(base $n)"; done)"

# ---- the images compose runs ------------------------------------------------------------------------
build() { # tag, extra podman build arguments...
  local tag=$1; shift
  local before
  before=$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
  podman build -q --format docker --network host -t "$tag" "$@" >/dev/null
  # The tag moved: the image it named before is nobody's now.
  if [ -n "$before" ] && [ "$before" != "$(podman image inspect --format '{{.Id}}' "$tag")" ]; then
    podman rmi "$before" >/dev/null 2>&1 || true
  fi
}
for svc in postgres redis caddy; do
  build "localhost/wxlogin-ct/$svc:test" --build-arg BASE="$(base "$svc")" \
    -f "$HERE/local-images/$svc.Dockerfile" "$HERE/local-images"
done

VERSION=$(cd "$ROOT" && sed -n 's:^    <version>\(.*\)</version>:\1:p' pom.xml | head -1)
REVISION=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
log "building the service and sandbox images (version $VERSION, revision $REVISION)"
t0=$(date +%s)
for target in service sandbox; do
  build "localhost/wxlogin-ct/wxlogin-$target:test" --target "$target" \
    --build-arg JDK_IMAGE="$(base jdk)" --build-arg JRE_IMAGE="$(base jre)" \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" "$ROOT"
done
log "images built in $(( $(date +%s) - t0 )) s"
# The rolling upgrade's "next release": the same service with its own image id and version label.
printf 'FROM localhost/wxlogin-ct/wxlogin-service:test\n' > "$WORK/Containerfile.next"
build localhost/wxlogin-ct/wxlogin-service:next --label org.opencontainers.image.version="$VERSION-next" \
  -f "$WORK/Containerfile.next" "$WORK"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep 'wxlogin-ct/' | sed 's/^/    /'

# ---- the deployment ------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cp "$ROOT/deploy/compose.yaml" "$ROOT/deploy/Caddyfile" "$WORK/"
HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
SANDBOX_PORT=$(free_port)
random() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
# The committed example with fresh secrets, and this machine's images and ports.
sed -e "s|^WXLOGIN_KEY_ENCRYPTION_SECRET=.*|WXLOGIN_KEY_ENCRYPTION_SECRET=$(random)$(random)|" \
    -e "s|^WXLOGIN_ADMIN_PASSWORD=.*|WXLOGIN_ADMIN_PASSWORD=$(random)|" \
    -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(random)|" \
    -e "s|^WXLOGIN_SECRET=.*|WXLOGIN_SECRET=$(random)|" \
    -e "s|^WXLOGIN_PUBLIC_URL=.*|WXLOGIN_PUBLIC_URL=http://127.0.0.1:$HTTP_PORT|" \
    -e "s|^HTTP_PORT=.*|HTTP_PORT=127.0.0.1:$HTTP_PORT|" \
    -e "s|^HTTPS_PORT=.*|HTTPS_PORT=127.0.0.1:$HTTPS_PORT|" \
    -e "s|^SANDBOX_PORT=.*|SANDBOX_PORT=127.0.0.1:$SANDBOX_PORT|" \
    "$ROOT/deploy/.env.example" > "$WORK/.env"
# A cold JVM on a busy 2-core CI machine can take seconds for its first Redis connection (see compose.yaml).
cat >> "$WORK/.env" <<EOF
WXLOGIN_REDIS_TIMEOUT=10s
WXLOGIN_IMAGE=localhost/wxlogin-ct/wxlogin-service:test
SANDBOX_IMAGE=localhost/wxlogin-ct/wxlogin-sandbox:test
POSTGRES_IMAGE=localhost/wxlogin-ct/postgres:test
REDIS_IMAGE=localhost/wxlogin-ct/redis:test
CADDY_IMAGE=localhost/wxlogin-ct/caddy:test
EOF
mkdir -p "$WORK/logs"

log "running the deployment and the checks (project $PROJECT, proxy on 127.0.0.1:$HTTP_PORT)"
python3 "$HERE/prove.py" --work "$WORK" --project "$PROJECT" \
  --proxy "http://127.0.0.1:$HTTP_PORT" --sandbox "http://127.0.0.1:$SANDBOX_PORT" \
  --version "$VERSION" --revision "$REVISION" \
  --next-image localhost/wxlogin-ct/wxlogin-service:next
