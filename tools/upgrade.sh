#!/usr/bin/env bash
# Upgrades the installed kiosk to another version and keeps the previous one to roll back to.
#   tools/upgrade.sh VERSION [--offline DIR]   VERSION: a git tag (v0.2.0) of this checkout, or a
#                                              release archive (.zip, .tar.gz); --offline: install
#                                              its packages from a wheelhouse (tools/setup.sh)
#   tools/upgrade.sh --rollback [--force]      back to the previous version (tools/rollback.sh)
#   tools/upgrade.sh --status                  the version that runs and the one kept
#
# In the kiosk folder (the folder of content.yaml, whatever its name):
#   content.yaml, assets/              the curator's content: an upgrade never changes it
#   releases/VERSION/                  each installed version: its code and its own .venv
#   .venv -> releases/VERSION/.venv    the version that runs (kiosk.service, .venv/bin/kiosk)
#   releases/previous -> VERSION       the version a rollback goes back to
# The first upgrade moves the .venv that tools/setup.sh made into releases/ (its code stays in
# the kiosk folder). Each switch: install, `kiosk check content.yaml` with the new version
# (nothing changes if it finds errors; --force skips this on a rollback), switch .venv in one
# rename, restart the systemd user unit kiosk.service if it is running, keep two versions.
set -euo pipefail

die() { echo "tools/upgrade.sh: $*" >&2; exit 1; }
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

called_from=$PWD
# the kiosk folder: this script's checkout, or the one above releases/ when run from a release
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(basename "$(dirname "$here")")" = releases ] && [ -f "$(dirname "$(dirname "$here")")/content.yaml" ]; then
  here=$(dirname "$(dirname "$here")")
fi
KDIR=$here
cd "$KDIR"

target="" offline="" action=upgrade force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) [ $# -ge 2 ] || usage; offline=$(cd "$called_from" && cd "$2" 2>/dev/null && pwd) || die "no such folder: $2"; shift ;;
    --rollback) action=rollback ;;
    --status) action=status ;;
    --force) force=1 ;;
    -h|--help) usage ;;
    -*) echo "tools/upgrade.sh: unknown option: $1" >&2; usage ;;
    *) [ -z "$target" ] || usage; target="$1"
       if [ -f "$called_from/$target" ] && [[ "$target" != /* ]]; then target="$called_from/$target"; fi ;;
  esac
  shift
done
[ "$action" != upgrade ] || [ -n "$target" ] || usage
[ -e .venv ] || die "no kiosk installed in $KDIR (.venv is missing): install it first with tools/setup.sh"

# the version a venv runs: "kiosk --version" through its own python (never a script's shebang)
version_of() { "$1/bin/python" -m kiosk --version 2>/dev/null | sed -n 's/^kiosk //p'; }
current_version() {
  if [ -L .venv ]; then basename "$(dirname "$(readlink .venv)")"; else version_of .venv; fi
}
previous_version() { if [ -L releases/previous ]; then readlink releases/previous; fi; }

# .venv -> releases/$1/.venv and releases/previous -> $2, each in one rename (never missing)
switch_to() {
  ln -sfn "releases/$1/.venv" .venv.switching
  mv -T .venv.switching .venv
  if [ -n "$2" ]; then ln -sfn "$2" releases/previous.switching; mv -T releases/previous.switching releases/previous; fi
}

check_with() {  # kiosk check on the curator's content with the version in releases/$1
  echo "Checking content.yaml with $1 ..."
  "releases/$1/.venv/bin/python" -m kiosk check content.yaml
}

restart() {
  if command -v systemctl >/dev/null && systemctl --user is-active --quiet kiosk.service 2>/dev/null; then
    systemctl --user restart kiosk.service
    echo "  restarted  kiosk.service (systemctl --user restart kiosk)"
  else
    echo "  restarted  nothing: kiosk.service is not running here (its next start runs $1)"
  fi
}

if [ "$action" = status ]; then
  echo "running: $(current_version)   (${KDIR}/.venv)"
  echo "kept for rollback: $(previous_version || true)"
  for d in releases/*/; do
    if [ -d "$d" ] && [ ! -L "${d%/}" ]; then d=${d%/}; echo "installed: ${d#releases/}"; fi
  done
  exit 0
fi

# The first upgrade: the .venv tools/setup.sh made becomes releases/VERSION/.venv (its code stays
# here). Its scripts name their python by path: point them at the new place.
adopt() {
  local v
  v=$(version_of .venv)
  [ -n "$v" ] || die "the installed kiosk does not answer 'kiosk --version': reinstall it with tools/setup.sh"
  [ ! -e "releases/$v" ] || die "releases/$v is in the way: move it aside first"
  mkdir -p "releases/$v"
  mv .venv "releases/$v/.venv"
  ln -s "releases/$v/.venv" .venv
  local f
  for f in "releases/$v/.venv/bin/"*; do
    if [ -f "$f" ] && [ ! -L "$f" ] && head -n 1 "$f" | grep -q '^#!.*/\.venv/bin/python'; then
      sed -i "1s|^#!.*/\\.venv/bin/python|#!${KDIR}/releases/$v/.venv/bin/python|" "$f"
    fi
  done
  printf 'The code of %s is the kiosk folder itself (%s), where tools/setup.sh installed it.\n' \
    "$v" "$KDIR" >"releases/$v/README.txt"
  echo "  moved      the installed $v to releases/$v/.venv (.venv now points there)"
}

if [ "$action" = rollback ]; then
  [ -L .venv ] || die "nothing to roll back to: no upgrade was made here"
  cur=$(current_version) prev=$(previous_version)
  if [ -z "$prev" ] || [ ! -x "releases/$prev/.venv/bin/python" ]; then die "no previous version is kept in releases/"; fi
  echo "Rolling back the kiosk: $cur -> $prev"
  if [ "$force" = 1 ]; then echo "  checked    nothing (--force)"
  elif ! check_with "$prev"; then
    die "$prev finds errors in content.yaml (above): still running $cur. Fix them, or: tools/rollback.sh --force"
  fi
  switch_to "$prev" "$cur"
  echo "  switched   .venv -> releases/$prev/.venv"
  echo "  kept       releases/$cur (tools/rollback.sh goes back to it)"
  restart "$prev"
  echo "Now running $prev. Content (content.yaml, assets/) and the data folder were not touched."
  exit 0
fi

# --- upgrade: fetch the new version's code into releases/.incoming ----------------------------
mkdir -p releases
incoming="releases/.incoming"
rm -rf "$incoming"
mkdir "$incoming"
trap 'rm -rf "$KDIR/$incoming"' EXIT
if [ -f "$target" ]; then
  case "$target" in
    *.zip) python3 -m zipfile -e "$target" "$incoming" ;;  # unzip is not on a plain Debian
    *.tar.gz|*.tgz|*.tar|*.tar.xz) tar -xf "$target" -C "$incoming" ;;
    *) die "$target: a release archive is a .zip or a .tar.gz" ;;
  esac
  src="$incoming"
  if [ ! -f "$src/pyproject.toml" ]; then  # a ZIP usually holds one folder, any name
    src=$(find "$incoming" -mindepth 2 -maxdepth 2 -name pyproject.toml -printf '%h\n' | head -n 1)
    [ -n "$src" ] || die "$target holds no kiosk (no pyproject.toml)"
  fi
  from="archive $target"
