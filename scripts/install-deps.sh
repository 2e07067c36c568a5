#!/usr/bin/env bash
# Installs the Debian packages Bambu's tests and benchmarks need. Idempotent: packages already
# present are skipped, so a second run costs a few dpkg queries. Needs root (or sudo) and apt.
# Usage: scripts/install-deps.sh            # everything the test suite uses
#        BAMBU_DEPS_QUIET=1 scripts/install-deps.sh
set -euo pipefail

PKGS=(
  # BGP peers for interop tests and benchmarks
  frr bird2 gobgpd exabgp
  # Python gRPC client for the seed example
  python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc
  # dataplane, storage, RPC
  iproute2 iputils-ping procps psmisc openvswitch-switch postgresql rabbitmq-server python3-oslo.messaging
  # BMP collector / capture decoding
  pmacct tshark
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  [ -n "${BAMBU_DEPS_QUIET:-}" ] || echo "install-deps: all ${#PKGS[@]} Debian packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Services must not be started by package scripts: tests start their own instances.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
