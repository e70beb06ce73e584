#!/usr/bin/env bash
# Installs what the kiosk needs into ./.venv (and Qt's system libraries on Debian/Ubuntu).
#   tools/setup.sh          the kiosk
#   tools/setup.sh --test   the kiosk and its test tools
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's run-time libraries that a bare Debian/Ubuntu lacks (xcb for a real screen).
PACKAGES=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
          libxcb-cursor0 libxcb-keysyms1 libxcb-icccm4 libxcb-image0 libxcb-render-util0 libxcb-shape0
          libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Please install (as root): apt-get install ${missing[*]}" >&2; exit 1
    fi
    echo "Installing Qt's system libraries: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# the newest Python 3.11+ there is (Ubuntu 22.04's python3 is 3.10: install python3.11 there)
PY=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    PY="$candidate"; break
  fi
done
[ -n "$PY" ] || { echo "Python 3.11 or newer is needed (Ubuntu 22.04: apt-get install python3.11 python3.11-venv)" >&2; exit 1; }
if [ ! -x .venv/bin/python ] && ! "$PY" -c 'import ensurepip' 2>/dev/null; then
  echo "Python's venv module is missing: apt-get install python3-venv (or python3.11-venv)" >&2; exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
echo "Ready. In this folder, check the content:  .venv/bin/kiosk check content.yaml"
echo "       and see the kiosk in a window:     .venv/bin/kiosk --windowed"
