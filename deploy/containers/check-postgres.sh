# The second phase of check.sh, sourced by it after the default phase (it uses check.sh's say, fail,
# call, create_feed, feed_state, healthy, dc, $base, $url and $context): the `postgres` profile of
# docker-compose.yml. PostgreSQL and the proxy are built on the same base image; two nodes of the
# service on one database behind the proxy; both answer, the proxy keeps serving while one is stopped,
# the data survives the whole profile going down and up, and a pg_dump restored into a new volume
# brings it back. Ends with `down --volumes`, leaving no volume of its own.
phase_start=$SECONDS
project=middleware-container-check-pg
profiles=(--profile postgres)
export MIDDLEWARE_POSTGRES_IMAGE=middleware-postgres:container-check MIDDLEWARE_PROXY_IMAGE=middleware-proxy:container-check
MIDDLEWARE_DB_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
export MIDDLEWARE_DB_PASSWORD

for part in postgres proxy; do
  say "docker build deploy/$part on $base"
  docker build --force-rm -f "$repo/deploy/$part/Dockerfile" -t "middleware-$part:container-check" --build-arg "BASE_IMAGE=$base" \
    "$repo/deploy/$part" >"$context/build-$part.log" 2>&1 \
    || { tail -30 "$context/build-$part.log" >&2; fail "docker build of deploy/$part failed"; }
done

# A database without a password would take anyone on its network.
refused=$(docker run --rm middleware-postgres:container-check 2>&1) && fail "PostgreSQL started without a password"
grep -q POSTGRES_PASSWORD <<<"$refused" || fail "PostgreSQL without a password failed without saying why: $refused"

# Naming the proxy starts what it depends on (PostgreSQL, both nodes) and not the SQLite service.
up_profile() {
  dc up -d --no-build proxy >"$context/up.log" 2>&1 || { cat "$context/up.log" >&2; fail "compose --profile postgres up proxy failed"; }
  for service in postgres middleware-a middleware-b proxy; do healthy "$service" >/dev/null; done
}
# Which node answered a GET through the proxy (its X-Served-By); fails unless the answer is 200. The
# body is left in $context/body. More arguments go to curl (the proxy keeps a client, by its
# X-Forwarded-For, on one node).
served_by() {
  local path=$1 headers code
  shift
  headers=$(curl -sS -D - -o "$context/body" "$@" "$url$path") || fail "GET $path: no answer through the proxy"
  code=$(awk 'NR == 1 { print $2 }' <<<"$headers")
  [ "$code" = 200 ] || fail "GET $1 through the proxy answered $code"
  awk -F': ' 'tolower($1) == "x-served-by" { print $2 }' <<<"$headers" | tr -d '\r'
}
skeleton="/api/v1/feeds/$feed/skeleton?limit=5"

say "docker-compose --profile postgres up proxy on 127.0.0.1:$port"
up_profile
[ -z "$(dc ps -q middleware)" ] || fail "the SQLite service started with the postgres profile"
published=$(docker port "$(dc ps -q proxy)" 8080)
[ "$published" = "127.0.0.1:$port" ] || fail "the proxy is published on '$published', not on loopback only"
call 200 GET /readyz | jq -e '.status == "Healthy"' >/dev/null || fail "/readyz through the proxy is not Healthy"
say "PostgreSQL refuses to start without a password; with one, it, middleware-a, middleware-b and the proxy (on loopback only) are healthy; /readyz Healthy through the proxy"

create_feed
key=$(feed_state)
# Clients (told apart by X-Forwarded-For) are spread over both nodes, each kept on one; every node
# serves the feed and the same key, whichever node created them.
seen=" "
for client in 1 2 3 4 5 6 7 8; do
  as_client=(-H "X-Forwarded-For: 198.51.100.$client" -H 'Accept: application/activity+json')
  node=$(served_by "/users/$feed" "${as_client[@]}")
  [ "$(jq -r .publicKey.publicKeyPem "$context/body")" = "$key" ] || fail "$node serves another key for $feed"
  again=$(served_by "$skeleton" "${as_client[@]}")
  [ "$again" = "$node" ] || fail "client 198.51.100.$client went from $node to $again"
  seen+="$node "
