#!/bin/sh
# Build Debian packages of the TAO kernel with the kernel's own bindeb-pkg:
# build/deb/linux-image-<release>-tao_*.deb (and linux-libc-dev; with
# modules, linux-headers).
# Usage: deb.sh [<config>]
#   Without a config: the production config of make bench (allnoconfig,
#   configs/guest.config, configs/bench.config), which boots the QEMU guest
#   of make run but not a real machine; the packaged vmlinuz is then booted
#   here with the smoke and zones plans (build/results/deb).
#   With a config (a real machine's /boot/config-$(uname -r)): that config
#   with configs/tao.config merged onto it (merge_config.sh), for that
#   machine; it is not booted here.
set -eu
top=$PWD
src=$top/build/linux
out=$top/build/deb/kernel
config=${1:-}
export KBUILD_BUILD_USER=tao KBUILD_BUILD_HOST=deb \
	CCACHE_DIR="${CCACHE_DIR:-$top/build/ccache}"
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"

rm -f "$top"/build/deb/*.deb "$top"/build/deb/*.buildinfo "$top"/build/deb/*.changes
if [ -n "$config" ]; then
	[ -r "$config" ] || { echo "deb: cannot read $config" >&2; exit 1; }
	mkdir -p "$out"
	(cd "$src" && scripts/kconfig/merge_config.sh -m -O "$out" "$(realpath "$config")" \
		"$top/configs/tao.config") >"$top/build/deb/merge.log" 2>&1 ||
		{ cat "$top/build/deb/merge.log"; exit 1; }
	make -s -C "$src" O="$out" CC="$cc" olddefconfig
	# The user's choices are the user's; TAO's must all be there.
	grep '^CONFIG_' configs/tao.config | while read -r want; do
		grep -qx "$want" "$out/.config" ||
			{ echo "deb: $want did not survive olddefconfig (a dependency is off?)" >&2; exit 1; }
	done
else
	scripts/kernel.sh deb/kernel configs/guest.config configs/bench.config
fi
# LOCALVERSION set keeps setlocalversion from appending "+" for the git tree.
make -s -C "$src" O="$out" CC="$cc" -j"$(nproc)" LOCALVERSION=-tao bindeb-pkg
ls -1 "$top"/build/deb/*.deb
[ -n "$config" ] && exit 0

# Self-check: the packaged kernel, not the build tree's, boots with zones.
rm -rf "$top/build/deb/root"
image=$(ls "$top"/build/deb/linux-image-*-tao_*.deb | grep -v dbg | head -n 1)
dpkg-deb -x "$image" "$top/build/deb/root"
vmlinuz=$(ls "$top"/build/deb/root/boot/vmlinuz-*)
# The packaged kernel has jump labels (bench.config): single-threaded TCG
# (-icount), where no vCPU runs a stale int3 of text_poke_bp()
QEMU_EXTRA="-icount shift=0,sleep=off" KERNEL=$vmlinuz scripts/boot.sh deb 2G 2 - 900 smoke,zones "nosplit=25%,4 nomerge=25%,9 thp_hvo=on"
echo "deb: $(basename "$vmlinuz") from $(basename "$image") boots: build/results/deb/results"
