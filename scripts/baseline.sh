#!/bin/sh
# The regression oracle's reference: run the 'stock' boot of tests/matrix on
# stock 6.12 (built by scripts/stock.sh).  Results: build/results/baseline/.
set -eu
# The 'stock' boot's machine and command line, with the oracle's plans only
# (the zone checks test what stock lacks by definition).
# shellcheck disable=SC2046
set -- $(grep '^stock ' tests/matrix)
mem=$2 cpus=$3 numa=$4 limit=$5 plans=smoke,swap,mm
shift 6
KERNEL=build/stock/arch/x86/boot/bzImage \
	scripts/boot.sh baseline "$mem" "$cpus" "$numa" "$limit" "$plans" "$*" || true