done
[[ $seen == *" middleware-a "* && $seen == *" middleware-b "* ]] || fail "the proxy did not use both nodes:$seen"
say "feed $feed created; both nodes serve it with the same key, each client kept on one (nodes:$seen)"

# The proxy is the one the nodes believe about the client: X-Forwarded-Proto https makes the
# antiforgery cookie Secure (SameAsRequest), and plain http leaves it without.
cookie() { curl -sS -D - -o /dev/null "$@" "$url/login" | grep -i '^set-cookie: mw_csrf' || true; }
secure=$(cookie -H 'X-Forwarded-Proto: https')
plain=$(cookie)
grep -qi '; secure' <<<"$secure" || fail "with X-Forwarded-Proto: https through the proxy the cookie is not Secure: $secure"
[ -n "$plain" ] && ! grep -qi '; secure' <<<"$plain" || fail "over plain http the cookie is missing or Secure: $plain"
say "forwarded headers: the nodes believe the proxy (Secure cookie only when it says https)"

dc stop middleware-b >/dev/null 2>&1 || fail "compose stop middleware-b failed"
stopped_at=$SECONDS
for client in 1 2 3 4 5 6 7 8; do
  node=$(served_by "$skeleton" -H "X-Forwarded-For: 198.51.100.$client")
  [ "$node" = middleware-a ] || fail "with middleware-b stopped, '$node' answered"
done
say "middleware-b stopped: 8 of 8 clients answered by middleware-a ($((SECONDS - stopped_at))s)"
dc start middleware-b >/dev/null 2>&1 || fail "compose start middleware-b failed"
healthy middleware-b >/dev/null
waited=0
until [ "$(served_by "$skeleton" -H "X-Forwarded-For: 198.51.100.$((waited % 8 + 1))")" = middleware-b ]; do
  [ "$waited" -lt 30 ] || fail "middleware-b is healthy but the proxy has not sent it a request in 30 s"
  sleep 1; waited=$((waited + 1))
done
say "middleware-b started again: back in the rotation after ${waited}s"

dc down >/dev/null 2>&1 || fail "compose --profile postgres down failed"
up_profile
after=$(feed_state)
[ "$after" = "$key" ] || fail "after down and up the feed's key changed: the PostgreSQL volume did not keep the data"
say "whole profile down and up: the PostgreSQL volume kept feed, skeleton and key"

# The backup and restore of docs/deployment.md: pg_dump while the nodes run, everything removed with
# its volumes, a new PostgreSQL restored before any node starts (a node would create empty tables).
docker exec "$(dc ps -q postgres)" pg_dump -U middleware --format=custom middleware >"$context/middleware.dump" \
  || fail "pg_dump failed"
dc down --volumes >/dev/null 2>&1 || fail "compose --profile postgres down --volumes failed"
! docker volume inspect "${project}_postgres-data" >/dev/null 2>&1 || fail "down --volumes left ${project}_postgres-data"
dc up -d --no-build postgres >/dev/null 2>&1 || fail "compose up postgres failed"
healthy postgres >/dev/null
docker exec -i "$(dc ps -q postgres)" pg_restore -U middleware -d middleware --no-owner --exit-on-error <"$context/middleware.dump" \
  || fail "pg_restore into a new volume failed"
up_profile
after=$(feed_state)
[ "$after" = "$key" ] || fail "after restoring the pg_dump the feed's key changed"
say "pg_dump ($(du -k "$context/middleware.dump" | cut -f1) kB), volumes removed, pg_restore: feed, skeleton and key are back"

dc down --volumes --remove-orphans >/dev/null 2>&1 || fail "compose --profile postgres down --volumes failed"
left=$(docker volume ls -q --filter "label=com.docker.compose.project=$project")
[ -z "$left" ] || fail "down --volumes left volumes: $left"
say "postgres phase passed in $((SECONDS - phase_start))s"
