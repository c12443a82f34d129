#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Middleware.Web.Tests), when /usr/bin/chromium
# is missing. Playwright drives it by path: its own browser download cannot work on a closed network.
# Needs apt-get and root (or passwordless sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, not root, or apt failed).
set -euo pipefail

browser=/usr/bin/chromium
if [[ -x "$browser" ]]; then
  echo "browser tests: $("$browser" --version 2>/dev/null || echo chromium) present"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "browser tests: apt-get not available; install Chromium at $browser by hand" >&2
  exit 3
fi
as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "browser tests: need root (or passwordless sudo) to apt-get install chromium" >&2
    exit 3
  fi
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get update -qq || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium; then
  echo "browser tests: apt-get could not install chromium" >&2
  exit 3
fi
"$browser" --version
echo "browser tests: chromium installed"
