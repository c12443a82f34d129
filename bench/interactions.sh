#!/usr/bin/env bash
# Feed interactions benchmark (issue 9): starts the service (Release, fresh SQLite file) on loopback,
# imports POSTS public posts, adds a public feed, then runs bench/interactions/load.mjs: CLIENTS people
# (each logged in through the client API against a stand-in home instance, and opted in) send batches
# of BATCH interactions to POST /api/v1/feeds/bench/interactions for SECONDS, closed loop.
# Usage: bench/interactions.sh [posts=20000] [seconds=20] [clients=8] [batch=100]
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-20000}; SECONDS_RUN=${2:-20}; CLIENTS=${3:-8}; BATCH=${4:-100}
PORT=${PORT:-5392}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

dotnet build -c Release src/Middleware.Server -nologo -v q | grep -E "error|Warn|Elapsed" || true

# The same posts as bench/open-feeds.sh, without favourites (load.mjs computes the same URIs).
python3 - "$POSTS" > "$DATA/posts.ndjson" <<'PY'
import json, sys, random, datetime
random.seed(4)
now = datetime.datetime.now(datetime.timezone.utc)
for i in range(int(sys.argv[1])):
    author = f"https://host{i % 50}.example/users/u{i % 2000}"
    published = now - datetime.timedelta(seconds=random.uniform(60, 48 * 3600))
    print(json.dumps({"type": "post", "uri": f"{author}/statuses/{i}", "author": author,
                      "text": f"Post number {i}", "published": published.isoformat()}))
PY

Middleware__PublicUrl=http://127.0.0.1:$PORT Middleware__AdminToken=$TOKEN Middleware__AllowPrivateNetworks=true Middleware__RateLimits__Enabled=false \
ClientApi__UpstreamScheme=http Middleware__DataDirectory=$DATA Logging__LogLevel__Default=Warning \
  dotnet src/Middleware.Server/bin/Release/net10.0/Middleware.Server.dll --urls http://127.0.0.1:$PORT &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/actor -o /dev/null && break; sleep 0.2; done

echo "import: $(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$DATA/posts.ndjson" http://127.0.0.1:$PORT/api/admin/import)"
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -o /dev/null \
  -d '{"name":"bench","displayName":"Bench","ranker":"chronological"}' http://127.0.0.1:$PORT/api/admin/feeds

node bench/interactions/load.mjs "http://127.0.0.1:$PORT" bench "$POSTS" "$SECONDS_RUN" "$CLIENTS" "$BATCH"
echo "rows in person_signals: $(sqlite3 -cmd ".timeout 10000" "$DATA/middleware.db" 'SELECT COUNT(*) FROM person_signals')"
