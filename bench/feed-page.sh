#!/usr/bin/env bash
# Feed page benchmark (issue 12): starts the service (Release, fresh SQLite file) on loopback, imports
# POSTS public posts (default 100,000) with some favourites, marks their authors as consenting to
# discovery, adds a public feed 'bench' ranked by RANKER (default chronological), then measures
# GET /feeds/bench (the server-rendered page) at CONNECTIONS concurrent connections for SECONDS,
# after a 5-second warm-up. Client and service share the machine's cores.
# Usage: bench/feed-page.sh [posts=100000] [seconds=20] [connections=32] [ranker=chronological]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/service.sh
POSTS=${1:-100000}; SECONDS_EACH=${2:-20}; CONNECTIONS=${3:-32}; RANKER=${4:-chronological}
PORT=${PORT:-5393}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

for project in src/Middleware.Server bench/Middleware.FeedLoad; do
  dotnet build -c Release "$project" -nologo -v q | grep -E "error|Warn|Elapsed" || true
done

python3 bench/lib/bench_posts.py "$POSTS" > "$DATA/posts.ndjson"

start_service
import_posts "$DATA/posts.ndjson"
add_bench_feed "$RANKER"
echo "stored posts: $(sqlite3 "$DATA/middleware.db" 'SELECT COUNT(*) FROM posts')"

dotnet bench/Middleware.FeedLoad/bin/Release/net10.0/Middleware.FeedLoad.dll --page \
  "http://127.0.0.1:$PORT/feeds/bench" "$SECONDS_EACH" "$CONNECTIONS"
