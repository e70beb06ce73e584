#!/usr/bin/env bash
# tools/try_guide_vm.sh - a fresh Debian 12 virtual machine (systemd as PID 1, a screen) and a
# "USB stick", to try deploy/README.md by hand as a technician meets it. This is the harness
# only: it builds the machine and boots it; the guide's steps are then done by you, over SSH.
# A manual tool, not part of CI (it needs minutes, root and the network).
#
#   tools/try_guide_vm.sh build     debootstrap Debian 12 (standard variant, like a netinst with
#                                   "standard system utilities": python3, no sudo, a root
#                                   password: every package of priority standard but sudo),
#                                   a partitioned disk with GRUB, and the stick
#   tools/try_guide_vm.sh boot      boot it in the background (qemu with KVM; ACCEL=tcg without)
#   tools/try_guide_vm.sh ssh [CMD] ssh root@ the VM (port 2222)
#   tools/try_guide_vm.sh shot NAME screendump of the VM's screen to $VM_DIR/NAME.png
#   tools/try_guide_vm.sh stop      power it off (system_powerdown, then quit)
#   tools/try_guide_vm.sh all       build, then boot (default)
#
# The VM: 4 GB RAM, 2 CPUs, virtio disk (/dev/vda1, GRUB in the MBR), std VGA (the "screen"),
# a USB tablet (an absolute, touch-like pointer) and a USB keyboard, the network through
# qemu's user mode (SSH on host port 2222), root password "root", an SSH key made in $VM_DIR.
# The stick: usb.img, one FAT32 partition (sdb1 in the VM) with the kiosk folder as
# "Aigun kiosk 1.0" (git's tracked files only, never a .venv) and "wheelhouse" made here with
# tools/setup.sh --wheelhouse (for Python 3.11, manylinux_2_34_x86_64). Nothing the guide
# installs is pre-installed (no python3-venv, no Qt libraries, no X, no sudo).
#
# Needs: root, qemu-system-x86 and qemu-utils, debootstrap, socat, mtools, dosfstools, fdisk
# (the script apt-get installs what is missing), python3 with PIL or netpbm for screenshots,
# /dev/kvm (else TCG: works, many times slower), the network to deb.debian.org once, and this
# checkout's .venv (tools/setup.sh) for the wheelhouse. Everything goes to VM_DIR (default
# /var/tmp/kiosk-guide-vm), never into the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
KIOSK_SRC=$PWD
VM_DIR=${VM_DIR:-/var/tmp/kiosk-guide-vm}
SSH_PORT=${SSH_PORT:-2222}
# ACCEL=tcg: no KVM. Nested KVM can hang silently in the kernel's decompressor (seen on one
# cloud host: "Probing EDD ... ok" then nothing, 100 % CPU); the serial log shows that.
ACCEL=${ACCEL:-kvm}
DISK_SIZE=${DISK_SIZE:-12G}
STICK_NAME=${STICK_NAME:-"Aigun kiosk 1.0"}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
mkdir -p "$VM_DIR"
KEY=$VM_DIR/id_ed25519
SSH_OPTS=(-i "$KEY" -p "$SSH_PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
          -o LogLevel=ERROR -o ConnectTimeout=3)
die() { echo "try_guide_vm: $*" >&2; exit 1; }

