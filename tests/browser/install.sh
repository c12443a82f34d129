#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Middleware.Web.Tests), when /usr/bin/chromium
# is missing. Playwright drives it by path: its own browser download cannot work on a closed network.
# Needs apt-get and root (or passwordless sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, not root, or apt failed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

browser=/usr/bin/chromium
if [[ -x "$browser" ]]; then
  echo "browser tests: $("$browser" --version 2>/dev/null || echo chromium) present"
  exit 0
fi
apt_install "browser tests" chromium
"$browser" --version
echo "browser tests: chromium installed"
