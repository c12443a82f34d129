# Sourced by the install scripts of the test setup (tests/*/install*.sh, deploy/containers/install.sh):
# apt_install LABEL PACKAGE... installs Debian packages with apt-get, as root or with passwordless sudo.
# On any reason it cannot (no apt-get, not root, apt failed) it says so under LABEL and exits 3,
# the setup scripts' "cannot install here" code.
apt_install() {
  local label=$1; shift
  if ! command -v apt-get >/dev/null; then
    echo "$label: apt-get not available; install $* by hand" >&2
    exit 3
  fi
  local as_root=()
  if [[ "$(id -u)" != 0 ]]; then
    if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
      echo "$label: need root (or passwordless sudo) to apt-get install $*" >&2
      exit 3
    fi
    as_root=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get update -qq || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@"; then
    echo "$label: apt-get could not install $*" >&2
    exit 3
  fi
}
