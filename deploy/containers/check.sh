#!/usr/bin/env bash
# Runs the containers, not just writes them: builds the service image on a base image made from
# Debian's packages (no registry needed), brings docker-compose.yml up, and checks /readyz, a feed
# skeleton, and that a restart and a recreated container keep the data. Then the same file's `postgres`
# profile: PostgreSQL, two nodes and the proxy (check-postgres.sh). Exits non-zero on any failure.
# Needs a running Docker engine, root (for debootstrap, the first time), the .NET SDK, curl and jq.
#
#   deploy/containers/check.sh            BASE_IMAGE (default middleware-base:bookworm) is built when missing
#   REBUILD_BASE=1 deploy/containers/check.sh   rebuild it anyway
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/deploy/containers"
base=${BASE_IMAGE:-middleware-base:bookworm}
image=middleware:container-check
project=middleware-container-check
default_project=$project
feed=containercheck

say() { echo "container check: $*"; }
fail() { echo "container check FAILED: $*" >&2; exit 1; }
for tool in docker curl jq dotnet; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done
docker info >/dev/null 2>&1 || fail "no Docker engine answers (docker info: $(docker info 2>&1 | grep -m1 -i error || echo '?'))"
# Compose v2 (a docker plugin) or Debian's docker-compose 1.x; both read the same file.
if docker compose version >/dev/null 2>&1; then compose=(docker compose); elif command -v docker-compose >/dev/null; then compose=(docker-compose); else fail "neither 'docker compose' nor docker-compose is installed"; fi
# A client without buildx cannot use BuildKit; the classic builder builds this Dockerfile as well.
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0

context=$(mktemp -d /tmp/middleware-container-check.XXXXXX)
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
export MIDDLEWARE_IMAGE=$image MIDDLEWARE_PORT=$port MIDDLEWARE_PUBLIC_URL="http://127.0.0.1:$port"
MIDDLEWARE_ADMIN_TOKEN=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
export MIDDLEWARE_ADMIN_TOKEN
url=$MIDDLEWARE_PUBLIC_URL
# The compose file under the current project and profiles (check-postgres.sh changes both).
profiles=()
dc() { "${compose[@]}" -p "$project" -f "$repo/docker-compose.yml" "${profiles[@]}" "$@"; }
cleanup() {
  local status=$?
  [ "$status" = 0 ] || { echo "--- service log (last 40 lines) ---" >&2; dc logs --no-color --tail 40 >&2 2>/dev/null || true; }
  dc down --volumes --remove-orphans >/dev/null 2>&1 || true
  # The default phase's project too, when the second phase failed. The PostgreSQL and proxy images
  # stay, as the base image does: their layers are the cache that makes the next build instant.
  "${compose[@]}" -p "$default_project" -f "$repo/docker-compose.yml" down --volumes --remove-orphans >/dev/null 2>&1 || true
  docker image rm "$image" >/dev/null 2>&1 || true
  docker image prune --force --filter label=org.middleware.stage=build >/dev/null 2>&1 || true
  rm -rf "$context"
  exit "$status"
}
trap cleanup EXIT

if [ -n "${REBUILD_BASE:-}" ] || ! docker image inspect "$base" >/dev/null 2>&1; then
  "$here/base-image.sh" "$base"
else
  say "base image $base exists (REBUILD_BASE=1 rebuilds it)"
fi

say "dotnet publish, self-contained for linux-x64"
dotnet publish "$repo/src/Middleware.Server" -c Release -r linux-x64 --self-contained \
  -o "$context/published" --nologo -v quiet >"$context/publish.log" 2>&1 \
  || { tail -30 "$context/publish.log" >&2; fail "dotnet publish failed"; }

say "docker build on $base (APP_SOURCE=published)"
docker build --force-rm -f "$repo/Dockerfile" -t "$image" --build-arg "SDK_IMAGE=$base" --build-arg "RUNTIME_IMAGE=$base" \
  --build-arg APP_SOURCE=published "$context" >"$context/build.log" 2>&1 \
  || { tail -30 "$context/build.log" >&2; fail "docker build failed"; }

