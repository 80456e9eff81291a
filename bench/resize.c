// SPDX-License-Identifier: GPL-2.0
/*
 * make bench, scenario 10: a THP zone sized from demand (thpzones auto)
 * against a static zone and against none.
 *
 * A THP phase faults -t MiB of MADV_HUGEPAGE memory and unmaps it, -r
 * rounds of a second each; then a base-page phase, a child, maps -b MiB of
 * base pages (default: what was free at the start, less -k MiB), 64 MiB a
 * second, and holds them for two seconds.  With nomerge=0,<order> on the
 * command line (a zone with no memory at boot, the configuration for sizing
 * from demand) "thpzones auto nomerge 0 -m --interval 1" runs beside both
 * phases; a static zone or stock run the same phases without it.
 *
 * Every second it prints the zone's size ("t=" lines, the plot); every THP
 * round the THPs faulted and those from ZONE_NOMERGE (pgalloc_nomerge); at
 * the end whether the child mapped everything and the OOM kills.
 */
#include <signal.h>
#include <sys/wait.h>
#include "common.h"

static uint64_t t0;

/* Present memory of ZONE_NOMERGE, all nodes, in MiB */
static long zone_mib(void)
{
	char line[256], zone[32] = "";
	long v, sum = 0;
	FILE *f = fopen("/proc/zoneinfo", "r");

	if (!f)
		die("zoneinfo");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Node %*d, zone %31s", zone) == 1)
			continue;
		else if (!strcmp(zone, "NoMerge") && sscanf(line, " present %ld", &v) == 1)
			sum += v;
	fclose(f);
	return sum * PAGE / MIB;
}

static long long secs(void)
{
	return (now_ns() - t0) / 1000000000ULL;
}

static const char *name = "resize";

static void sample(const char *phase, long base_mib)
{
	printf("BENCH %s t=%lld zone_mib=%ld base_mib=%ld thp_phase=%d\n", name, secs(),
	       zone_mib(), base_mib, !strcmp(phase, "thp"));
	fflush(stdout);
}

static long long nomerge_pages(void)
{
	long long v = vm("pgalloc_nomerge");

	return v < 0 ? 0 : v;
}

/* The child of the base-page phase: exits 0 once it holds all of it */
static void base_hog(size_t bytes, int report)
{
	size_t step = 64 * MIB, done, off;
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || madvise(p, bytes, MADV_NOHUGEPAGE))
		_exit(2);
	for (done = 0; done < bytes; done += step) {
		for (off = done; off < done + step && off < bytes; off += PAGE)
			p[off] = 1;
		if (report)
			sample("base", (done + step < bytes ? done + step : bytes) / MIB);
		sleep(1);
	}
	sleep(2);
	_exit(0);
}

int main(int argc, char **argv)
{
	long thp_mib = 256, rounds = 10, base_mib = 0, keep_mib = 128;
	const char *max = "512M";
	long long oom, full_round = -1, zone_max = 0, sum_pct = 0, sum_thp = 0;
	long long first_pct = 0, last_pct = 0;
	char cmdline[4096] = "";
	pid_t daemon = 0, hog;
	int opt, status, r;
	FILE *f;

	while ((opt = getopt(argc, argv, "n:t:r:b:k:m:")) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 't': thp_mib = atol(optarg); break;
		case 'r': rounds = atol(optarg); break;
		case 'b': base_mib = atol(optarg); break;
		case 'k': keep_mib = atol(optarg); break;
		case 'm': max = optarg; break;
		default:
			fprintf(stderr, "usage: resize [-n name] [-t thp MiB] [-r rounds] [-b base MiB] [-k keep MiB] [-m max]\n");
			return 1;
		}
	}
	if (!base_mib)
		base_mib = meminfo("/proc/meminfo", "MemFree") / 1024 - keep_mib;
	f = fopen("/proc/cmdline", "r");
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = 0;
		fclose(f);
	}
	writestr("/sys/kernel/mm/transparent_hugepage/enabled", "madvise");
	t0 = now_ns();
	fflush(stdout);
	if (strstr(cmdline, "nomerge=0,")) {
		daemon = fork();
		if (!daemon) {
			int fd = open("/tmp/resize-auto.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);

			dup2(fd, 1);
			dup2(fd, 2);
			execl("/mm/thpzones", "thpzones", "auto", "nomerge", "0", max,
			      "--interval", "1", NULL);
			_exit(127);
		}
	}

	for (r = 1; r <= rounds; r++) {
		size_t len = thp_mib * MIB, off;
		long long a0 = vm("thp_fault_alloc"), z0 = nomerge_pages(), thps, in;
		char *p = mmap(NULL, len + PMD, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *q;

		if (p == MAP_FAILED)
			die("mmap");
		q = (char *)(((uintptr_t)p + PMD - 1) & ~(PMD - 1));
		if (madvise(q, len, MADV_HUGEPAGE))
			die("madvise");
		for (off = 0; off < len; off += PMD)
			q[off] = 1;
		thps = vm("thp_fault_alloc") - a0;
		in = (nomerge_pages() - z0) / (PMD / PAGE);
		munmap(p, len + PMD);
		if (in * PMD >= len && full_round < 0)
			full_round = r;
		last_pct = 100 * in * PMD / len;
		if (r == 1)
			first_pct = last_pct;
		sum_pct += last_pct;
		sum_thp += 100 * thps * PMD / len;
		printf("BENCH %s round=%d thp_pct=%lld zone_pct=%lld zone_mib=%ld\n",
		       name, r, 100 * thps * PMD / len, last_pct, zone_mib());
		sample("thp", 0);
		if (zone_mib() > zone_max)
			zone_max = zone_mib();
		sleep(1);
	}

	oom = vm("oom_kill");
	fflush(stdout);
	hog = fork();
	if (!hog)
		base_hog(base_mib * MIB, 1);
	if (waitpid(hog, &status, 0) != hog)
		status = -1;
	sample("base", 0);
	if (daemon) {
		char line[256];

		kill(daemon, SIGTERM);
		waitpid(daemon, NULL, 0);
		f = fopen("/tmp/resize-auto.log", "r");
		while (f && fgets(line, sizeof(line), f))
			printf("resize-auto: %s", line);
		if (f)
			fclose(f);
	}
	printf("BENCH %s step=end completed=%d oom_kill=%lld base_mib=%ld zone_mib_max=%lld zone_mib_end=%ld full_round=%lld first_zone_pct=%lld last_zone_pct=%lld mean_zone_pct=%lld mean_thp_pct=%lld auto=%d\n",
	       name, WIFEXITED(status) && !WEXITSTATUS(status), vm("oom_kill") - oom,
	       base_mib, zone_max, zone_mib(), full_round, first_pct, last_pct,
	       sum_pct / rounds, sum_thp / rounds, daemon > 0);
	return 0;
}
