#!/usr/bin/env bash
# The container check as a CI step (.ci/run): runs deploy/containers/check.sh when a Docker engine
# can be used, starting Debian's dockerd for the run when it is installed but not running (as root),
# and stopping only the daemon it started. Otherwise it says plainly that the check was skipped and why.
# Its last line is "container check: passed", "... FAILED" or "... SKIPPED: <why>";
# exit status 0 passed, 1 failed, 3 skipped.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "container check: SKIPPED: $*"; exit 3; }

command -v docker >/dev/null || skip "no docker client (apt-get install docker.io docker-compose debootstrap)"
started=
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || skip "no Docker engine answers and dockerd is not installed (apt-get install docker.io)"
  [ "$(id -u)" = 0 ] || skip "no Docker engine answers, and starting dockerd needs root"
  log=$(mktemp /tmp/middleware-dockerd.XXXXXX.log)
  echo "container check: starting dockerd for this run (log: $log)"
  dockerd >"$log" 2>&1 &
  started=$!
  stop_engine() {
    kill "$started" 2>/dev/null && wait "$started" 2>/dev/null
    echo "container check: stopped the dockerd it started" >&2
  }
  trap stop_engine EXIT
  for _ in $(seq 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
  if ! docker info >/dev/null 2>&1; then
    tail -5 "$log"
    skip "dockerd did not start within 30 s (last lines of its log above)"
  fi
fi
# check.sh ends with "container check: passed" itself.
"$here/check.sh" && exit 0
echo "container check: FAILED (see above)"
exit 1
