# TAO (THP Allocator Optimizations) for Linux 6.12: build, boot and test.
# 'make help' lists the targets.

# The base: Debian's linux-source-6.12, pinned here and nowhere else.
DEBIAN_LINUX_VERSION := 6.12.117-1~deb12u1

# make run overrides; the default command line gives both THP zones
MEM      ?= 2G
CPUS     ?= 2
NUMA     ?= -
CMDLINE  ?= nosplit=25%,4 nomerge=25%,9
# make check: only boots whose name matches (shell glob)
BOOTS    ?= *
# make bench: QUICK=1 for a reduced run (about 7 minutes), SCEN= a subset,
# REPS= repetitions (default 3), JOBS= boots at once (default: host CPUs),
# RESUME=1 to go on with a run cut short
QUICK    ?=
SCEN     ?= *
# make deb: a kernel config to package TAO for (default: the production
# config of make bench, for the QEMU guest)
CONFIG   ?=

KERNEL   := build/guest/arch/x86/boot/bzImage
# make bench's production kernels (configs/bench.config on the guest config)
BENCH_TAO   := build/bench-tao/arch/x86/boot/bzImage
BENCH_STOCK := build/bench-stock/arch/x86/boot/bzImage
INITRD   := build/initramfs.cpio
BENCH    := $(patsubst bench/%.c,build/bench/bin/%,$(wildcard bench/*.c))
SERIES   := $(shell sed -n 's/^\([^\#[:space:]].*\)/patches\/\1/p' patches/series 2>/dev/null)

.PHONY: help deps tree export lint kernel kernel-kasan selftests initramfs \
	run check check-kasan baseline stock bench-kernels bench deb cross-arm64 clean
.DEFAULT_GOAL := help

help:
	@echo "make run          build and boot the TAO kernel in QEMU (MEM= CPUS= NUMA= CMDLINE=)"
	@echo "make check        lint, build, run the whole test matrix; ends in 'N passed, N failed'"
	@echo "make check-kasan  the same matrix on a KASAN kernel (slow; before allocator changes land)"
	@echo "make baseline     run the 'stock' boot on unpatched 6.12 (the regression oracle's reference)"
	@echo "make bench        THP coverage under fragmentation, stock 6.12 vs TAO: bench/results (QUICK=1: reduced)"
	@echo "make deb          Debian packages of the TAO kernel (bindeb-pkg): build/deb (CONFIG=/boot/config-... for a real machine)"
	@echo "make tree         create/refresh build/linux from patches/ (base + series)"
	@echo "make export       write build/linux's base..HEAD back to patches/"
	@echo "make lint         checkpatch --strict on every patch; series file vs files"
	@echo "make kernel       build the guest kernel (build/guest)"
	@echo "make cross-arm64  cross-build the series for arm64 (zone bits on a 6-zone layout; not in CI)"
	@echo "make clean        remove build/ (the kernel tree too: export first)"

deps:
	@scripts/deps.sh $(DEBIAN_LINUX_VERSION)

tree: deps
	@scripts/tree.sh $(DEBIAN_LINUX_VERSION)

export:
	@scripts/export.sh

lint: tree
	@scripts/lint.sh

kernel: tree
	@scripts/kernel.sh guest configs/guest.config

kernel-kasan: tree
	@scripts/kernel.sh guest-kasan configs/guest.config configs/kasan.config

selftests: tree
	@scripts/selftests.sh

# make bench's workloads, static, packed into the initramfs under /bench
build/bench/bin/%: bench/%.c bench/common.h
	@mkdir -p $(@D)
	gcc -O2 -static -Wall -Wextra -o $@ $<

initramfs: kernel selftests $(BENCH)
	@scripts/initramfs.sh build/guest build/selftests/mm $(INITRD) build/bench/bin

run: initramfs
	@scripts/run.sh "$(MEM)" "$(CPUS)" "$(NUMA)" "$(CMDLINE)"

check: lint initramfs
	@scripts/check.sh tests/matrix '$(BOOTS)'

stock: tree
	@scripts/stock.sh

bench-kernels: tree
	@scripts/kernel.sh bench-tao configs/guest.config configs/bench.config
	@scripts/stock.sh bench-stock configs/guest.config configs/bench.config

baseline: initramfs stock
	@scripts/baseline.sh

# The full run's results are committed; a QUICK or SCEN= run's stay in
# build/bench-dev.
bench: initramfs bench-kernels
	@QUICK=$(QUICK) SCEN='$(SCEN)' scripts/bench.sh $(BENCH_STOCK) \
		$(BENCH_TAO) $(INITRD) $(if $(QUICK)$(filter-out *,$(SCEN)),build/bench-dev,bench/results)

# The initramfs is for the self-check boot, which a user's CONFIG= skips
deb: tree $(if $(CONFIG),,initramfs)
	@scripts/deb.sh $(CONFIG)

# acpi=noirq: under KASAN in TCG (stock 6.12 too), ACPICA's AML loop
# timeout (30 s) ends the PCI _PRT method, so a PCI device's INTx gets no
# IRQ ("no GSI") and virtio-blk and virtio-mem wait for interrupts forever;
# SeaBIOS's PIRQ table routes them instead.
check-kasan: lint kernel-kasan initramfs
	@KERNEL=build/guest-kasan/arch/x86/boot/bzImage CMDLINE_EXTRA=acpi=noirq \
		scripts/check.sh tests/matrix '$(BOOTS)'

cross-arm64: tree
	@scripts/cross.sh

clean:
	rm -rf build
