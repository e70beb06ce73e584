#!/usr/bin/env bash
# Undoes what deploy/README.md set up, and says what it leaves.
#   tools/uninstall.sh [--dry-run] [--purge] [--user NAME]
# As the kiosk user: its part (the systemd user unit, ~/.bash_profile, ~/.xinitrc, ~/.xsession,
# the installed .venv and releases/). As root (su -, or sudo): that, plus the system's part
# (autologin on tty1, the default target, the X lockdown, lightdm's autologin, the touch rule,
# linger, and the user itself, whose home folder stays).
# Left unless --purge: the kiosk folder (content.yaml, assets/, the code), the data folder
# (logs, cache, last good content) and the staff PIN. With --purge, as root: the user's whole
# home folder goes too (userdel -r).
#   --dry-run   list what it would remove and run, change nothing
#   --user      the kiosk's user when run as root (default: kiosk)
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dry=0 purge=0 user="" user_left=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run|-n) dry=1 ;;
    --purge) purge=1 ;;
    --user) [ $# -ge 2 ] || usage; user="$2"; shift ;;
    -h|--help) usage ;;
    *) echo "tools/uninstall.sh: unknown option: $1" >&2; usage ;;
  esac
  shift
done

R=${KIOSK_UNINSTALL_ROOT:-}  # a prefix for /etc and /var (tests); empty on a real system
kdir=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(basename "$(dirname "$kdir")")" = releases ] && [ -f "$(dirname "$(dirname "$kdir")")/content.yaml" ]; then
  kdir=$(dirname "$(dirname "$kdir")")  # run from an upgraded version's folder
fi

if [ "$(id -u)" = 0 ]; then
  root=1
  user=${user:-kiosk}
  entry=$(getent passwd "$user" || true)
  home=$(printf '%s' "$entry" | cut -d: -f6)
else
  root=0
  me=$(id -un)
  [ -z "$user" ] || [ "$user" = "$me" ] || { echo "Run it as $user, or as root" >&2; exit 1; }
  user=$me entry=$(getent passwd "$user" || true) home=$HOME
fi

if [ "$dry" = 1 ]; then echo "Dry run: nothing is changed."; fi
changed=0 data=""
say() { printf '%-13s %s  (%s)\n' "$1" "$2" "$3"; }
rm_path() {  # rm_path PATH WHY
  if [ -e "$1" ] || [ -L "$1" ]; then
    if [ "$dry" = 1 ]; then say "would remove" "$1" "$2"; else rm -rf -- "$1"; say "removed" "$1" "$2"; changed=1; fi
  else
    say "not there" "$1" "$2"
  fi
}
run() {  # run WHY COMMAND...
  local why=$1; shift
  if [ "$dry" = 1 ]; then say "would run" "$*" "$why"
  elif "$@" >/dev/null 2>&1; then say "ran" "$*" "$why"; changed=1
  else say "(failed)" "$*" "$why"; fi
}
guide_file() {  # the file holds one of the guide's lines (so it is the guide's, not the user's own)
  [ -f "$1" ] && grep -qE "$2" "$1"
}

