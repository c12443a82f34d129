#!/usr/bin/env bash
# Installs the interop npm dependencies (tests/interop/peer/node_modules): the Fedify peer, and the
# Mastodon client libraries (masto.js, megalodon) driven by tests/interop/peer/clients/.
# Idempotent: does nothing when node_modules already matches package-lock.json.
# Pass --force to reinstall anyway. Needs only node (20+) and npm on PATH.
set -euo pipefail

peer_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/peer" && pwd)"
cd "$peer_dir"

force=false
[[ "${1:-}" == "--force" ]] && force=true

# npm writes node_modules/.package-lock.json on every install; if it is newer than the
# lockfile, the tree was installed from the current lockfile.
if [[ "$force" == false && -f node_modules/.package-lock.json && -f package-lock.json \
      && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "interop peer: node_modules up to date"
  exit 0
fi

# Fedify 2.x declares engines node>=22; it runs on Node 20 with the polyfills in
# lib/polyfills.mjs, so engine warnings are expected and silenced.
npm_flags=(--no-audit --no-fund --loglevel=error)
if [[ -f package-lock.json ]]; then
  npm ci "${npm_flags[@]}"
else
  npm install "${npm_flags[@]}"
fi
echo "interop peer: dependencies installed"
