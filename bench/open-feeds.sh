#!/usr/bin/env bash
# Open feed benchmark (issue 4): starts the service (Release, fresh SQLite file) on loopback, imports
# POSTS public posts (default 100,000) with some favourites, marks their authors as consenting to
# discovery, adds a public feed ranked by 'engagement', then measures GET /api/v1/feeds/bench/skeleton
# against a bare minimal-API JSON endpoint of the same page (bench/Middleware.FeedLoad), each at
# CONNECTIONS concurrent connections for SECONDS.
# Usage: bench/open-feeds.sh [posts=100000] [seconds=20] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-100000}; SECONDS_EACH=${2:-20}; CONNECTIONS=${3:-64}
PORT=${PORT:-5391}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

for project in src/Middleware.Server bench/Middleware.FeedLoad; do
  dotnet build -c Release "$project" -nologo -v q | grep -E "error|Warn|Elapsed" || true
done

# Posts spread over the last 48 hours (inside the 72-hour candidate window), 2,000 authors.
python3 - "$POSTS" > "$DATA/posts.ndjson" <<'PY'
import json, sys, random, datetime
random.seed(4)
now = datetime.datetime.now(datetime.timezone.utc)
n = int(sys.argv[1])
for i in range(n):
    author = f"https://host{i % 50}.example/users/u{i % 2000}"
    published = now - datetime.timedelta(seconds=random.uniform(60, 48 * 3600))
    print(json.dumps({"type": "post", "uri": f"{author}/statuses/{i}", "url": f"{author}/statuses/{i}",
                      "author": author, "text": f"Post number {i}: " + "words " * random.randint(5, 40),
                      "published": published.isoformat()}))
    for k in range(random.choice([0, 0, 0, 1, 2, 5])):
        print(json.dumps({"type": "interaction", "kind": "favourite", "actor": f"https://fans.example/users/f{random.randrange(5000)}",
                          "post": f"{author}/statuses/{i}", "at": published.isoformat()}))
PY

Middleware__PublicUrl=http://127.0.0.1:$PORT Middleware__AdminToken=$TOKEN \
Middleware__DataDirectory=$DATA Logging__LogLevel__Default=Warning \
  dotnet src/Middleware.Server/bin/Release/net10.0/Middleware.Server.dll --urls http://127.0.0.1:$PORT &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/actor -o /dev/null && break; sleep 0.2; done

echo "import: $(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$DATA/posts.ndjson" http://127.0.0.1:$PORT/api/admin/import)"
# Consent and the feed go straight into SQLite: imports carry no account flags.
NOW_MS=$(($(date +%s) * 1000))
sqlite3 -cmd ".timeout 10000" "$DATA/middleware.db" <<SQL
INSERT OR REPLACE INTO author_consent (actor_uri, discoverable, indexable, updated_at)
  SELECT DISTINCT author_uri, 1, 1, $NOW_MS FROM posts;
INSERT INTO feeds (name, display_name, description, source_ids, filters, ranker, parameters,
                   boost_interval_seconds, max_boosts_per_hour, is_public, version, created_at, updated_at)
  VALUES ('bench', 'Bench', 'Benchmark feed', NULL, NULL, 'engagement', '{}', 300, 12, 1, 1, $NOW_MS, $NOW_MS);
SQL
echo "stored posts: $(sqlite3 "$DATA/middleware.db" 'SELECT COUNT(*) FROM posts')"

dotnet bench/Middleware.FeedLoad/bin/Release/net10.0/Middleware.FeedLoad.dll \
  "http://127.0.0.1:$PORT/api/v1/feeds/bench/skeleton" "$SECONDS_EACH" "$CONNECTIONS"
