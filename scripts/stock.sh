#!/bin/sh
# Build stock 6.12 (tag base of build/linux, no series) with the guest config
# minus TAO's options (THP_ZONES, THP_HVO): build/stock/arch/x86/boot/bzImage.
# The reference kernel of make baseline and make bench.
set -eu
top=$PWD
wt=build/stock-src
if [ ! -d "$wt" ]; then
	git -C build/linux worktree prune
	git -C build/linux worktree add -q --detach "$top/$wt" base
fi
grep -v 'THP_ZONES\|THP_HVO' configs/guest.config >build/stock.config
SRC=$top/$wt scripts/kernel.sh stock build/stock.config
