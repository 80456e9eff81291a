#!/bin/sh
# The regression oracle's reference: build stock 6.12 (tag base, no series)
# with the guest config minus TAO's options, and run the 'stock' boot of
# tests/matrix on it.  Results: build/results/baseline/.
set -eu
top=$PWD
wt=build/stock-src
if [ ! -d "$wt" ]; then
	git -C build/linux worktree prune
	git -C build/linux worktree add -q --detach "$top/$wt" base
fi
grep -v 'THP_ZONES' configs/guest.config >build/stock.config
SRC=$top/$wt scripts/kernel.sh stock build/stock.config
# The 'stock' boot's machine and command line, with the oracle's plans only
# (the zone checks test what stock lacks by definition).
# shellcheck disable=SC2046
set -- $(grep '^stock ' tests/matrix)
mem=$2 cpus=$3 numa=$4 limit=$5 plans=smoke,swap,mm
shift 6
KERNEL=build/stock/arch/x86/boot/bzImage \
	scripts/boot.sh baseline "$mem" "$cpus" "$numa" "$limit" "$plans" "$*" || true
