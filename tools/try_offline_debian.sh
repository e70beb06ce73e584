#!/usr/bin/env bash
# tools/try_offline_debian.sh - the offline install, tried as a technician meets it: a fresh,
# minimal Debian 12 (debootstrap, with only python3 and python3-venv added), no network at
# all (unshare -n), the kiosk folder unpacked under another name than the guide's, and a
# wheelhouse made on this machine (tools/setup.sh --wheelhouse). In it, as root:
# tools/setup.sh --offline, then kiosk check content.yaml must pass, and kiosk run must name
# the system library a bare Debian lacks (Qt's libraries come from apt, not the wheelhouse).
#
#   tools/try_offline_debian.sh [--keep]
#
# Needs root, debootstrap (apt-get install debootstrap), unshare, and the network once to
# build the Debian 12 tree. Exit: 0 it worked, 1 it did not, 77 it cannot be tried here.
set -uo pipefail
cd "$(dirname "$0")/.."
keep=0
[ "${1:-}" = --keep ] && keep=1
skip() { echo "try_offline_debian: cannot try here: $*"; exit 77; }
[ "$(uname -s)" = Linux ] || skip "not Linux"
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || skip "no debootstrap (apt-get install debootstrap)"
command -v unshare >/dev/null || skip "no unshare"
[ -x .venv/bin/python ] || skip "no .venv (run tools/setup.sh first)"

tmp=$(mktemp -d /tmp/try-offline-debian.XXXXXX)
root=$tmp/debian12
cleanup() {
  umount "$root/proc" 2>/dev/null
  if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
fail() { echo "try_offline_debian: FAILED: $*"; exit 1; }

echo "1. a minimal Debian 12 in $root (debootstrap, a few minutes) ..."
debootstrap --variant=minbase --include=python3,python3-venv bookworm "$root" \
  http://deb.debian.org/debian >"$tmp/debootstrap.log" 2>&1 \
  || skip "debootstrap failed (no network to deb.debian.org?): $(tail -n 1 "$tmp/debootstrap.log")"

echo "2. a wheelhouse made on this machine ..."
tools/setup.sh --wheelhouse "$tmp/wheels" >"$tmp/wheelhouse.log" 2>&1 \
  || fail "tools/setup.sh --wheelhouse: $(tail -n 3 "$tmp/wheelhouse.log")"
mkdir -p "$root/media/usb"
cp -r "$tmp/wheels" "$root/media/usb/wheels"

folder="/home/Aigun kiosk (copy)"  # any folder name, spaces included
echo "3. the kiosk folder as $folder ..."
mkdir -p "$root$folder"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$root$folder"

echo "4. with no network: tools/setup.sh --offline, kiosk check, kiosk run ..."
mount -t proc proc "$root/proc"
unshare -n chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  /bin/bash -c "cd '$folder' && tools/setup.sh --offline /media/usb/wheels && \
    .venv/bin/kiosk check content.yaml && .venv/bin/kiosk --version && \
    { .venv/bin/kiosk run --content content.yaml; echo \"kiosk run: exit \$?\"; }" \
  >"$tmp/offline.log" 2>&1
status=$?
cat "$tmp/offline.log"
[ "$status" = 0 ] || fail "the offline install or the check failed (exit $status)"
grep -q "^content.yaml: OK - " "$tmp/offline.log" || fail "kiosk check did not pass"
grep -q "the kiosk cannot start: the system library .* is missing; run tools/setup.sh" "$tmp/offline.log" \
  || fail "kiosk run did not name the missing system library"
echo "try_offline_debian: OK - installed with no network from the wheelhouse; kiosk check passed"
