#!/usr/bin/env bash
# Installs Debian's PostgreSQL server for the tests that run the stores on PostgreSQL
# (tests/Shared/Postgres/PostgresServer.cs starts a throw-away server with initdb and pg_ctl),
# when initdb is missing. Only the binaries are needed: Debian's own cluster is not used.
# Needs apt-get and root (or passwordless sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, not root, or apt failed).
set -euo pipefail

find_initdb() {
  command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}
if initdb="$(find_initdb)" && [[ -n "$initdb" ]]; then
  echo "postgres tests: $("$initdb" --version) present"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "postgres tests: apt-get not available; install PostgreSQL (initdb, pg_ctl) by hand" >&2
  exit 3
fi
as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "postgres tests: need root (or passwordless sudo) to apt-get install postgresql" >&2
    exit 3
  fi
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get update -qq || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql; then
  echo "postgres tests: apt-get could not install postgresql" >&2
  exit 3
fi
"$(find_initdb)" --version
echo "postgres tests: postgresql installed"
