#!/usr/bin/env bash
# One ingest run on one store, to find where the time goes (issue 13; ADR 0041–0044): the same
# bench/Middleware.LoadTest run as bench/ingest-stores.sh (with a 5-s rate phase), after an uncounted
# warm run, with CPU per activity for the service and for PostgreSQL, and on request
#   PERF=1   a perf profile of the service (perf maps on; read it with `perf report -i OUT/service.perf`),
#   WAITS=1  PostgreSQL's active statements and wait events sampled every 20 ms (OUT/waits.txt, counted;
#            each sample is a psql connection, whose server process adds to PostgreSQL's CPU as "reaped"),
#   PG_PERF=1  a perf profile of PostgreSQL's server processes (OUT/postgres.perf, and its top functions
#            in OUT/postgres-functions.txt: where the database's own CPU goes),
#   KEEP=1   PostgreSQL left running afterwards, to EXPLAIN on what the run left behind.
# On PostgreSQL it also writes the top statements (OUT/statements.txt), the inbox's index use
# (OUT/indexes.txt) and the server's CPU by process kind (OUT/postgres-cpu.txt).
# Usage: STORE=postgres|sqlite [TOTAL=20000] [WARM=1] [OUT=dir] [PG_EXTRA_SETTINGS='-c name=value …'] bench/profile-ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/nodes.sh
source bench/lib/postgres.sh
read -ra extra <<< "${PG_EXTRA_SETTINGS:-}"
PG_SETTINGS+=("${extra[@]}")
TOKEN=bench-token
STORE=${STORE:-postgres}
TOTAL=${TOTAL:-20000}
PORT=${PORT:-5397}
WORK=$(mktemp -d -p "${TMPDIR:-/tmp}")
OUT=${OUT:-$WORK/out}
mkdir -p "$OUT" "$WORK/data"
if [ "${KEEP:-0}" = 1 ]; then trap 'stop_nodes' EXIT; else trap 'stop_nodes; stop_postgres; rm -rf "$WORK/data"' EXIT; fi
for project in src/Middleware.Server bench/Middleware.LoadTest; do
  dotnet build -c Release "$project" -nologo -v q | grep -E " error |rror\(s\)" || true
done
LOADTEST=bench/Middleware.LoadTest/bin/Release/net10.0/Middleware.LoadTest.dll

# postgres_cpu_by_kind: clock ticks per kind of server process (backends, WAL writer, …; exited ones as "reaped").
postgres_cpu_by_kind() {
  echo "postmaster $(awk '{print $14 + $15}' "/proc/$PG_PID/stat")"
  echo "reaped $(awk '{print $16 + $17}' "/proc/$PG_PID/stat")"
  for child in $(pgrep -P "$PG_PID"); do
    echo "$(tr '\0' ' ' < "/proc/$child/cmdline" | sed 's/postgres: //' | awk '{print $1 "-" $2}') $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)"
  done | awk '{ticks[$1] += $2} END {for (k in ticks) print k, ticks[k]}'
}

settings=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
if [ "$STORE" = postgres ]; then
  start_postgres "$WORK/data/pg"
  settings+=(Middleware__Database=postgres "ConnectionStrings__Default=$PG_CONN")
fi
start_node "$PORT" "$WORK/data" "${settings[@]}"
if [ "${WARM:-1}" = 1 ]; then
  dotnet "$LOADTEST" "http://127.0.0.1:$PORT" "$TOKEN" 5000 500 5 > "$OUT/warm.md"
fi
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 499 -g -p "${NODE_PIDS[0]}" -o "$OUT/service.perf" > "$OUT/perf.log" 2>&1 & perf_pid=$!
  sleep 1
fi
pg_before=0
if [ "$STORE" = postgres ]; then
  pg_sql "SELECT pg_stat_statements_reset()" > /dev/null
  pg_before=$(pg_cpu_ticks)
  postgres_cpu_by_kind | sort > "$WORK/kinds-before"
  if [ "${WAITS:-0}" = 1 ]; then
    while true; do
      pg_sql "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') || ':' || left(regexp_replace(query, '\s+', ' ', 'g'), 40)
              FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null || true
      sleep 0.02
    done > "$WORK/waits" & waits_pid=$!
  fi
fi
if [ "${PG_PERF:-0}" = 1 ] && [ "$STORE" = postgres ]; then
  perf record -F 499 -g -p "$(pgrep -P "$PG_PID" | paste -sd,)" -o "$OUT/postgres.perf" > "$OUT/postgres-perf.log" 2>&1 & pg_perf_pid=$!
  sleep 1
fi
before=$(nodes_cpu_ticks)
dotnet "$LOADTEST" "http://127.0.0.1:$PORT" "$TOKEN" "$TOTAL" 500 5 > "$OUT/load.md"
after=$(nodes_cpu_ticks)
[ -n "${waits_pid:-}" ] && kill "$waits_pid" && sort "$WORK/waits" | uniq -c | sort -nr > "$OUT/waits.txt"
[ -n "${perf_pid:-}" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
if [ -n "${pg_perf_pid:-}" ]; then
  kill -INT "$pg_perf_pid"; wait "$pg_perf_pid" || true
  perf report -i "$OUT/postgres.perf" --no-children -g none --sort dso,symbol --stdio 2>/dev/null | grep -v '^$' | head -80 > "$OUT/postgres-functions.txt" || true
fi
pg_after=$pg_before
if [ "$STORE" = postgres ]; then
  pg_after=$(pg_cpu_ticks)
  postgres_cpu_by_kind | sort | join -a1 - "$WORK/kinds-before" | awk '{print $1, $2 - ($3 == "" ? 0 : $3)}' > "$OUT/postgres-cpu.txt"
  pg_sql "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(total_exec_time::numeric) AS total_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 140)
          FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" > "$OUT/statements.txt"
  pg_sql "SELECT indexrelname, idx_scan, idx_tup_read, idx_tup_fetch FROM pg_stat_user_indexes WHERE relname = 'inbox'" > "$OUT/indexes.txt"
fi
activities=$((3000 + TOTAL + 500 * 5))
ticks=$(getconf CLK_TCK)
echo "$STORE: $(grep -o '[0-9]* activities/s end to end' "$OUT/load.md"); 202 p50/p90/p99/max $(grep -m1 'p50 / p90 / p99' "$OUT/load.md" | cut -d'|' -f3 | sed 's/\*//g');" \
  "CPU per activity: service $(( (after - before) * 1000000 / ticks / activities )) µs, PostgreSQL $(( (pg_after - pg_before) * 1000000 / ticks / activities )) µs; outputs in $OUT"
[ "${KEEP:-0}" = 1 ] && [ "$STORE" = postgres ] && echo "PostgreSQL kept running: psql -h $PG_FOLDER -U middleware middleware (stop: pg_ctl -D $PG_FOLDER/data stop)"
exit 0