else
  git rev-parse --git-dir >/dev/null 2>&1 || die "$target is no file, and $KDIR is no git checkout: give a release archive"
  if [ -z "$offline" ]; then git fetch --quiet --tags 2>/dev/null || echo "  (could not fetch tags: using the ones here)"; fi
  ref=""
  for t in "$target" "v$target"; do
    if git rev-parse --verify --quiet "refs/tags/$t^{commit}" >/dev/null; then ref=$t; break; fi
  done
  [ -n "$ref" ] || die "no tag $target here (git tag lists them)"
  git archive --format=tar "refs/tags/$ref" | tar -x -C "$incoming"
  src="$incoming"
  from="git tag $ref"
fi
new=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$src/pyproject.toml" | head -n 1)
[ -n "$new" ] || die "the new version's pyproject.toml has no version"
if ! [[ "$new" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || [ "$new" = previous ]; then die "odd version number: $new"; fi

cur=$(current_version)
[ "$new" != "$cur" ] || { echo "The kiosk already runs $new: nothing to do."; exit 0; }
echo "Upgrading the kiosk: $cur -> $new (from $from)"
[ -L .venv ] || [ ! -d .venv ] || adopt
printf '*\n' >releases/.gitignore  # a git checkout's status stays clean
if [ -d .git ] && ! grep -qx '/.venv' .git/info/exclude 2>/dev/null; then
  mkdir -p .git/info && echo '/.venv' >>.git/info/exclude  # .gitignore's ".venv/" misses a link
fi

if [ -d "releases/$new" ] && [ "$(version_of "releases/$new/.venv")" = "$new" ]; then
  echo "  installed  nothing: releases/$new is there already"
else
  rm -rf "releases/$new"
  mv "$src" "releases/$new"
  echo "Installing $new into releases/$new ..."
  setup=(bash "releases/$new/tools/setup.sh")
  if [ -n "$offline" ]; then setup+=(--offline "$offline"); fi
  if ! "${setup[@]}" >"releases/$new/install.log" 2>&1; then
    tail -n 20 "releases/$new/install.log" >&2
    rm -rf "releases/$new"
    die "installing $new failed (above): still running $cur"
  fi
  echo "  installed  releases/$new (its code and .venv; log: releases/$new/install.log)"
fi

check_with "$new" || die "$new finds errors in content.yaml (above): still running $cur (releases/$new stays installed; fix the content and run this again)"
echo "  checked    content.yaml with $new: OK"
switch_to "$new" "$cur"
echo "  switched   .venv -> releases/$new/.venv"
echo "  kept       releases/$cur (tools/rollback.sh goes back to it)"

# the content the new version ships, where it differs from the curator's (kept, never copied)
differs=()
while IFS= read -r -d '' f; do
  f=${f#"releases/$new/"}
  cmp -s "$f" "releases/$new/$f" 2>/dev/null || differs+=("$f")
done < <(find "releases/$new/content.yaml" "releases/$new/assets" -type f ! -path '*/assets/fonts/*' -print0 2>/dev/null)
if [ ${#differs[@]} -gt 0 ]; then
  echo "  kept       your content: $new ships other versions of ${differs[*]}"
  echo "             (compare: diff -u content.yaml releases/$new/content.yaml; copy a file over to take it)"
else
  echo "  kept       your content (content.yaml, assets/): the same as $new ships"
fi

for d in releases/*/; do  # keep two versions: the one running and the previous
  d=${d%/}; v=${d#releases/}
  if [ "$v" != "$new" ] && [ "$v" != "$cur" ] && [ ! -L "$d" ]; then rm -rf "$d"; echo "  removed    releases/$v (older than $cur)"; fi
done
restart "$new"
echo "Now running $new. To go back: tools/rollback.sh"
