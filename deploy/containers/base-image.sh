#!/usr/bin/env bash
# Builds a local base image from Debian's own packages, for machines that reach a Debian mirror but
# no container registry: debootstrap (minbase) with the native libraries a self-contained .NET
# service needs, packed with tar and loaded with `docker import`. Needs root (debootstrap).
#
#   deploy/containers/base-image.sh [TAG]      TAG defaults to middleware-base:bookworm
#   DEBIAN_MIRROR=http://deb.debian.org/debian  the mirror debootstrap uses
set -euo pipefail
tag=${1:-middleware-base:bookworm}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# What .NET needs on Linux besides libc: ICU (globalization), OpenSSL (TLS, signatures),
# the CA certificates (https to other instances), time zones; libstdc++ and libgcc come with minbase.
packages=libicu72,libssl3,ca-certificates,tzdata

fail() { echo "base-image: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "debootstrap needs root"
command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
command -v docker >/dev/null || fail "docker is missing (apt-get install docker.io)"

rootfs=$(mktemp -d /tmp/middleware-base.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
echo "base-image: debootstrap --variant=minbase $suite ($packages) from $mirror"
if ! debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
  tail -20 "$rootfs.log" >&2
  rm -f "$rootfs.log"
  fail "debootstrap failed (last lines above)"
fi
rm -f "$rootfs.log"
# Package lists and caches are of no use inside the image.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
echo "base-image: docker import as $tag"
tar --numeric-owner -C "$rootfs" -c . \
  | docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
      --message "debootstrap --variant=minbase $suite + $packages" - "$tag" >/dev/null
echo "base-image: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
