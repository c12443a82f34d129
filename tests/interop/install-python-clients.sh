#!/usr/bin/env bash
# Installs Mastodon.py from Debian's packages (python3-mastodon) for the client-library interop
# tests, when the system Python cannot import it yet. Needs apt-get and root (or sudo).
# Exit codes: 0 installed or already there; 3 cannot install here (no apt-get, not root, or apt failed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

if /usr/bin/python3 -c 'import mastodon' 2>/dev/null; then
  echo "python clients: Mastodon.py present"
  exit 0
fi
apt_install "python clients" python3-mastodon
/usr/bin/python3 -c 'import mastodon'
echo "python clients: Mastodon.py installed"
