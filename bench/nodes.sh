#!/usr/bin/env bash
# What coordination between nodes costs (issue 13): the same load on one node and on two nodes sharing
# one PostgreSQL database, measured as CPU time per request (user + system of every node process and
# of PostgreSQL's postmaster and backends), not throughput: the two cores are shared by everything.
# Node A and node B (another port, another data folder, Middleware__NodeId=b) are started fresh for
# each layout; the database and its POSTS imported posts and public feed 'bench' stay.
# The load is offered at a fixed rate (open loop), the same in every layout, below saturation: when
# the cores are saturated, what a request costs depends on how the processes contend for them
# (thread-pool spinning, switching, the audit's queue filling and dropping), not only on its work.
#   reads:  GET /api/v1/feeds/bench/skeleton at READ_RATE/s in all (default 1200) from two clients,
#           both on A (one node) or one on A and one on B (two nodes): READ_WARMUP s (30) not counted,
#           so that the start's one-off work (JIT, the first ranking, the leader's refit at 20 s) is
#           done, then SECONDS counted.
#   ingest: two bench/Middleware.LoadTest generators (a warm-up of one activity per peer account,
#           then INGEST_RATE/s each for INGEST_SECONDS, --paced-only), both on A or one on each node;
#           counted until every activity is processed, per inbox entry done (the admin stats' count).
#           Before it, the same generators for INGEST_WARMUP s (20) are not counted: like the reads'
#           warm-up, it leaves the one-off work (JIT and tiering of the ingest path) out of the count,
#           which each node would otherwise add once (set 12, docs/performance.md).
#           The generators poll the queues (/api/admin/stats/queues) every LOADTEST_POLL_MS (default 100).
# SATURATE=1 runs the earlier closed loops instead (reads: CONNECTIONS/2 per client as fast as
# answered after a 5-s warm-up; ingest: a 3,000-activity warm-up, INGEST_RATE/s for 10 s, the unsigned
# floor, then INGEST_TOTAL as fast as taken).
# LAYOUTS (default "one half two apart") picks the layouts, WORKLOADS (default "reads ingest") the
# workloads. Besides 'one' (node A takes both clients) and 'two' (one client each on A and B):
#   half:  node A alone with one client, so at the rate each node has in 'two';
#   apart: node B on a copy of the database, shared with nobody (it leads there too, so the singleton
#          work and the ranked windows that 'two' shares are done twice).
# Below saturation a node's CPU per request rises as its rate falls, so two nodes that split the load
# cost more per request than one whatever they coordinate. two / half and two / apart compare at the
# same rate per node: that is what coordination adds, and how the issue's target is checked (ADR 0050).
# Usage: bench/nodes.sh [repeats=3] [posts=20000] [seconds=20] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/nodes.sh
source bench/lib/postgres.sh
REPEATS=${1:-3}; POSTS=${2:-20000}; SECONDS_EACH=${3:-20}; CONNECTIONS=${4:-16}
INGEST_TOTAL=${INGEST_TOTAL:-3000}; INGEST_RATE=${INGEST_RATE:-150}; INGEST_SECONDS=${INGEST_SECONDS:-20}
READ_RATE=${READ_RATE:-1200}; READ_WARMUP=${READ_WARMUP:-30}; INGEST_WARMUP=${INGEST_WARMUP:-20}
LAYOUTS=${LAYOUTS:-one half two apart}; WORKLOADS=${WORKLOADS:-reads ingest}
PORT_A=${PORT:-5396}; PORT_B=$((PORT_A + 1))
TOKEN=bench-token
WORK=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
RESULTS=${RESULTS:-$WORK/results}
mkdir -p "$RESULTS" "$WORK/a" "$WORK/b"
trap 'stop_nodes; stop_postgres; rm -rf "$WORK/a" "$WORK/b"' EXIT

for project in src/Middleware.Server bench/Middleware.FeedLoad bench/Middleware.LoadTest; do
  dotnet build -c Release "$project" -nologo -v q | grep -E " error |rror\(s\)|Elapsed" || true
done
TICKS=$(getconf CLK_TCK)
FEEDLOAD=bench/Middleware.FeedLoad/bin/Release/net10.0/Middleware.FeedLoad.dll
LOADTEST=bench/Middleware.LoadTest/bin/Release/net10.0/Middleware.LoadTest.dll

