#!/usr/bin/env bash
# End-to-end ingest benchmark: starts the service (Release, fresh SQLite file) on loopback, then
# sends it signed Creates from 200 peer accounts (bench/Middleware.LoadTest) and reports sustained
# ingest and 202 latency at a fixed rate, plus the service's peak memory.
# Usage: bench/ingest.sh [total=20000] [rate=500] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-20000}; RATE=${2:-500}; SECONDS_AT_RATE=${3:-20}
PORT=${PORT:-5390}
DATA=$(mktemp -d -p "${BENCH_DATA_PARENT:-${TMPDIR:-/tmp}}")
TOKEN=bench-token

for project in src/Middleware.Server bench/Middleware.LoadTest; do
  dotnet build -c Release "$project" -nologo -v q | grep -E "error|Warn|Elapsed" || true
done

# Rate limits off: all 200 peer accounts share one loopback host and address.
Middleware__PublicUrl=http://127.0.0.1:$PORT Middleware__AdminToken=$TOKEN Middleware__AllowPrivateNetworks=true Middleware__RateLimits__Enabled=false \
Middleware__DataDirectory=$DATA Logging__LogLevel__Default=Warning \
  dotnet src/Middleware.Server/bin/Release/net10.0/Middleware.Server.dll --urls http://127.0.0.1:$PORT &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/actor -o /dev/null && break; sleep 0.2; done

dotnet bench/Middleware.LoadTest/bin/Release/net10.0/Middleware.LoadTest.dll http://127.0.0.1:$PORT $TOKEN "$TOTAL" "$RATE" "$SECONDS_AT_RATE"
echo
echo "| service memory | value |"
echo "|---|---|"
grep -E 'VmHWM|VmRSS' /proc/$SERVER/status | awk '{printf "| %s | %.0f MiB |\n", $1, $2/1024}'
echo "| database size | $(du -sh "$DATA" | cut -f1) |"
# CPU the service spent (user+system), per activity over all three phases: independent of what
# else the machine was doing, unlike the rates above.
TICKS=$(getconf CLK_TCK)
read -r UTIME STIME < <(awk '{print $14, $15}' /proc/$SERVER/stat)
ACTIVITIES=$((3000 + TOTAL + RATE * SECONDS_AT_RATE))
awk -v u="$UTIME" -v s="$STIME" -v t="$TICKS" -v n="$ACTIVITIES" \
  'BEGIN { cpu = (u + s) / t; printf "| service CPU | %.1f s for %d activities: %.0f µs each |\n", cpu, n, cpu / n * 1e6 }'
