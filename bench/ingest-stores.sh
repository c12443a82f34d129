#!/usr/bin/env bash
# Ingest on SQLite and on PostgreSQL side by side (issue 13): the same bench/Middleware.LoadTest run
# (warm-up, 202 latency at RATE for SECONDS, the unsigned floor, TOTAL sustained) against a fresh
# service on each store, REPEATS times, alternating which store goes first, then the medians.
# PostgreSQL is a throw-away durable server in a temporary folder (bench/lib/postgres.sh); its CPU
# (postmaster and every backend) is counted with the service's, per activity.
# Usage: bench/ingest-stores.sh [repeats=3] [total=20000] [rate=500] [seconds=20]
# Each fresh service first gets a shorter uncounted run (WARM=0 skips it).
# PIN=1 emulates a database server on a machine of its own: the service alone on CPU 0, PostgreSQL
# and the load generator on CPU 1 (SQLite's generator likewise on CPU 1).
# PG_CONN_EXTRA adds Npgsql settings (e.g. 'Max Auto Prepare=20'); RESULTS keeps the raw outputs;
# STORES='postgres' runs one store only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/nodes.sh
source bench/lib/postgres.sh
REPEATS=${1:-3}; TOTAL=${2:-20000}; RATE=${3:-500}; SECONDS_AT_RATE=${4:-20}
PORT=${PORT:-5394}
TOKEN=bench-token
WORK=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
RESULTS=${RESULTS:-$WORK/results}
mkdir -p "$RESULTS"
trap 'stop_nodes; stop_postgres; rm -rf "$WORK/data"' EXIT

for project in src/Middleware.Server bench/Middleware.LoadTest; do
  dotnet build -c Release "$project" -nologo -v q | grep -E " error |rror\(s\)|Elapsed" || true
done

TICKS=$(getconf CLK_TCK)
GENERATOR=(dotnet)
if [ "${PIN:-0}" = 1 ]; then export NODE_CPUS=0 PG_CPUS=1; GENERATOR=(taskset -c 1 dotnet); fi
ACTIVITIES=$((3000 + TOTAL + RATE * SECONDS_AT_RATE))

# run_once STORE N: one fresh service on STORE, the load, and one summary line in $RESULTS/summary.
run_once() {
  local store=$1 n=$2 out="$RESULTS/$1-$2.md" settings=() pg_before=0 pg_after=0
  rm -rf "$WORK/data"; mkdir -p "$WORK/data"
  if [ "$store" = postgres ]; then
    start_postgres "$WORK/data/pg"
    settings=(Middleware__Database=postgres "ConnectionStrings__Default=$PG_CONN")
  fi
  start_node "$PORT" "$WORK/data" "${settings[@]}"
  # A shorter run of every phase first, not counted: a service that has run for a minute has compiled
  # its paths (the JIT took a fifth of the service's CPU in the counted window without it).
  [ "${WARM:-1}" = 1 ] && "${GENERATOR[@]}" bench/Middleware.LoadTest/bin/Release/net10.0/Middleware.LoadTest.dll \
    "http://127.0.0.1:$PORT" "$TOKEN" 5000 "$RATE" 5 > "$RESULTS/$1-$2.warm.md"
  [ "$store" = postgres ] && pg_sql "SELECT pg_stat_statements_reset()" > /dev/null
  local before; before=$(nodes_cpu_ticks)
  [ "$store" = postgres ] && pg_before=$(pg_cpu_ticks)
  "${GENERATOR[@]}" bench/Middleware.LoadTest/bin/Release/net10.0/Middleware.LoadTest.dll "http://127.0.0.1:$PORT" "$TOKEN" \
    "$TOTAL" "$RATE" "$SECONDS_AT_RATE" > "$out"
  local after; after=$(nodes_cpu_ticks)
  [ "$store" = postgres ] && pg_after=$(pg_cpu_ticks)
  if [ "$store" = postgres ]; then
    pg_sql "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(total_exec_time::numeric) AS total_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" > "$RESULTS/$store-$n.statements"
  fi
  stop_nodes; stop_postgres
  local p50 p99 e2e
  read -r p50 p99 < <(grep -m1 'p50 / p90 / p99' "$out" | sed 's/\*//g' | awk -F'|' '{split($3, v, "/"); print v[1] + 0, v[3] + 0}')
  e2e=$(grep -o '[0-9]* activities/s end to end' "$out" | awk '{print $1}')
  awk -v s="$store" -v n="$n" -v p50="$p50" -v p99="$p99" -v e2e="$e2e" -v svc=$((after - before)) -v pg=$((pg_after - pg_before)) -v t="$TICKS" -v a="$ACTIVITIES" \
    'BEGIN { printf "%s %d %.2f %.2f %d %.0f %.0f %.0f\n", s, n, p50, p99, e2e, svc / t / a * 1e6, pg / t / a * 1e6, (svc + pg) / t / a * 1e6 }' \
    | tee -a "$RESULTS/summary"
}

: > "$RESULTS/summary"
echo "store run p50_ms p99_ms end_to_end_per_s service_cpu_us postgres_cpu_us total_cpu_us (per activity)"
for n in $(seq 1 "$REPEATS"); do
  order=${STORES:-sqlite postgres}
  [ $((n % 2)) = 0 ] && order=$(echo "$order" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }')
  for store in $order; do run_once "$store" "$n"; done
done

echo
echo "Medians of $REPEATS runs each (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); raw outputs in $RESULTS"
echo
echo "| store | 202 p50 at $RATE/s | 202 p99 at $RATE/s | sustained end to end | CPU per activity: service | PostgreSQL | together |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for store in ${STORES:-sqlite postgres}; do
  col() { awk -v s="$store" -v c="$1" '$1 == s { print $c }' "$RESULTS/summary" | median; }
  echo "| $store | $(col 3) ms | **$(col 4) ms** | $(col 5) /s | $(col 6) µs | $(col 7) µs | $(col 8) µs |"
done