start_postgres "$WORK/pg"
PG=(Middleware__Database=postgres "ConnectionStrings__Default=$PG_CONN")
python3 bench/lib/bench_posts.py "$POSTS" > "$WORK/posts.ndjson"
start_node "$PORT_A" "$WORK/a" "${PG[@]}" Middleware__NodeId=a
echo "import: $(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$WORK/posts.ndjson" "http://127.0.0.1:$PORT_A/api/admin/import")"
NOW_MS=$(($(date +%s) * 1000))
pg_sql "INSERT INTO author_consent (actor_uri, discoverable, indexable, updated_at)
          SELECT DISTINCT author_uri, 1, 1, $NOW_MS FROM posts ON CONFLICT (actor_uri) DO NOTHING;
        INSERT INTO feeds (name, display_name, description, source_ids, filters, ranker, parameters,
                           boost_interval_seconds, max_boosts_per_hour, is_public, version, created_at, updated_at)
          VALUES ('bench', 'Bench', 'Benchmark feed', NULL, NULL, 'engagement', '{}', 300, 12, 1, 1, $NOW_MS, $NOW_MS)"
stop_nodes
# Every layout should meet the rows as a running service would, not fresh from a bulk import (hint
# bits, statistics). This did not remove the first runs' read outlier (docs/performance.md).
pg_sql "VACUUM ANALYZE"
# The control layout's second database: the same posts and feed, shared with nobody.
"${PG_AS[@]}" "$PG_BIN/psql" -h "$PG_FOLDER" -U middleware -d postgres -qc 'CREATE DATABASE middleware_apart TEMPLATE middleware'
PG_APART=(Middleware__Database=postgres "ConnectionStrings__Default=${PG_CONN/Database=middleware/Database=middleware_apart}")

# layout_up LAYOUT: node A, and node B too for 'two' (same database) or 'apart' (the control: a
# database of its own, so two processes on these cores with no coordination between them); sets
# TARGETS to the clients' ports (one client for 'half') and COUNTED to one port per database whose
# inbox is counted.
layout_up() {
  start_node "$PORT_A" "$WORK/a" "${PG[@]}" Middleware__NodeId=a
  case $1 in
    two) start_node "$PORT_B" "$WORK/b" "${PG[@]}" Middleware__NodeId=b; TARGETS=("$PORT_A" "$PORT_B"); COUNTED=("$PORT_A") ;;
    apart) start_node "$PORT_B" "$WORK/b" "${PG_APART[@]}" Middleware__NodeId=b; TARGETS=("$PORT_A" "$PORT_B"); COUNTED=("$PORT_A" "$PORT_B") ;;
    half) TARGETS=("$PORT_A"); COUNTED=("$PORT_A") ;;
    *) TARGETS=("$PORT_A" "$PORT_A"); COUNTED=("$PORT_A") ;;
  esac
}

# done_total: inbox entries done, summed over the layout's databases.
done_total() { local total=0 port; for port in "${COUNTED[@]}"; do total=$((total + $(inbox_done "$port"))); done; echo "$total"; }

cpu_now() { echo $(($(nodes_cpu_ticks) + $(pg_cpu_ticks))); }

