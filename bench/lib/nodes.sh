# Shared by the benchmark scripts (sourced, not run): service nodes started from the Release build
# on loopback, several at once if asked, on SQLite or on PostgreSQL, and the CPU they spend.
# Expects TOKEN. Stop them all with stop_nodes (call it from the script's EXIT trap).
NODE_PIDS=()

# start_node PORT DATA [NAME=VALUE…]: starts one node on PORT with data folder DATA and those extra
# settings (e.g. Middleware__Database=postgres ConnectionStrings__Default=… Middleware__NodeId=b) and
# waits until it answers. Rate limits are off: every simulated peer sends from 127.0.0.1.
# NODE_CPUS (e.g. 0) pins the node to those CPUs (taskset).
start_node() {
  local port=$1 data=$2; shift 2
  env Middleware__PublicUrl="http://127.0.0.1:$port" Middleware__AdminToken="$TOKEN" Middleware__RateLimits__Enabled=false \
      Middleware__AllowPrivateNetworks=true Middleware__DataDirectory="$data" Logging__LogLevel__Default=Warning "$@" \
      ${NODE_CPUS:+taskset -c "$NODE_CPUS"} dotnet src/Middleware.Server/bin/Release/net10.0/Middleware.Server.dll --urls "http://127.0.0.1:$port" &
  NODE_PIDS+=($!)
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/actor" -o /dev/null && return 0; sleep 0.2; done
  echo "node on port $port did not answer" >&2; return 1
}

stop_nodes() {
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  NODE_PIDS=()
}

# nodes_cpu_ticks: user+system clock ticks the running nodes have spent so far.
nodes_cpu_ticks() {
  local total=0
  for pid in "${NODE_PIDS[@]}"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}

# wait_processed PORT: waits until the node's queues (/api/admin/stats/queues) show no inbox entry pending.
wait_processed() {
  for _ in $(seq 1 600); do
    [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/admin/stats/queues" | grep -o '"inboxPending":[0-9]*' | cut -d: -f2)" = 0 ] && return 0
    sleep 0.5
  done
  echo "inbox on port $1 still pending after 300 s" >&2; return 1
}

# inbox_done PORT: how many inbox entries the database holds as done (all nodes share the count).
inbox_done() {
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/api/admin/stats" | grep -o '"inboxDone":[0-9]*' | cut -d: -f2
}

# median: the median of the numbers on stdin (one per line).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
