#!/bin/sh
# Makes sure a `prometheus` binary is on this machine (Debian/Ubuntu), for the metrics tests.
#
# - Does nothing when `prometheus` is already on PATH (or in /usr/bin).
# - Otherwise, as root (or through sudo): apt-get update once, then
#   apt-get install -y --no-install-recommends prometheus.
# - The package's postinst tries to start the `prometheus` system service. In a container
#   without an init system that start can fail and fail the whole install, and on a runner
#   with systemd it would leave a daemon on port 9090. The tests start their own server, so
#   service starts are refused for the duration of the install with a policy-rc.d that exits
#   101 ("action forbidden"), honoured by both invoke-rc.d and deb-systemd-invoke. An existing
#   policy-rc.d is left untouched.
# - The postinst also enables the unit at boot; that is undone, so a developer's machine keeps
#   no Prometheus service it did not ask for.
#
# Prints the binary's path on stdout when done; diagnostics go to stderr.
set -eu

log() { printf 'ensure-prometheus: %s\n' "$*" >&2; }

find_binary() {
  command -v prometheus 2>/dev/null && return 0
  [ -x /usr/bin/prometheus ] && { echo /usr/bin/prometheus; return 0; }
  return 1
}

if path=$(find_binary); then
  echo "$path"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log 'prometheus is missing and apt-get is not available: install Prometheus 2.x by hand'
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root() { sudo -n "$@"; }
else
  log 'prometheus is missing and installing it needs root (run as root or with passwordless sudo)'
  exit 1
fi

policy=/usr/sbin/policy-rc.d
made_policy=no
cleanup() {
  if [ "$made_policy" = yes ]; then as_root rm -f "$policy"; fi
}
trap cleanup EXIT
# A caught signal would let the script carry on: leave, and let the EXIT trap clean up.
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -e "$policy" ]; then
  # printf through tee so the file is written as root even when we run through sudo.
  printf '#!/bin/sh\n# written by ensure-prometheus.sh for the length of one install\nexit 101\n' |
    as_root tee "$policy" >/dev/null
  as_root chmod 0755 "$policy"
  made_policy=yes
fi

log 'prometheus is missing: installing the Debian package prometheus (apt-get, once per machine; the service is neither started nor enabled)'
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  prometheus >&2

disable_service() {
  if command -v deb-systemd-helper >/dev/null 2>&1; then
    as_root deb-systemd-helper disable prometheus.service >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1; then
    as_root systemctl disable prometheus.service >/dev/null 2>&1 || true
  fi
  # Without systemd the helpers may leave the boot link behind: it is only a symlink.
  as_root rm -f /etc/systemd/system/multi-user.target.wants/prometheus.service
}
disable_service

if path=$(find_binary); then
  log "installed $path"
  echo "$path"
else
  log 'apt-get install finished but no prometheus binary was found'
  exit 1
fi
