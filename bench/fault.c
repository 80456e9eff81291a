// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario 3: the cost of ordinary (order-0) anonymous page faults and of
 * freeing them.  Under -icount shift=0 ns_per_fault is guest instructions
 * per fault.  The region's size is the result's step: a region that fits
 * in the per-CPU free lists is freed to them, a larger one mostly to the
 * buddy lists, whose cap (a share of the zone, see zone_highsize()) shrinks
 * with the zone the faults come from.
 *
 * Scenario 6 (-t): the same for 2 MiB THPs, and the memmap the kernel keeps
 * (nr_memmap_boot_pages + nr_memmap_pages).  The step is whether THP HVO is
 * on: a folded ZONE_NOMERGE block has 127 tail struct pages to write when
 * it is allocated and freed instead of 511.
 * Usage: fault [-t] [-s MiB] [-r repetitions]
 */
#include "common.h"

static void thp_costs(size_t len, int reps)
{
	long long hvo = readnum("/proc/sys/vm/thp_hvo");
	long long memmap = vm("nr_memmap_boot_pages") + vm("nr_memmap_pages");
	int r;

	for (r = 1; r <= reps; r++) {
		long long a0 = vm("thp_fault_alloc"), z0 = vm("pgalloc_nomerge");
		char *raw = mmap(NULL, len + PMD, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *p = (char *)(((uintptr_t)raw + PMD - 1) & ~(PMD - 1));
		uint64_t t0, t1, t2;
		size_t off;
		long thps;

		if (raw == MAP_FAILED)
			die("mmap");
		if (madvise(p, len, MADV_HUGEPAGE))
			die("madvise");
		t0 = now_ns();
		for (off = 0; off < len; off += PMD)
			p[off] = 1;
		t1 = now_ns();
		thps = vm("thp_fault_alloc") - a0;
		munmap(raw, len + PMD);
		t2 = now_ns();
		if (thps < 1)
			thps = 1;
		printf("BENCH hvo thp_hvo=%d iter=%d thps=%ld nomerge_pages=%lld ns_per_fault=%llu ns_per_free=%llu memmap_kib=%lld memtotal_kib=%lld\n",
		       hvo > 0 ? 1 : 0, r, thps, z0 < 0 ? 0 : vm("pgalloc_nomerge") - z0,
		       (unsigned long long)((t1 - t0) / thps),
		       (unsigned long long)((t2 - t1) / thps),
		       memmap * (long long)(PAGE / KIB),
		       meminfo("/proc/meminfo", "MemTotal"));
	}
}

int main(int argc, char **argv)
{
	size_t len = 256 * MIB;
	int reps = 5, r, opt, thp = 0;

	while ((opt = getopt(argc, argv, "ts:r:")) != -1) {
		switch (opt) {
		case 't': thp = 1; break;
		case 's': len = atol(optarg) * MIB; break;
		case 'r': reps = atoi(optarg); break;
		default: return 2;
		}
	}
	if (thp) {
		thp_costs(len, reps);
		return 0;
	}
	for (r = 1; r <= reps; r++) {
		long long a0 = vm("pgalloc_dma32") + vm("pgalloc_normal");
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t t0, t1, t2;
		long m0, faults;

		if (p == MAP_FAILED)
			die("mmap");
		if (madvise(p, len, MADV_NOHUGEPAGE))
			die("madvise");
		m0 = minflt();
		t0 = now_ns();
		touch(p, len);
		t1 = now_ns();
		faults = minflt() - m0;
		munmap(p, len);
		t2 = now_ns();
		printf("BENCH fault mib=%zu iter=%d faults=%ld ns_per_fault=%llu ns_per_free=%llu base_allocs=%lld\n",
		       len / MIB, r, faults, (unsigned long long)((t1 - t0) / faults),
		       (unsigned long long)((t2 - t1) / (len / PAGE)),
		       vm("pgalloc_dma32") + vm("pgalloc_normal") - a0);
	}
	return 0;
}
