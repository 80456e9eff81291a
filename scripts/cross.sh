#!/bin/sh
# Cross-build the series for arm64 and check its page->flags layout.
# Usage: cross.sh  ->  build/arm64/arch/arm64/boot/Image
# The kernel's own #errors (include/linux/page-flags-layout.h) stop a build
# whose zone, node and section fields do not fit; this prints the layout.
set -eu
top=$PWD
out=$top/build/arm64
scratch=$top/build/arm64.kconfig
export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	CCACHE_DIR="${CCACHE_DIR:-$top/build/ccache}"
if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
	[ "$(id -u)" = 0 ] || { echo "cross: needs gcc-aarch64-linux-gnu (apt-get install it as root)" >&2; exit 1; }
	DEBIAN_FRONTEND=noninteractive apt-get -y -qq install --no-install-recommends gcc-aarch64-linux-gnu >/dev/null
fi
rm -rf "$scratch"; mkdir -p "$scratch" "$out"
(cd build/linux && scripts/kconfig/merge_config.sh -n -O "$scratch" "$top/configs/arm64.config") \
	>"$scratch/merge.log" 2>&1 || { cat "$scratch/merge.log"; exit 1; }
if grep -A2 '^Value requested for' "$scratch/merge.log"; then
	echo "cross: configs/arm64.config asks for values Kconfig does not accept (above)" >&2
	exit 1
fi
cmp -s "$scratch/.config" "$out/.config" || cp "$scratch/.config" "$out/.config"
rm -rf "$scratch"
cc="${CROSS_COMPILE}gcc"
command -v ccache >/dev/null && cc="ccache $cc"
make -s -C build/linux O="$out" CC="$cc" olddefconfig
make -s -C build/linux O="$out" CC="$cc" -j"$(nproc)" Image
zones=$(sed -n 's/^#define MAX_NR_ZONES \([0-9]*\).*/\1/p' "$out/include/generated/bounds.h")
grep -q '^CONFIG_ZONE_DEVICE=y' "$out/.config" && dev=with || dev=without
echo "cross: arm64 Image built: MAX_NR_ZONES $zones ($dev ZONE_DEVICE), page->flags layout fits"
