// SPDX-License-Identifier: GPL-2.0
/*
 * Scenarios 1 and 2: fragment memory the way a long-running system does,
 * then demand THPs (-m thp) or 64 KiB mTHPs (-m mthp).  Each cycle:
 *
 *  fill    anonymous base pages and many small tmpfs files (page cache,
 *          dentries, inodes) until the base zones sit just above their
 *          high watermarks; no large free block is left.  For fill, holes
 *          and pin only, min_free_kbytes is lowered to 8 MiB: on a busy
 *          system the free memory held at the watermarks is itself
 *          scattered, but here it would be left in large blocks (44 MiB on
 *          2 GiB with THP), which the first unmovable pages would claim.
 *          The per-cpu free lists are shrunk too (percpu_pagelist_high_
 *          fraction), or they would keep the holes from the pins, and
 *          watermark boosting is off (watermark_boost_factor=0): a boost
 *          after the fill raises the min watermark above the free memory
 *          and ends in an OOM kill;
 *  holes   free scattered anonymous pages, picked by physical address
 *          (pagemap): one in every run of anon/holes pfns;
 *  pin     allocate long-lived unmovable kernel memory (pipe buffers) and
 *          more files while memory is that full, until the base zones are
 *          back near their watermarks: the pins land in the holes, spread
 *          over every pageblock, never below the watermarks;
 *  release free all anonymous memory (the pins, the files and the slab
 *          stay), let the per-cpu lists drain, record buddyinfo and
 *          pagetypeinfo, restore both sysctls;
 *  demand  fault a large MADV_HUGEPAGE region and count what it got,
 *          and the page allocator's fallbacks to another migratetype
 *          (tracepoint kmem:mm_page_alloc_extfrag, when tracefs is there):
 *          all of them, and the fragmenting ones, which take less than a
 *          pageblock and so leave it mixed.
 *
 * Later cycles delete half of the previous cycle's files first (churn).
 * Scenario 7 (-m nofrag) is scenario 2 in a guest with ZONE_NORMAL above
 * DMA32, whose mTHP zone is too small for the demand: what falls back out
 * of the zone must fragment no more than stock (ALLOC_NOFRAGMENT).
 *
 * Scenario 9 (-P dir, THP demand) takes its pollution from a disk file
 * system mounted at dir instead, as mmtests' thpfioscale has fio make it:
 * files of -f MiB in all (default 1.25 times memory) are read at random
 * (4 KiB reads, and one 256 KiB sequential read in 16, which gives XFS's
 * large folios), until the page cache has filled memory; a reader child
 * goes on during the demand.  No anonymous fill, holes or pins: clean page
 * cache, which reclaim and compaction can both move or drop.  Before the
 * first cycle it reports the cost of reading files: a cold sequential read
 * of one file (guest ns per MiB) and random 4 KiB reads of it once cached.
 * Usage: frag [-m thp|mthp|nofrag] [-d demand-MiB] [-c cycles]
 *             [-H holes-MiB] [-s seed] [-F files-per-chunk]
 *             [-P dir [-f files-MiB]]
 */
#include "common.h"
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define CHUNK (4 * MIB)
#define MAXCHUNK 4096
#define MARGIN (long)(4 * MIB / PAGE)	/* pages kept above the high watermarks */

static char *chunk[MAXCHUNK];
static size_t chunklen[MAXCHUNK];
static int nchunk;
static long nfiles[64];
static int pipes[65536][2], npipe;
static const char *mode = "thp", *scen = "thp";
static const char *pdir;	/* scenario 9: the disk file system */
static long pfiles_mib;

static void file(int cycle, long n)
{
	char path[64], buf[PAGE];
	int fd;

	snprintf(path, sizeof(path), "/tmp/frag/%d/%ld", cycle, n);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		die(path);
	memset(buf, 'f', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		die("write file");
	close(fd);
}

static void files(int cycle, int n)
{
	while (n-- > 0)
		file(cycle, nfiles[cycle]++);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/*
 * One hole in every aligned run of 'stride' pfns, at a random offset: the
 * holes are spread evenly, so the pins that fill them reach every pageblock
 * and, at the mTHP scale, nearly every 64 KiB block.
 */
static int hole(uint64_t pfn, long stride, long seed, int cycle)
{
	return (long)(pfn % stride) == (long)(mix(pfn / stride ^ (seed << 40) ^ ((uint64_t)cycle << 32)) % stride);
}

/* One unmovable page group: 64 KiB of pipe buffers (16 pages). */
static void pin(void)
{
	static char buf[64 * KIB];

	for (;;) {
		if (npipe && write(pipes[npipe - 1][1], buf, sizeof(buf)) == (ssize_t)sizeof(buf))
			return;
		/*
		 * Default 64 KiB pipes: F_SETPIPE_SZ would kmalloc an order-2
		 * ring, which this fragmented memory cannot give (OOM kill).
		 */
		if (npipe == 65536 || pipe2(pipes[npipe], O_NONBLOCK))
			die("pipe");
		npipe++;
	}
}

static long stat_mthp(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path),
		 "/sys/kernel/mm/transparent_hugepage/hugepages-64kB/stats/%s", name);
	return readnum(path);
}

