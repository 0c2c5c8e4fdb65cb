#!/usr/bin/env bash
# Installs what the browser end-to-end tests (services/gateway) need:
# Debian's chromium at /usr/bin/chromium and a font for readable
# screenshots. Idempotent: does nothing when chromium is already there.
#
# Exit status: 0 when chromium is installed (or already was); 3 when it is
# missing and this user cannot install it (not root and no password-less
# sudo), so that the tests can skip with a clear message; anything else is
# a failed installation, which the tests report as a failure.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "browser-deps: $CHROMIUM is missing and $(id -un) can neither install it (not root) nor use sudo without a password" >&2
    echo "browser-deps: run as root: apt-get install chromium fonts-dejavu-core" >&2
    exit 3
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "browser-deps: $CHROMIUM is missing and apt-get is not available" >&2
  exit 3
fi

echo "browser-deps: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2

if [ ! -x "$CHROMIUM" ]; then
  echo "browser-deps: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
"$CHROMIUM" --version >&2
