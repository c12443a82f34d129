#!/usr/bin/env bash
# Open feed benchmark (issue 4): starts the service (Release, fresh SQLite file) on loopback, imports
# POSTS public posts (default 100,000) with some favourites, marks their authors as consenting to
# discovery, adds a public feed ranked by 'engagement', then measures GET /api/v1/feeds/bench/skeleton
# against a bare minimal-API JSON endpoint of the same page (bench/Middleware.FeedLoad), each at
# CONNECTIONS concurrent connections for SECONDS.
# Usage: bench/open-feeds.sh [posts=100000] [seconds=20] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/service.sh
POSTS=${1:-100000}; SECONDS_EACH=${2:-20}; CONNECTIONS=${3:-64}
PORT=${PORT:-5391}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

for project in src/Middleware.Server bench/Middleware.FeedLoad; do
  dotnet build -c Release "$project" -nologo -v q | grep -E "error|Warn|Elapsed" || true
done

python3 bench/lib/bench_posts.py "$POSTS" > "$DATA/posts.ndjson"

start_service
import_posts "$DATA/posts.ndjson"
add_bench_feed engagement
echo "stored posts: $(sqlite3 "$DATA/middleware.db" 'SELECT COUNT(*) FROM posts')"

dotnet bench/Middleware.FeedLoad/bin/Release/net10.0/Middleware.FeedLoad.dll \
  "http://127.0.0.1:$PORT/api/v1/feeds/bench/skeleton" "$SECONDS_EACH" "$CONNECTIONS"