/* The tracefs file @name, or NULL without tracefs */
static const char *tracefs(const char *name)
{
	static const char *const dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	static char path[256];
	static int dir = -1;

	if (dir < 0) {
		mount("nodev", dirs[0], "tracefs", 0, NULL);
		for (dir = 0; dir < 2; dir++) {
			snprintf(path, sizeof(path), "%s/trace", dirs[dir]);
			if (!access(path, W_OK))
				break;
		}
	}
	if (dir >= 2)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dirs[dir], name);
	return path;
}

#define EXTFRAG "events/kmem/mm_page_alloc_extfrag/enable"

/* Start counting fallbacks: an empty trace buffer, the event on */
static int extfrag_start(void)
{
	int fd;

	if (!tracefs("trace") || writestr(tracefs("buffer_size_kb"), "16384"))
		return -1;
	fd = open(tracefs("trace"), O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -1;
	close(fd);
	return writestr(tracefs(EXTFRAG), "1");
}

/* Stop, and print the fallbacks since extfrag_start() (-1: not counted) */
static void extfrag_stop(int on)
{
	long all = -1, frag = -1, lost = 0, n;
	char line[512];
	FILE *f;
	int cpu;

	if (!on) {
		writestr(tracefs(EXTFRAG), "0");
		f = fopen(tracefs("trace"), "r");
		all = frag = 0;
		while (f && fgets(line, sizeof(line), f))
			if (strstr(line, "mm_page_alloc_extfrag:")) {
				all++;
				frag += !!strstr(line, "fragmenting=1");
			}
		if (f)
			fclose(f);
		for (cpu = 0; cpu < 64; cpu++) {
			snprintf(line, sizeof(line), "per_cpu/cpu%d/stats", cpu);
			n = kv(tracefs(line), "overrun:");
			if (n > 0)
				lost += n;
		}
	}
	printf(" extfrag=%ld extfrag_fragmenting=%ld extfrag_lost=%ld", all, frag, lost);
}

static const char *const vmkeys[] = {
	"thp_fault_alloc", "thp_fault_fallback", "compact_stall", "compact_fail",
	"compact_success", "compact_migrate_scanned", "compact_free_scanned",
	"compact_isolated", "pgalloc_nosplit", "pgalloc_nomerge",
};
#define NVM (sizeof(vmkeys) / sizeof(vmkeys[0]))

/* The @q-th percentile of @n sorted values, by nearest rank */
static unsigned long long pct(const uint64_t *v, size_t n, unsigned int q)
{
	size_t rank = (q * n + 99) / 100;

	return v[rank ? rank - 1 : 0];
}

/*
 * Fault the demand region and count what it got.  The first touch of each
 * THP-sized unit is the fault that tries the THP (and compacts, reclaims or
 * falls back): its guest time is kept for the percentiles; the rest of the
 * unit is touched untimed.
 */
static void demand(int cycle, size_t len)
{
	long long before[NVM], a0 = stat_mthp("anon_fault_alloc"), f0 = stat_mthp("anon_fault_fallback");
	char *p = map_aligned(len, PMD);
	/* one fault per unit is timed: the first touch, which tries the THP */
	size_t unit = strcmp(mode, "thp") ? 64 * KIB : PMD, units = len / unit, u;
	uint64_t *lat = calloc(units, sizeof(*lat));
	uint64_t t0, t1;
	long m0, faults, total, big, big4;
	unsigned int i;
	int tr;

	if (!lat)
		die("calloc");

	if (madvise(p, len, MADV_HUGEPAGE))
		die("madvise");
	for (i = 0; i < NVM; i++)
		before[i] = vm(vmkeys[i]);
	tr = extfrag_start();
	m0 = minflt();
	t0 = now_ns();
	for (u = 0; u < units; u++) {
		char *q = p + u * unit;
		uint64_t s = now_ns();

		*q = 1;
		lat[u] = now_ns() - s;
		touch(q + PAGE, unit - PAGE);
	}
	t1 = now_ns();
	faults = minflt() - m0;
	qsort(lat, units, sizeof(*lat), cmp_u64);
	printf("BENCH %s cycle=%d demand_mib=%zu faults=%ld ns=%llu ns_per_fault=%llu ns_per_mib=%llu lat_p50_ns=%llu lat_p90_ns=%llu lat_p99_ns=%llu lat_max_ns=%llu",
	       scen, cycle, len / MIB, faults, (unsigned long long)(t1 - t0),
	       (unsigned long long)((t1 - t0) / (faults ? faults : 1)),
	       (unsigned long long)((t1 - t0) / (len / MIB)),
	       pct(lat, units, 50), pct(lat, units, 90), pct(lat, units, 99),
	       pct(lat, units, 100));
	for (i = 0; i < NVM; i++)
		if (before[i] >= 0)
			printf(" %s=%lld", vmkeys[i], vm(vmkeys[i]) - before[i]);
	if (!strcmp(mode, "thp")) {
		long long huge = meminfo("/proc/self/smaps_rollup", "AnonHugePages");

		printf(" anon_huge_mib=%lld coverage_pct=%.1f", huge / 1024,
		       100.0 * huge * KIB / len);
	} else {
		long long a = stat_mthp("anon_fault_alloc") - a0;

		printf(" mthp_alloc=%lld mthp_fallback=%lld coverage_pct=%.1f", a,
		       stat_mthp("anon_fault_fallback") - f0, 100.0 * a * 64 * KIB / len);
	}
	extfrag_stop(tr);
	buddy(1, PB_ORDER, &total, &big);
	buddy(1, 4, &total, &big4);
	printf(" after_free_o9_mib=%ld\n", big * PAGE / MIB);
	/* The distribution, for the CDF plot: every percentile */
	printf("BENCH %s_cdf cycle=%d", scen, cycle);
	for (i = 1; i <= 100; i++)
		printf(" q%u=%llu", i, pct(lat, units, i));
	printf("\n");
	free(lat);
	munmap(p, len);
}


/* Scenario 9: the page cache of a disk file system (-P) */
#define PFILE (16 * MIB)
static int pfd[4096], npf;
static char scen_buf[64];

static uint64_t rnd(uint64_t *state)
{
	*state += 0x9e3779b97f4a7c15ULL;
	return mix(*state);
}

/* One read: 4 KiB at random, or 256 KiB in sequence for one in 16 */
static void pread_one(uint64_t *state)
{
	static char buf[256 * KIB];
	uint64_t r = rnd(state);
	size_t len = r % 16 ? PAGE : sizeof(buf);
	off_t off = (off_t)((r >> 8) % ((PFILE - len) / PAGE)) * PAGE;

	if (pread(pfd[(r >> 40) % npf], buf, len, off) != (ssize_t)len)
		die("pread");
}

static void pcache_setup(void)
{
	static char buf[MIB];
	char path[512];
	long i, n = pfiles_mib * MIB / PFILE;
	size_t off;
	uint64_t t0, t1, t2;

	if (n < 1)
		n = 1;
	if (n > 4096)
		n = 4096;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/pcache%ld", pdir, i);
		pfd[npf] = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
		if (pfd[npf] < 0)
			die(path);
		for (off = 0; off < PFILE; off += sizeof(buf)) {
			memset(buf, (int)(i + off / MIB) | 1, sizeof(buf));
			if (pwrite(pfd[npf], buf, sizeof(buf), off) != (ssize_t)sizeof(buf))
				die("write");
		}
		npf++;
	}
	sync();
	if (writestr("/proc/sys/vm/drop_caches", "3"))
		die("drop_caches");
	/* The cost of reading: one file cold, in sequence, then cached */
	t0 = now_ns();
	for (off = 0; off < PFILE; off += sizeof(buf))
		if (pread(pfd[0], buf, sizeof(buf), off) != (ssize_t)sizeof(buf))
			die("read");
	t1 = now_ns();
	for (i = 0; i < 16384; i++)
		if (pread(pfd[0], buf, PAGE, (off_t)(mix(i) % (PFILE / PAGE)) * PAGE) != (ssize_t)PAGE)
			die("read");
	t2 = now_ns();
	printf("BENCH %s cycle=0 files=%d files_mib=%ld cold_ns_per_mib=%llu hot_ns_per_read=%llu\n",
	       scen, npf, (long)npf * PFILE / MIB,
	       (unsigned long long)((t1 - t0) / (PFILE / MIB)),
	       (unsigned long long)((t2 - t1) / 16384));
}

