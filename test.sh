#!/usr/bin/env bash
# Runs every test: unit, HTTP and interop (a Fedify peer from npm). Installs the peer's npm packages first.
set -euo pipefail
cd "$(dirname "$0")"
bash tests/interop/install.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Middleware.sln "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test projects, e.g. "412 passed, 0 failed".
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log" | tr -d ','  | sed 's/passed /passed, /'
exit "$status"
