#!/usr/bin/env bash
# Times the bridging refit's read of every signal (RatingSource.Select) on a store shaped like a busy
# instance's (bench/rating-read/make_store.py). Needs python3 and sqlite3 (Debian: sqlite3).
# Usage: bench/rating-read.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
db=$(mktemp -d)/rating-read.db
python3 bench/rating-read/make_store.py "$db"
sql=$(python3 -c 'import re,sys; print(re.search(r"internal const string Select = \"\"\"(.*?)\"\"\";", open(sys.argv[1]).read(), re.S).group(1).replace("@Since", "0"))' src/Middleware.Data/Ranking/RatingSource.cs)
for _ in $(seq "${1:-3}"); do
  printf '.timer on\nSELECT COUNT(*) FROM (%s);\n' "$sql" | sqlite3 "$db"
done
rm -rf "$(dirname "$db")"