/* Fill memory with page cache: read until the base zones are near high */
static long pcache_fill(uint64_t *state)
{
	long reads = 0, limit = 4 * (long)npf * (PFILE / PAGE);

	while (headroom() > MARGIN && reads < limit) {
		for (int i = 0; i < 1024; i++)
			pread_one(state);
		reads += 1024;
	}
	return reads;
}

/* The reader during the demand: counts its reads in *@done until killed */
static pid_t pcache_reader(long *done, uint64_t seed)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid)
		return pid;
	for (;;) {
		pread_one(&seed);
		__atomic_add_fetch(done, 1, __ATOMIC_RELAXED);
	}
}

static void pcache_cycle(int c, size_t demand_len, uint64_t *state)
{
	long *done = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long reads, total, big, r0, s0;
	pid_t pid;

	if (done == MAP_FAILED)
		die("mmap");
	r0 = vm("pgsteal_file");
	s0 = vm("pgscan_file");
	reads = pcache_fill(state);
	buddy(1, PB_ORDER, &total, &big);
	printf("BENCH %s cycle=%d reads=%ld cached_mib=%lld free_mib=%ld free_o9_mib=%ld fill_pgsteal_file=%lld fill_pgscan_file=%lld\n",
	       scen, c, reads, meminfo("/proc/meminfo", "Cached") / 1024,
	       total * PAGE / MIB, big * PAGE / MIB, vm("pgsteal_file") - r0,
	       vm("pgscan_file") - s0);
	show_frag(scen, c == 1 ? "cycle1" : "cycle");
	fflush(stdout);
	*done = 0;
	r0 = vm("pgsteal_file");
	pid = pcache_reader(done, *state ^ 0x5555);
	demand(c, demand_len);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	printf("BENCH %s cycle=%d reads_during=%ld demand_pgsteal_file=%lld cached_mib_after=%lld\n",
	       scen, c, *done, vm("pgsteal_file") - r0,
	       meminfo("/proc/meminfo", "Cached") / 1024);
	fflush(stdout);
	munmap(done, PAGE);
}

