// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario 4: contiguity kept.  Each round faults a MADV_HUGEPAGE region
 * as THPs, then unmaps all but a few random pages of every THP; the
 * remnants live on.  Reported: free memory in blocks of the THP order
 * (buddyinfo, all zones) after the rounds, after the shrinkers ran
 * (drop_caches: the deferred split queue) and after everything is freed.
 * The per-cpu free lists are kept small, so that freed pages reach the
 * buddy allocator (and buddyinfo) before each count.
 * Usage: churn [-s MiB per round] [-r rounds] [-k pages kept per THP] [-S seed]
 */
#include "common.h"

static const char *const vmkeys[] = {
	"thp_fault_alloc", "thp_fault_fallback", "thp_split_page",
	"thp_split_page_failed", "thp_deferred_split_page",
};
#define NVM (sizeof(vmkeys) / sizeof(vmkeys[0]))

static long long before[NVM];

static void report(const char *step)
{
	long base, base9, pol, pol9;
	unsigned int i;

	pcp_small(1);
	buddy(1, PB_ORDER, &base, &base9);
	buddy(0, PB_ORDER, &pol, &pol9);
	printf("BENCH churn step=%s free_mib=%ld free_o9_mib=%ld free_o9_blocks=%ld anon_huge_mib=%lld anon_mib=%lld",
	       step, (base + pol) * PAGE / MIB, (base9 + pol9) * PAGE / MIB,
	       (base9 + pol9) >> PB_ORDER, meminfo("/proc/meminfo", "AnonHugePages") / 1024,
	       meminfo("/proc/meminfo", "AnonPages") / 1024);
	for (i = 0; i < NVM; i++)
		printf(" %s=%lld", vmkeys[i], vm(vmkeys[i]) - before[i]);
	printf("\n");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	size_t len = 256 * MIB, off;
	int rounds = 4, keep = 8, r, opt;
	unsigned int seed = 1;
	char *maps[64];

	while ((opt = getopt(argc, argv, "s:r:k:S:")) != -1) {
		switch (opt) {
		case 's': len = atol(optarg) * MIB; break;
		case 'r': rounds = atoi(optarg); break;
		case 'k': keep = atoi(optarg); break;
		case 'S': seed = atoi(optarg); break;
		default: return 2;
		}
	}
	if (rounds > 64)
		rounds = 64;
	srandom(seed);
	for (r = 0; r < (int)NVM; r++)
		before[r] = vm(vmkeys[r]);
	report("start");
	for (r = 0; r < rounds; r++) {
		char *p = map_aligned(len, PMD);

		if (madvise(p, len, MADV_HUGEPAGE))
			die("madvise");
		touch(p, len);
		/* keep 'keep' random pages of each 2 MiB, unmap the rest */
		for (off = 0; off < len; off += PMD) {
			char kept[PMD / PAGE] = { 0 };
			size_t i, start = 0;

			for (i = 0; i < (size_t)keep; i++)
				kept[random() % (PMD / PAGE)] = 1;
			for (i = 0; i <= PMD / PAGE; i++) {
				if (i < PMD / PAGE && !kept[i])
					continue;
				if (i > start && munmap(p + off + start * PAGE, (i - start) * PAGE))
					die("munmap");
				start = i + 1;
			}
		}
		maps[r] = p;
	}
	report("churned");
	writestr("/proc/sys/vm/drop_caches", "3");
	report("shrunk");
	for (r = 0; r < rounds; r++)
		munmap(maps[r], len);
	report("freed");
	return 0;
}