need_tools() {
  [ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot)"
  local missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v qemu-img >/dev/null || missing+=(qemu-utils)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v socat >/dev/null || missing+=(socat)
  command -v mcopy >/dev/null || missing+=(mtools)
  command -v mkfs.vfat >/dev/null || missing+=(dosfstools)
  command -v sfdisk >/dev/null || missing+=(fdisk)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_root() {
  local root=$VM_DIR/root
  if [ -x "$root/usr/bin/python3" ] && [ -f "$root/.try-guide-vm-done" ]; then
    echo "1. Debian 12 tree: already in $root"; return
  fi
  rm -rf "$root"
  echo "1. Debian 12 tree in $root (debootstrap, standard variant: several minutes) ..."
  debootstrap --include=systemd-sysv,linux-image-amd64,grub-pc,openssh-server,ifupdown,isc-dhcp-client,python3,locales \
    bookworm "$root" "$MIRROR" >"$VM_DIR/debootstrap.log" 2>&1 \
    || die "debootstrap failed: $(tail -n 3 "$VM_DIR/debootstrap.log")"
  # what a netinst's "standard system utilities" adds: every package of priority standard
  # (with their recommends: dbus, libpam-systemd... logind and systemd --user need them), no sudo
  chroot "$root" apt-get update -qq
  local std
  std=$(awk '/^Package:/ {p = $2} /^Priority: (required|important|standard)$/ {print p}' \
          "$root"/var/lib/apt/lists/*_main_binary-amd64_Packages | sort -u | grep -vx sudo)
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq $std >>"$VM_DIR/debootstrap.log" 2>&1 \
    || die "installing the standard packages failed: $(tail -n 3 "$VM_DIR/debootstrap.log")"
  echo debian12-kiosk >"$root/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tdebian12-kiosk\n' >"$root/etc/hosts"
  printf '/dev/vda1\t/\text4\terrors=remount-ro\t0\t1\n' >"$root/etc/fstab"
  # the virtio NIC is ens3 or enp0s3 depending on the firmware's slot information: both
  cat >"$root/etc/network/interfaces" <<'EOF'
source /etc/network/interfaces.d/*
auto lo
iface lo inet loopback
allow-hotplug ens3
iface ens3 inet dhcp
allow-hotplug enp0s3
iface enp0s3 inet dhcp
EOF
  echo "en_US.UTF-8 UTF-8" >"$root/etc/locale.gen"
  chroot "$root" locale-gen >/dev/null
  echo 'LANG=en_US.UTF-8' >"$root/etc/default/locale"
  echo root:root | chroot "$root" chpasswd
  [ -f "$KEY" ] || ssh-keygen -q -t ed25519 -N "" -f "$KEY"
  install -d -m 700 "$root/root/.ssh"
  install -m 600 "$KEY.pub" "$root/root/.ssh/authorized_keys"
  # GRUB: the menu and the kernel's serial console (the screen stays the VGA one)
  sed -i 's/^GRUB_TIMEOUT=.*/GRUB_TIMEOUT=1/' "$root/etc/default/grub"
  sed -i 's/^GRUB_CMDLINE_LINUX=.*/GRUB_CMDLINE_LINUX="console=tty0 console=ttyS0,115200"/' "$root/etc/default/grub"
  chroot "$root" apt-get clean
  touch "$root/.try-guide-vm-done"
}

build_disk() {
  echo "2. disk.img ($DISK_SIZE, one ext4 partition made from the tree) ..."
  rm -f "$VM_DIR/disk.img"
  truncate -s "$DISK_SIZE" "$VM_DIR/disk.img"
  echo 'start=2048, type=83, bootable' | sfdisk -q "$VM_DIR/disk.img"
  local bytes kib
  bytes=$(stat -c %s "$VM_DIR/disk.img")
  kib=$(( (bytes - 2048 * 512) / 1024 ))
  mkfs.ext4 -q -F -L debian -E offset=$((2048 * 512)) -d "$VM_DIR/root" "$VM_DIR/disk.img" "${kib}k"
  rm -f "$VM_DIR/.grub-installed"
}

build_stick() {
  echo "3. usb.img: \"$STICK_NAME\" and a wheelhouse on FAT32 ..."
  local tmp=$VM_DIR/stick-files
  rm -rf "$tmp"; mkdir -p "$tmp/$STICK_NAME"
  git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$tmp/$STICK_NAME"
  [ -x .venv/bin/python ] || die "no .venv in $KIOSK_SRC (tools/setup.sh first): the wheelhouse needs it"
  tools/setup.sh --wheelhouse "$tmp/wheelhouse" --python-version 3.11 --platform manylinux_2_34_x86_64 \
    >"$VM_DIR/wheelhouse.log" 2>&1 || die "tools/setup.sh --wheelhouse: $(tail -n 3 "$VM_DIR/wheelhouse.log")"
  rm -f "$VM_DIR/usb.img"
  truncate -s 1G "$VM_DIR/usb.img"
  echo 'start=2048, type=c' | sfdisk -q "$VM_DIR/usb.img"
  mkfs.vfat -F 32 -n STICK --offset 2048 "$VM_DIR/usb.img" $(( (1024 * 1024 - 1024) )) >/dev/null
  MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i "$VM_DIR/usb.img@@1M" "$tmp/$STICK_NAME" "$tmp/wheelhouse" ::/
  rm -rf "$tmp"
}

qemu_boot() {  # qemu_boot [kernel]: with the tree's kernel (before GRUB is in the MBR) or from disk
  [ -f "$VM_DIR/qemu.pid" ] && kill -0 "$(cat "$VM_DIR/qemu.pid")" 2>/dev/null && die "the VM already runs (pid $(cat "$VM_DIR/qemu.pid"))"
  local accel=(-enable-kvm -cpu host) boot=()
  if [ "$ACCEL" = tcg ] || ! [ -w /dev/kvm ]; then
    # not -cpu max: QEMU 7.2's TCG runs AVX2 gathers wrong, and Mesa's llvmpipe (the VM's
    # OpenGL) uses them: Qt's render thread then dies with SIGSEGV at random (seen: kiosk
    # restart loop, dmesg "QSGRenderThread ... segfault", code c4 62 4d 90 = vpgatherdd).
    # Nehalem: SSE4.2, no AVX, enough for Debian 12 and Qt 6.
    echo "   TCG (no KVM): slow, allow minutes"; accel=(-accel tcg,thread=multi -cpu Nehalem)
  fi
  if [ "${1:-}" = kernel ]; then
    boot=(-kernel "$(ls "$VM_DIR"/root/boot/vmlinuz-* | tail -n 1)" -initrd "$(ls "$VM_DIR"/root/boot/initrd.img-* | tail -n 1)"
          -append "root=/dev/vda1 rw console=tty0 console=ttyS0")
  fi
  rm -f "$VM_DIR/mon.sock"
  qemu-system-x86_64 "${accel[@]}" -m 4G -smp 2 -name debian12-kiosk "${boot[@]}" \
    -drive file="$VM_DIR/disk.img",if=virtio,format=raw \
    -device qemu-xhci,id=xhci -device usb-tablet,bus=xhci.0 -device usb-kbd,bus=xhci.0 \
    -drive file="$VM_DIR/usb.img",if=none,id=stick,format=raw -device usb-storage,bus=xhci.0,drive=stick \
    -nic user,model=virtio-net-pci,hostfwd=tcp::"$SSH_PORT"-:22 \
    -vga std -display none -serial file:"$VM_DIR/serial.log" \
    -monitor unix:"$VM_DIR/mon.sock",server,nowait -pidfile "$VM_DIR/qemu.pid" -daemonize
  local t0=$SECONDS
  for _ in $(seq 1 300); do
    if ! kill -0 "$(cat "$VM_DIR/qemu.pid")" 2>/dev/null; then die "qemu ended; see $VM_DIR/serial.log"; fi
    if ssh "${SSH_OPTS[@]}" root@localhost true 2>/dev/null; then
      echo "   SSH answers after $((SECONDS - t0)) s: tools/try_guide_vm.sh ssh"; return 0
    fi
    sleep 2
  done
  die "no SSH after $((SECONDS - t0)) s; see $VM_DIR/serial.log"
}

mon() { echo "$*" | socat - UNIX-CONNECT:"$VM_DIR/mon.sock"; }

shot() {
  local name=${1:-shot}
  rm -f "$VM_DIR/$name.ppm"
  mon "screendump $VM_DIR/$name.ppm" >/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$VM_DIR/$name.ppm" ] && break; sleep 0.3; done
  if python3 -c 'import PIL' 2>/dev/null; then
    python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2])' "$VM_DIR/$name.ppm" "$VM_DIR/$name.png"
  else
    pnmtopng "$VM_DIR/$name.ppm" >"$VM_DIR/$name.png"
  fi
  rm -f "$VM_DIR/$name.ppm"
  echo "$VM_DIR/$name.png"
}

