#!/bin/sh
# Build stock 6.12 (tag base of build/linux, no series) from the same config
# fragments as a TAO kernel, minus TAO's options (THP_ZONES, THP_HVO):
# build/<name>/arch/x86/boot/bzImage.  The reference kernel of make baseline
# (stock, the guest config) and make bench (bench-stock, the production one).
# Usage: stock.sh [<name> <fragment>...]   (default: stock configs/guest.config)
set -eu
top=$PWD
name=${1:-stock}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- configs/guest.config
wt=build/stock-src
if [ ! -d "$wt" ]; then
	git -C build/linux worktree prune
	git -C build/linux worktree add -q --detach "$top/$wt" base
fi
frags=
for f in "$@"; do
	grep -v 'THP_ZONES\|THP_HVO' "$f" >"build/$name.${f##*/}"
	frags="$frags build/$name.${f##*/}"
done
# shellcheck disable=SC2086
SRC=$top/$wt scripts/kernel.sh "$name" $frags