# Waits until Docker's HEALTHCHECK (the service's own --healthcheck) says healthy; prints the container id.
healthy() {
  local service=${1:-middleware} id state waited=0
  id=$(dc ps -q "$service")
  [ -n "$id" ] || fail "the $service container is not running"
  while state=$(docker inspect --format '{{.State.Health.Status}}' "$id"); [ "$state" != healthy ]; do
    [ "$state" != unhealthy ] || fail "container $id is unhealthy"
    [ "$waited" -lt 150 ] || fail "container $id not healthy after ${waited}s (state: $state)"
    sleep 3; waited=$((waited + 3))
  done
  echo "$id"
}
# A request, with the admin token only for /api/admin (the open API takes a person's token, and refuses
# any other); prints the body, fails unless the status is the expected one.
call() {
  local expect=$1 method=$2 path=$3 body=${4:-} code auth=()
  [[ $path != /api/admin/* ]] || auth=(-H "Authorization: Bearer $MIDDLEWARE_ADMIN_TOKEN")
  code=$(curl -sS -o "$context/body" -w '%{http_code}' -X "$method" "$url$path" "${auth[@]}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, application/activity+json' ${body:+--data "$body"}) \
    || fail "$method $path: no answer"
  [ "$code" = "$expect" ] || fail "$method $path answered $code, expected $expect: $(head -c 300 "$context/body")"
  cat "$context/body"
}
# The feed, its skeleton and its account's public key (the key lives in the database on the volume).
feed_state() {
  call 200 GET "/api/admin/feeds/$feed" | jq -e --arg f "$feed" '.name == $f' >/dev/null || fail "feed $feed not as created"
  call 200 GET "/api/v1/feeds/$feed/skeleton?limit=5" | jq -e '.feed | type == "array"' >/dev/null || fail "skeleton of $feed has no feed array"
  call 200 GET "/users/$feed" | jq -er '.publicKey.publicKeyPem' || fail "actor $feed has no public key"
}

# A stranger without the token is refused before anything is stored; with it the feed is created; bad
# input still meets the service's own refusal through the published port (an RFC 9457 problem).
create_feed() {
  local code refusal
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$url/api/admin/feeds" -H 'Content-Type: application/json' --data '{"name":"stranger","ranker":"chronological"}')
  [ "$code" = 401 ] || fail "POST /api/admin/feeds without the token answered $code, expected 401"
  call 201 POST /api/admin/feeds "{\"name\":\"$feed\",\"displayName\":\"Container check\",\"ranker\":\"chronological\"}" >/dev/null
  refusal=$(call 400 GET "/api/v1/feeds/$feed/skeleton?limit=0")
  grep -q limit <<<"$refusal" || fail "skeleton?limit=0 was refused without naming limit: $refusal"
}

say "docker-compose up on 127.0.0.1:$port"
dc up -d --no-build >"$context/up.log" 2>&1 || { cat "$context/up.log" >&2; fail "compose up failed"; }
first=$(healthy)
say "healthy (container ${first:0:12})"
call 200 GET /readyz | jq -e '.status == "Healthy"' >/dev/null || fail "/readyz is not Healthy"
uid=$(docker exec "$first" id -u)
[ "$uid" = 1654 ] || fail "the service runs as uid $uid, not the non-root 1654"
say "/readyz Healthy, running as uid $uid"
create_feed
key=$(feed_state)
say "feed $feed created; skeleton answers (limit=0 refused); its account has a key"

dc restart >/dev/null 2>&1 || fail "compose restart failed"
again=$(healthy)
[ "$again" = "$first" ] || fail "restart replaced the container"
after=$(feed_state)
[ "$after" = "$key" ] || fail "after a restart the feed's key changed"
say "restarted: feed, skeleton and key kept"

dc down >/dev/null 2>&1 || fail "compose down failed"
dc up -d --no-build >/dev/null 2>&1 || fail "compose up after down failed"
second=$(healthy)
[ "$second" != "$first" ] || fail "down and up kept the old container"
after=$(feed_state)
[ "$after" = "$key" ] || fail "in a new container the feed's key changed: the volume did not keep the data"
call 404 GET /api/admin/feeds/stranger >/dev/null
say "recreated (container ${second:0:12}): the volume kept feed, skeleton and key"

# The backup and restore of docs/deployment.md, as written there: tar streamed through the image
# with the service stopped, the volume removed, restored into a new one.
volume="${project}_middleware-data"
dc stop >/dev/null 2>&1 || fail "compose stop failed"
docker run --rm --entrypoint tar -v "$volume:/app/data:ro" "$image" -C /app/data -cf - . >"$context/backup.tar" \
  || fail "the backup (tar of $volume) failed"
# Listed first, not piped: with pipefail, grep -q stopping early would fail the pipeline.
listing=$(tar -tf "$context/backup.tar") || fail "the backup is not a readable tar"
for file in ./middleware.db ./keys/; do
  grep -qx "$file" <<<"$listing" || fail "the backup lacks $file"
done
dc down --volumes >/dev/null 2>&1 || fail "compose down --volumes failed"
! docker volume inspect "$volume" >/dev/null 2>&1 || fail "down --volumes left $volume"
dc up --no-start >/dev/null 2>&1 || fail "compose up --no-start failed"
docker run --rm -i --entrypoint tar -v "$volume:/app/data" "$image" -C /app/data -xf - <"$context/backup.tar" \
  || fail "restoring the backup into a new $volume failed"
dc up -d --no-build >/dev/null 2>&1 || fail "compose up after the restore failed"
healthy >/dev/null
after=$(feed_state)
[ "$after" = "$key" ] || fail "after restoring the backup the feed's key changed"
say "backed up ($(du -k "$context/backup.tar" | cut -f1) kB), volume removed, restored: feed, skeleton and key are back"
dc down --volumes >/dev/null 2>&1 || fail "compose down --volumes failed"
say "default phase passed in ${SECONDS}s"

source "$here/check-postgres.sh"
say "passed in ${SECONDS}s"