# --- the kiosk user's part ---------------------------------------------------------------------
echo "The kiosk user's part (${user}, home ${home:-?}):"
if [ -n "$home" ]; then
  units="$home/.config/systemd/user"
  data="$home/.local/share/aigun-kiosk"
  set_data=$(sed -n 's/^Environment=KIOSK_DATA_DIR=//p' "$units/kiosk.service" 2>/dev/null | tail -n 1)
  [ -z "$set_data" ] || data=${set_data//%h/$home}
  if [ -e "$units/kiosk.service" ]; then
    if [ "$root" = 1 ]; then run "stop and disable the kiosk (step 6)" systemctl --user -M "$user@" disable --now kiosk.service
    else run "stop and disable the kiosk (step 6)" systemctl --user disable --now kiosk.service; fi
  fi
  rm_path "$units/graphical-session.target.wants/kiosk.service" "enabled by systemctl --user enable, step 6"
  rm_path "$units/kiosk.service" "the systemd user unit, step 6"
  rm_path "$units/kiosk.service.d" "its drop-ins (cage: wayland.conf), step 4b"
  if guide_file "$home/.bash_profile" 'exec (startx|cage)'; then
    rm_path "$home/.bash_profile" "starts X or cage on tty1, step 4"
  elif [ -e "$home/.bash_profile" ]; then say "left" "$home/.bash_profile" "not the guide's: no startx or cage line"
  else say "not there" "$home/.bash_profile" "starts X or cage on tty1, step 4"; fi
  for f in .xinitrc .xsession; do
    if guide_file "$home/$f" 'kiosk\.service'; then rm_path "$home/$f" "starts the kiosk in X, step 4a"
    elif [ -e "$home/$f" ]; then say "left" "$home/$f" "not the guide's: no kiosk.service line"
    else say "not there" "$home/$f" "starts the kiosk in X, step 4a"; fi
  done
  rm_path "$home/.xsession-errors" "X's messages, step 4a"
fi
rm_path "$kdir/.venv" "the installed kiosk, tools/setup.sh"
rm_path "$kdir/releases" "versions installed by tools/upgrade.sh"

# --- the system's part (root only) ---------------------------------------------------------------
echo "The system's part:"
if [ "$root" = 0 ]; then
  echo "  not done: it needs root. As root (su - , or sudo), run: '$kdir/tools/uninstall.sh'"
else
  dropin="$R/etc/systemd/system/getty@tty1.service.d"
  if [ -e "$dropin/autologin.conf" ]; then
    rm_path "$dropin/autologin.conf" "autologin of $user on tty1, step 4"
    run "the folder of that drop-in, if empty" rmdir --ignore-fail-on-non-empty "$dropin"
    run "systemd forgets the autologin" systemctl daemon-reload
  else
    rm_path "$dropin/autologin.conf" "autologin of $user on tty1, step 4"
  fi
  if [ "$(systemctl get-default 2>/dev/null || true)" = multi-user.target ]; then
    run "step 4 made multi-user.target the default: back to systemd's" systemctl set-default graphical.target
  else
    say "not there" "systemctl set-default multi-user.target" "step 4"
  fi
  rm_path "$R/etc/X11/xorg.conf.d/10-kiosk.conf" "no console switching in X, step 4a"
  lightdm="$R/etc/lightdm/lightdm.conf"
  if [ -f "$lightdm" ] && grep -qx "autologin-user=$user" "$lightdm"; then
    if [ "$dry" = 1 ]; then say "would edit" "$lightdm" "its autologin-user=$user and autologin-session lines, step 4a"
    else sed -i "/^autologin-user=$user\$/d; /^autologin-session=/d" "$lightdm"; say "edited" "$lightdm" "removed autologin-user=$user, autologin-session"; changed=1; fi
  else
    say "not there" "$lightdm: autologin-user=$user" "step 4a, lightdm"
  fi
  rm_path "$R/etc/udev/rules.d/99-touch.rules" "touch calibration, step 10"
  if [ -e "$R/var/lib/systemd/linger/$user" ]; then run "step 6" loginctl disable-linger "$user"
  else say "not there" "loginctl enable-linger $user" "step 6"; fi
  if [ -n "$entry" ]; then
    run "end its session and processes" loginctl terminate-user "$user"
    # terminate-user returns before the processes are gone, and userdel refuses a user that
    # still runs something: wait for them (up to 20 s)
    if [ "$dry" = 0 ] && command -v pgrep >/dev/null; then
      for _ in $(seq 40); do pgrep -u "$user" >/dev/null 2>&1 || break; sleep 0.5; done
    fi
    if [ "$purge" = 1 ]; then run "the user and its home folder, step 1 (--purge)" userdel -r "$user"
    else run "the user, step 1 (its home folder stays)" userdel "$user"; fi
    if [ "$dry" = 0 ] && id "$user" >/dev/null 2>&1; then
      user_left=1
      echo "The user $user is still there (it still runs something?): run  userdel $user  again in a minute."
    fi
  else
    say "not there" "user $user" "step 1"
  fi
fi

# --- what stays ----------------------------------------------------------------------------------
if [ "$purge" = 1 ]; then
  if [ -n "$home" ]; then
    rm_path "$data" "the data folder: logs, cache, last good content (--purge)"
    rm_path "$home/.config/aigun-kiosk" "the staff PIN (--purge)"
  fi
  rm_path "$kdir" "the kiosk folder: content.yaml, assets/, the code (--purge)"
else
  echo "Left (remove them with --purge, or by hand):"
  echo "  $kdir   the kiosk folder: content.yaml, assets/ (the curator's content) and the code"
  [ -z "$data" ] || echo "  $data   the data folder: logs/kiosk.log, cache, the last good content"
  [ -z "$home" ] || echo "  $home/.config/aigun-kiosk   the staff PIN (set-pin)"
  if [ "$root" = 1 ] && [ -n "$entry" ] && [ "$user_left" = 0 ]; then echo "  $home   the home folder of the removed user $user"; fi
fi
echo "Also left: the system packages (Qt's libraries, python3-venv, xserver-xorg, xinit, cage ...);"
echo "  apt-get remove them if nothing else on this PC needs them. BIOS and GRUB settings stay too."
if [ "$user_left" = 1 ]; then exit 1; fi
if [ "$dry" = 0 ] && [ "$changed" = 1 ]; then echo "Done. Reboot to see the PC start without the kiosk."; fi
