#!/usr/bin/env bash
# Installs what the container check needs from Debian's packages when missing: docker.io (the engine),
# docker-compose, debootstrap (the base image) and jq. Needs apt-get and root; .ci/run runs it before
# the check. Exit codes: 0 there or installed; 3 cannot install here (the check then says it is skipped).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../tests/lib/apt-install.sh"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -eq 0 ]; then
  echo "container check: docker, compose, debootstrap and jq present"
  exit 0
fi
apt_install "container check" "${missing[@]}"
echo "container check: installed ${missing[*]}"