# measure LAYOUT N: one line per workload in $RESULTS/summary: layout run workload requests cpu_us_per_request
measure() {
  local layout=$1 n=$2 before after count
  layout_up "$layout"
  # 'wait' for the clients only: a bare 'wait' would wait for the nodes too.
  local clients=() warmup load
  if [[ " $WORKLOADS " == *" reads "* ]]; then
  if [ -n "${SATURATE:-}" ]; then
    warmup=(--count 5 "$((CONNECTIONS / 2))"); load=(--count "$SECONDS_EACH" "$((CONNECTIONS / 2))")
  else
    warmup=(--paced "$READ_WARMUP" "$((READ_RATE / 2))"); load=(--paced "$SECONDS_EACH" "$((READ_RATE / 2))")
  fi
  for port in "${TARGETS[@]}"; do dotnet "$FEEDLOAD" "${warmup[0]}" "http://127.0.0.1:$port/api/v1/feeds/bench/skeleton" "${warmup[@]:1}" >/dev/null & clients+=($!); done
  wait "${clients[@]}" || true; clients=()
  before=$(cpu_now)
  for i in "${!TARGETS[@]}"; do
    dotnet "$FEEDLOAD" "${load[0]}" "http://127.0.0.1:${TARGETS[$i]}/api/v1/feeds/bench/skeleton" "${load[@]:1}" > "$RESULTS/$layout-$n-reads-$i" & clients+=($!)
  done; wait "${clients[@]}" || true; clients=()
  after=$(cpu_now)
  count=$(cat "$RESULTS/$layout-$n-reads-"* | awk '{ n += $2 } END { print n }')
  awk -v l="$layout" -v n="$n" -v c="$count" -v d=$((after - before)) -v t="$TICKS" \
    'BEGIN { printf "%s %d reads %d %.0f\n", l, n, c, d / t / c * 1e6 }' | tee -a "$RESULTS/summary"
  fi

  if [[ " $WORKLOADS " != *" ingest "* ]]; then stop_nodes; return; fi
  if [ -z "${SATURATE:-}" ] && [ "$INGEST_WARMUP" -gt 0 ]; then
    # Not counted: the ingest path's one-off work (JIT, tiering, the first actors' keys), which each
    # node does once, as the reads' warm-up does for reads.
    for i in "${!TARGETS[@]}"; do
      LOADTEST_WARMUP=200 dotnet "$LOADTEST" "http://127.0.0.1:${TARGETS[$i]}" "$TOKEN" 0 "$INGEST_RATE" "$INGEST_WARMUP" --paced-only \
        > /dev/null 2>&1 & clients+=($!)
    done; wait "${clients[@]}" || true; clients=()
    for port in "${TARGETS[@]}"; do wait_processed "$port"; done
  fi
  before=$(cpu_now); local done_before; done_before=$(done_total)
  for i in "${!TARGETS[@]}"; do
    if [ -n "${SATURATE:-}" ]; then
      dotnet "$LOADTEST" "http://127.0.0.1:${TARGETS[$i]}" "$TOKEN" "$INGEST_TOTAL" "$INGEST_RATE" 10 > "$RESULTS/$layout-$n-ingest-$i" 2>&1 & clients+=($!)
    else
      LOADTEST_WARMUP=200 dotnet "$LOADTEST" "http://127.0.0.1:${TARGETS[$i]}" "$TOKEN" 0 "$INGEST_RATE" "$INGEST_SECONDS" --paced-only \
        > "$RESULTS/$layout-$n-ingest-$i" 2>&1 & clients+=($!)
    fi
  done; wait "${clients[@]}" || true
  for port in "${TARGETS[@]}"; do wait_processed "$port"; done
  after=$(cpu_now)
  # What was processed, whatever each generator managed to send (each one waits for a post count
  # over the whole shared database, so neither knows what the other sent).
  count=$(($(done_total) - done_before))
  awk -v l="$layout" -v n="$n" -v c="$count" -v d=$((after - before)) -v t="$TICKS" \
    'BEGIN { printf "%s %d ingest %d %.0f\n", l, n, c, d / t / c * 1e6 }' | tee -a "$RESULTS/summary"
  stop_nodes
}

: > "$RESULTS/summary"
echo "layout run workload requests cpu_us_per_request (nodes + PostgreSQL)"
for n in $(seq 1 "$REPEATS"); do
  # Every other run in the opposite order.
  if [ $((n % 2)) = 1 ]; then order=$LAYOUTS; else order=$(echo "$LAYOUTS" | tr ' ' '\n' | tac | tr '\n' ' '); fi
  for layout in $order; do measure "$layout" "$n"; done
done

echo
echo "Medians of $REPEATS runs (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); raw outputs in $RESULTS"
echo
# One column per layout (median CPU per request), then two against each of the others.
header="| workload |"; rule="|---|"
for layout in $LAYOUTS; do header+=" $layout |"; rule+="---:|"; done
for layout in $LAYOUTS; do [ "$layout" != two ] && [[ " $LAYOUTS " == *" two "* ]] && { header+=" two / $layout |"; rule+="---:|"; }; done
echo "$header"; echo "$rule"
for w in $WORKLOADS; do
  line="| $w |"; declare -A med=()
  for layout in $LAYOUTS; do
    med[$layout]=$(awk -v l="$layout" -v w="$w" '$1 == l && $3 == w { print $5 }' "$RESULTS/summary" | median)
    line+=" ${med[$layout]} µs |"
  done
  for layout in $LAYOUTS; do
    if [ "$layout" != two ] && [[ " $LAYOUTS " == *" two "* ]]; then
      line+=$(awk -v a="${med[$layout]}" -v b="${med[two]}" 'BEGIN { printf " **%+.0f%%** |", (b / a - 1) * 100 }')
    fi
  done
  echo "$line"; unset med
done
