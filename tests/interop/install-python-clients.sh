#!/usr/bin/env bash
# Installs Mastodon.py from Debian's packages (python3-mastodon) for the client-library interop
# tests, when the system Python cannot import it yet. Needs apt-get and root (or sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, or not root).
set -euo pipefail

if /usr/bin/python3 -c 'import mastodon' 2>/dev/null; then
  echo "python clients: Mastodon.py present"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "python clients: apt-get not available; install python3-mastodon (Debian/Ubuntu) by hand" >&2
  exit 3
fi
as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "python clients: need root (or passwordless sudo) to apt-get install python3-mastodon" >&2
    exit 3
  fi
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends python3-mastodon
/usr/bin/python3 -c 'import mastodon'
echo "python clients: Mastodon.py installed"
