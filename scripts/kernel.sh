#!/bin/sh
# Configure and build one guest kernel out of tree.
# Usage: kernel.sh <name> <fragment>...   ->  build/<name>/arch/x86/boot/bzImage
# SRC=<tree> builds another source tree (default build/linux).
#
# The config is allnoconfig plus the fragments, merged by the kernel's own
# merge_config.sh.  It is generated in a scratch directory and copied over
# build/<name>/.config only when it differs, so an unchanged tree and config
# rebuild nothing.
set -eu
name=$1; shift
top=$PWD
src=${SRC:-$top/build/linux}
out=$top/build/$name
scratch=$top/build/$name.kconfig
# Fixed build identity (the version is the "#1" of uname -v, else counted
# up at every link), so that relinking the same tree and config gives the
# same bzImage: make bench RESUME=1 checks the kernels' hashes.
export ARCH=x86_64 KBUILD_BUILD_USER=tao KBUILD_BUILD_HOST=qemu \
	KBUILD_BUILD_TIMESTAMP='2000-01-01' KBUILD_BUILD_VERSION=1 \
	CCACHE_DIR="${CCACHE_DIR:-$top/build/ccache}"

frags=""
for f in "$@"; do frags="$frags $top/$f"; done

rm -rf "$scratch"; mkdir -p "$scratch" "$out"
# shellcheck disable=SC2086
(cd "$src" && scripts/kconfig/merge_config.sh -n -O "$scratch" $frags) >"$scratch/merge.log" 2>&1 ||
	{ cat "$scratch/merge.log"; exit 1; }
# A symbol asked to be off may vanish with its dependency (configs/bench.config
# switches off KUNIT and the tests that need it): only other mismatches count.
if awk '/^Value requested for/ { r = $0; getline q; getline a
	if (q ~ /is not set$/ && a ~ /^Actual value: *$/) next
	print r; print q; print a; bad = 1 } END { exit !bad }' "$scratch/merge.log"; then
	echo "kernel: the fragments ask for values Kconfig does not accept (above)" >&2
	exit 1
fi
if ! cmp -s "$scratch/.config" "$out/.config"; then
	cp "$scratch/.config" "$out/.config"
	echo "kernel: $name config updated"
fi
rm -rf "$scratch"
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"
make -s -C "$src" O="$out" CC="$cc" olddefconfig
make -s -C "$src" O="$out" CC="$cc" -j"$(nproc)" bzImage
echo "kernel: build/$name/arch/x86/boot/bzImage"
