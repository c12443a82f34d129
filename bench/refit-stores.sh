#!/usr/bin/env bash
# The bridging refit on SQLite and PostgreSQL side by side (issue 13): one synthetic audience of USERS
# users (50,000 ≈ 1,000,000 interactions) imported into a fresh SQLite file through the product's
# ImportStore and copied row for row (binary COPY) into a throw-away durable PostgreSQL
# (bench/lib/postgres.sh), then refitted REPEATS times
# per store, alternating, each refit reading through the product's RatingSource
# (bench/Middleware.Ranking.Benchmarks/RefitStoresHarness.cs).
# Usage: bench/refit-stores.sh [users=50000] [repeats=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/postgres.sh
USERS=${1:-50000}; REPEATS=${2:-3}
WORK=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
trap 'stop_postgres; rm -rf "$WORK"' EXIT

dotnet build -c Release bench/Middleware.Ranking.Benchmarks -nologo -v q | grep -E " error |rror\(s\)|Elapsed" || true
start_postgres "$WORK/pg"
dotnet bench/Middleware.Ranking.Benchmarks/bin/Release/net10.0/Middleware.Ranking.Benchmarks.dll \
  refit-stores "$WORK/refit.db" "$PG_CONN" "$USERS" "$REPEATS"
echo
echo "database sizes: SQLite $(du -sh "$WORK/refit.db" | cut -f1), PostgreSQL $(pg_sql "SELECT pg_size_pretty(pg_database_size('middleware'))")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
