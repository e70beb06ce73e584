#!/usr/bin/env bash
# Installs the kiosk into ./.venv (and Qt's system libraries on Debian/Ubuntu), with the exact
# versions of requirements/kiosk.lock, each checked against its hash.
#   tools/setup.sh                    the kiosk (downloads from PyPI)
#   tools/setup.sh --test             the kiosk and its test tools (the test tools are not locked)
#   tools/setup.sh --wheelhouse DIR   download every wheel the kiosk needs into DIR, with the lock
#                                     and a README: carry DIR to an offline PC. For another PC's
#                                     Python or platform add pip's options, e.g.
#                                     --python-version 3.11 --platform manylinux_2_28_x86_64
#   tools/setup.sh --offline DIR      install from DIR with no network at all
set -euo pipefail
called_from=$PWD
cd "$(dirname "$0")/.."
LOCK=requirements/kiosk.lock

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mode=install test=0 dir="" download_opts=() asked=""
while [ $# -gt 0 ]; do
  case "$1" in
    --test) test=1 ;;
    --wheelhouse|--offline)
      [ $# -ge 2 ] || usage
      mode="${1#--}"; dir="$2"; shift
      case "$dir" in /*) ;; *) dir="$called_from/$dir" ;; esac ;;  # DIR as typed, from where you are
    --python-version|--platform|--abi|--implementation)
      [ $# -ge 2 ] || usage
      download_opts+=("$1" "$2"); asked+=" $1 $2"
      # pip takes a platform literally: manylinux_2_34_x86_64 (glibc 2.34+) also runs the
      # wheels made for older glibcs, so name those too (manylinux2014 = manylinux_2_17)
      if [ "$1" = --platform ] && [[ "$2" =~ ^manylinux_2_([0-9]+)_(.+)$ ]]; then
        for ((k = BASH_REMATCH[1] - 1; k >= 5; k--)); do
          download_opts+=(--platform "manylinux_2_${k}_${BASH_REMATCH[2]}")
        done
        download_opts+=(--platform "manylinux2014_${BASH_REMATCH[2]}" --platform "manylinux1_${BASH_REMATCH[2]}")
      fi
      shift ;;
    -h|--help) usage ;;
    *) echo "tools/setup.sh: unknown option: $1" >&2; usage ;;
  esac
  shift
done
if [ ${#download_opts[@]} -gt 0 ] && [ "$mode" != wheelhouse ]; then
  echo "tools/setup.sh: --python-version and --platform go with --wheelhouse DIR" >&2; exit 2
fi
if [ "$test" = 1 ] && [ "$mode" != install ]; then
  echo "tools/setup.sh: --test needs the network (the test tools are not in a wheelhouse)" >&2; exit 2
fi

if [ "$mode" = offline ]; then
  [ -d "$dir" ] || { echo "No such folder: $dir" >&2; exit 1; }
  if [ -f "$dir/kiosk.lock" ] && ! cmp -s "$dir/kiosk.lock" "$LOCK"; then
    echo "$dir was made for another version of the kiosk (its kiosk.lock is not this folder's" \
         "$LOCK): make it again with tools/setup.sh --wheelhouse from this version" >&2
    exit 1
  fi
fi

# Qt's run-time libraries that a bare Debian/Ubuntu lacks (xcb for a real screen).
PACKAGES=(libglib2.0-0 libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
          libxcb-cursor0 libxcb-keysyms1 libxcb-icccm4 libxcb-image0 libxcb-render-util0 libxcb-shape0
          libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0)

if [ "$mode" != wheelhouse ] && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Please install (as root): apt-get install ${missing[*]}" >&2; exit 1
    fi
    echo "Installing Qt's system libraries: ${missing[*]}"
    if [ "$mode" = offline ]; then
      # no network: only what apt already has (a Debian DVD or USB as a source, its cache)
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || echo "WARNING: could not install ${missing[*]} without a network; the kiosk's window" \
                "needs them (kiosk check does not): install them before you start it" >&2
    else
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
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
vpip() { .venv/bin/python -m pip --disable-pip-version-check "$@"; }

if [ "$mode" = wheelhouse ]; then
  mkdir -p "$dir"
  echo "Downloading the kiosk's wheels (${LOCK}) into ${dir} ..."
  vpip download -q --require-hashes --only-binary=:all: -d "$dir" -r "$LOCK" "${download_opts[@]}"
  cp "$LOCK" "$dir/kiosk.lock"
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml)
  if [ -n "$asked" ]; then for_what="pip download${asked}"
  else for_what=$(.venv/bin/python -c 'import platform, sysconfig; print(f"Python {platform.python_version()} on {sysconfig.get_platform()}")'); fi
  cat >"$dir/README.txt" <<EOF
Wheelhouse of the museum kiosk (aigun-kiosk ${version}), made $(date -u +%Y-%m-%d) for ${for_what}.

Every Python package the kiosk needs, at the exact versions of kiosk.lock (a copy of the
kiosk folder's requirements/kiosk.lock), which pip checks against their SHA-256 hashes.

On the exhibit PC, with no network, in the kiosk's folder (the same version of the kiosk):

    tools/setup.sh --offline /path/to/this/folder
    .venv/bin/kiosk check content.yaml

or, for an upgrade:  tools/upgrade.sh VERSION --offline /path/to/this/folder
By hand (also Windows, with a wheelhouse made for it):
    python -m pip install --no-index --find-links DIR --require-hashes -r DIR/kiosk.lock
    python -m pip install --no-index --no-deps --no-build-isolation -e KIOSK-FOLDER
EOF
  echo "Wheelhouse ready: $(find "$dir" -maxdepth 1 -name '*.whl' | wc -l) wheels, kiosk.lock and README.txt in ${dir}"
  echo "On the exhibit PC, in the kiosk's folder: tools/setup.sh --offline DIR"
  exit 0
fi

if [ "$mode" = offline ]; then
  # never an index, only the wheels in DIR (and the kiosk's own code from this folder)
  vpip install -q --no-index --find-links "$dir" --require-hashes -r "$LOCK"
  vpip install -q --no-index --no-deps --no-build-isolation -e .
else
  vpip install -q --require-hashes -r "$LOCK"
  # the kiosk's own code, built with the locked setuptools; --test adds the (unlocked) test tools
  if [ "$test" = 1 ]; then vpip install -q --no-build-isolation -e ".[test]"
  else vpip install -q --no-deps --no-build-isolation -e .; fi
fi
echo "Ready. In this folder, check the content:  .venv/bin/kiosk check content.yaml"
echo "       and see the kiosk in a window:     .venv/bin/kiosk --windowed"