int main(int argc, char **argv)
{
	size_t demand_len = 512 * MIB;
	long holes = 64 * MIB / PAGE, seed = 1;
	int cycles = 3, per_chunk = 16, c, opt;
	struct rlimit nofile = { 200000, 200000 };
	char minfree[32], boost[32];

	while ((opt = getopt(argc, argv, "m:d:c:H:s:F:P:f:")) != -1) {
		switch (opt) {
		case 'm': mode = optarg; break;
		case 'd': demand_len = atol(optarg) * MIB; break;
		case 'c': cycles = atoi(optarg); break;
		case 'H': holes = atol(optarg) * MIB / PAGE; break;
		case 's': seed = atol(optarg); break;
		case 'F': per_chunk = atoi(optarg); break;
		case 'P': pdir = optarg; break;
		case 'f': pfiles_mib = atol(optarg); break;
		default: return 2;
		}
	}
	if (cycles > 63)
		cycles = 63;
	if (setrlimit(RLIMIT_NOFILE, &nofile))
		die("setrlimit");
	if (strcmp(mode, "thp")) {
		scen = mode;
		if (writestr("/sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled", "never") ||
		    writestr("/sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled", "always"))
			die("mTHP sysfs");
	}
	snprintf(minfree, sizeof(minfree), "%lld", readnum("/proc/sys/vm/min_free_kbytes"));
	snprintf(boost, sizeof(boost), "%lld", readnum("/proc/sys/vm/watermark_boost_factor"));
	mkdir("/tmp/frag", 0700);
	if (pdir) {
		const char *fs = strrchr(pdir, '/') ? strrchr(pdir, '/') + 1 : pdir;
		uint64_t state = seed;

		if (strcmp(mode, "thp"))
			die("-P: THP demand only");
		snprintf(scen_buf, sizeof(scen_buf), "pcache_%s", fs);
		scen = scen_buf;
		if (!pfiles_mib)
			pfiles_mib = meminfo("/proc/meminfo", "MemTotal") * 5 / 4 / 1024;
		printf("# %s: seed=%ld demand=%zuMiB files=%ldMiB in %s cycles=%d\n",
		       scen, seed, demand_len / MIB, pfiles_mib, pdir, cycles);
		pcache_setup();
		for (c = 1; c <= cycles; c++)
			pcache_cycle(c, demand_len, &state);
		return 0;
	}
	printf("# %s: seed=%ld demand=%zuMiB holes=%ldMiB cycles=%d min_free_kbytes=%lld\n",
	       scen, seed, demand_len / MIB, holes * PAGE / MIB, cycles,
	       readnum("/proc/sys/vm/min_free_kbytes"));

	for (c = 1; c <= cycles; c++) {
		long anon = 0, freed = 0, pinned = 0, total, big, big4, stride, i, h;
		int pm = open("/proc/self/pagemap", O_RDONLY);
		char dir[64];

		if (pm < 0)
			die("pagemap");
		snprintf(dir, sizeof(dir), "/tmp/frag/%d", c);
		mkdir(dir, 0700);
		/* churn: the previous cycle's files, every other one */
		for (i = 0; c > 1 && i < nfiles[c - 1]; i += 2) {
			snprintf(dir, sizeof(dir), "/tmp/frag/%d/%ld", c - 1, i);
			unlink(dir);
		}

		/* fill */
		if (writestr("/proc/sys/vm/min_free_kbytes", "8192") ||
		    writestr("/proc/sys/vm/watermark_boost_factor", "0"))
			die("sysctl");
		pcp_small(1);
		while ((h = headroom()) > MARGIN + 64 && nchunk < MAXCHUNK) {
			size_t len = CHUNK;

			if ((h - MARGIN) * PAGE < len)
				len = (h - MARGIN) * PAGE / 2 & ~(PAGE - 1);
			if (len < 16 * PAGE)
				break;
			chunk[nchunk] = mmap(NULL, len, PROT_READ | PROT_WRITE,
					     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (chunk[nchunk] == MAP_FAILED)
				die("mmap");
			madvise(chunk[nchunk], len, MADV_NOHUGEPAGE);
			touch(chunk[nchunk], len);
			chunklen[nchunk++] = len;
			anon += len / PAGE;
			if (len == CHUNK)
				files(c, per_chunk);
		}

		printf("# %s cycle %d: headroom %ld MiB after fill\n", scen, c, headroom() * PAGE / MIB);
		/* holes: pages picked by pfn, so every pageblock gets some */
		stride = holes ? anon / holes : 0;
		for (i = 0; stride && i < nchunk; i++) {
			size_t n = chunklen[i] / PAGE, j;
			uint64_t *pfn = malloc(n * 8);

			if (pread(pm, pfn, n * 8, (uintptr_t)chunk[i] / PAGE * 8) != (ssize_t)(n * 8))
				die("pagemap read");
			for (j = 0; j < n; j++)
				if ((pfn[j] >> 63) && hole(pfn[j] & ((1ULL << 55) - 1), stride, seed, c)) {
					madvise(chunk[i] + j * PAGE, PAGE, MADV_DONTNEED);
					freed++;
				}
			free(pfn);
		}
		close(pm);
		printf("# %s cycle %d: headroom %ld MiB after holes\n", scen, c, headroom() * PAGE / MIB);

		/* pin: unmovable pages and slab while no large block is free */
		for (i = 0; headroom() > MARGIN + 16; i++) {
			pin();
			pinned += 16;
			if (i % 4 == 0)
				files(c, 4);
		}

		/* release */
		for (i = 0; i < nchunk; i++)
			munmap(chunk[i], chunklen[i]);
		nchunk = 0;
		pcp_small(1);
		buddy(1, PB_ORDER, &total, &big);
		buddy(1, 4, &total, &big4);
		printf("BENCH %s cycle=%d anon_mib=%ld holes_mib=%ld pinned_mib=%ld files=%ld pipes=%d free_mib=%ld free_o9_mib=%ld free_o4_mib=%ld unmovable_blocks=%ld movable_blocks=%ld reclaimable_blocks=%ld mixed_movable_blocks=%ld\n",
		       scen, c, anon * PAGE / MIB, freed * PAGE / MIB, pinned * PAGE / MIB,
		       nfiles[c], npipe, total * PAGE / MIB, big * PAGE / MIB, big4 * PAGE / MIB,
		       blocks("blocks type", 0), blocks("blocks type", 1), blocks("blocks type", 2),
		       blocks("mixed blocks", 1));
		show_frag(scen, c == 1 ? "cycle1" : "cycle");
		fflush(stdout);
		if (writestr("/proc/sys/vm/min_free_kbytes", minfree) ||
		    writestr("/proc/sys/vm/watermark_boost_factor", boost))
			die("sysctl");
		pcp_small(0);

		/* demand */
		demand(c, demand_len);
		fflush(stdout);
	}
	return 0;
}
