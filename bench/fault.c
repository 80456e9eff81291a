// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario 3: the cost of ordinary (order-0) anonymous page faults and of
 * freeing them.  Under -icount shift=0 ns_per_fault is guest instructions
 * per fault.  The region's size is the result's step: a region that fits
 * in the per-CPU free lists is freed to them, a larger one mostly to the
 * buddy lists, whose cap (a share of the zone, see zone_highsize()) shrinks
 * with the zone the faults come from.
 * Usage: fault [-s MiB] [-r repetitions]
 */
#include "common.h"

int main(int argc, char **argv)
{
	size_t len = 256 * MIB;
	int reps = 5, r, opt;

	while ((opt = getopt(argc, argv, "s:r:")) != -1) {
		switch (opt) {
		case 's': len = atol(optarg) * MIB; break;
		case 'r': reps = atoi(optarg); break;
		default: return 2;
		}
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
