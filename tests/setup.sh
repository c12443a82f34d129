#!/usr/bin/env bash
# One setup step for every test: installs what the interop and browser tests need, so that the tests
# themselves install nothing and only check it is there. Run it once on a new machine and after a pull
# that changes tests/interop/peer/package-lock.json; `.ci/run` runs it before `dotnet test`.
#   tests/interop/install.sh                 npm packages of the Fedify peer and the client libraries
#   tests/interop/install-python-clients.sh  Debian's python3-mastodon (apt-get)
#   tests/browser/install.sh                 Debian's chromium (apt-get)
#   tests/postgres/install.sh                Debian's postgresql, for initdb and pg_ctl (apt-get)
# Each is idempotent. Exit codes, as the scripts': 0 all there; 3 an apt package cannot be installed
# here (no apt-get, or not root); anything else an install failed. All run even when one fails.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

status=0
for script in interop/install.sh interop/install-python-clients.sh browser/install.sh postgres/install.sh; do
  bash "$here/$script"
  code=$?
  if [[ $code -ne 0 ]]; then
    echo "tests/setup.sh: tests/$script exited $code" >&2
    # A real failure outranks "cannot install here" (3).
    if [[ $status -eq 0 || $status -eq 3 ]]; then status=$code; fi
  fi
done
exit "$status"
