#!/usr/bin/env bash
# Installs Debian's PostgreSQL server for the tests that run the stores on PostgreSQL
# (tests/Shared/Postgres/PostgresServer.cs starts a throw-away server with initdb and pg_ctl),
# when initdb is missing. Only the binaries are needed: Debian's own cluster is not used.
# Needs apt-get and root (or passwordless sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, not root, or apt failed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

find_initdb() {
  command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}
if initdb="$(find_initdb)" && [[ -n "$initdb" ]]; then
  echo "postgres tests: $("$initdb" --version) present"
  exit 0
fi
apt_install "postgres tests" postgresql
"$(find_initdb)" --version
echo "postgres tests: postgresql installed"
