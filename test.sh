#!/usr/bin/env bash
# Runs every test: unit, HTTP and interop (a Fedify peer from npm). Installs the peer's npm packages first.
set -euo pipefail
cd "$(dirname "$0")"
bash tests/interop/install.sh
dotnet test Middleware.sln "$@"