stop() {
  [ -S "$VM_DIR/mon.sock" ] || { echo "not running"; return 0; }
  mon system_powerdown >/dev/null || true
  local pid; pid=$(cat "$VM_DIR/qemu.pid" 2>/dev/null || true)
  for _ in $(seq 1 60); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then mon quit >/dev/null || true; fi
  rm -f "$VM_DIR/qemu.pid"
}

boot() {
  if [ ! -f "$VM_DIR/.grub-installed" ]; then
    echo "4. first boot with the tree's kernel, to put GRUB into the disk's MBR ..."
    qemu_boot kernel
    ssh "${SSH_OPTS[@]}" root@localhost 'grub-install /dev/vda >/dev/null 2>&1 && update-grub >/dev/null 2>&1' \
      || die "grub-install failed"
    touch "$VM_DIR/.grub-installed"
    stop
  fi
  echo "5. booting from the disk (GRUB) ..."
  qemu_boot
}

case "${1:-all}" in
  build) need_tools; build_root; build_disk; build_stick ;;
  boot) boot ;;
  all) need_tools; build_root; build_disk; build_stick; boot ;;
  ssh) shift; exec ssh "${SSH_OPTS[@]}" root@localhost "$@" ;;
  shot) shot "${2:-shot}" ;;
  mon) shift; mon "$*" ;;
  stop) stop ;;
  *) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
