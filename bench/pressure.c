// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario 8: memory pressure on THPs, with swap.  In order: anonymous THPs
 * (MADV_HUGEPAGE), shmem THPs (a tmpfs mounted huge=always) and then, in a
 * child, base pages (MADV_NOHUGEPAGE), each a share of MemTotal, together
 * more than memory: reclaim must swap (zram) THPs and base pages out to
 * make room.  Then every page is read back.  With zones, the THPs fill them
 * and go on in the ordinary zones, so reclaim must take zone THPs out whole
 * or shatter them.  Reported: whether the child finished or was OOM-killed,
 * the kernel's OOM kills, reclaim and swap counters, and pages read back
 * wrong (two words of every page are checked).  The parent cannot be the
 * OOM killer's victim (oom_score_adj -1000), the child is its first.
 * Usage: pressure [-a anon THP %] [-m shmem THP %] [-b base %] [-S seed]
 */
#include "common.h"
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define THP "/sys/kernel/mm/transparent_hugepage/"
#define DIR "/tmp/pressure"

static const char *const vmkeys[] = {
	"oom_kill", "pgsteal_kswapd", "pgsteal_direct", "pswpout", "pswpin",
	"thp_fault_alloc", "thp_fault_fallback", "thp_swpout",
	"thp_swpout_fallback", "thp_split_page", "thp_shatter_page", "pgalloc_nomerge",
};
#define NVM (sizeof(vmkeys) / sizeof(vmkeys[0]))

static unsigned long seed = 1;

static uint64_t word(uintptr_t page, int which)
{
	uint64_t x = page * 0x9e3779b97f4a7c15ULL ^ seed ^ (uint64_t)which << 62;

	x ^= x >> 31;
	return x * 0xbf58476d1ce4e5b9ULL | 1;	/* never 0: a zero page is wrong */
}

static void fill(char *p, size_t len, uintptr_t id)
{
	size_t off;

	for (off = 0; off < len; off += PAGE) {
		((uint64_t *)(p + off))[0] = word(id + off / PAGE, 0);
		((uint64_t *)(p + off + PAGE))[-1] = word(id + off / PAGE, 1);
	}
}

static long check(const char *p, size_t len, uintptr_t id)
{
	size_t off;
	long wrong = 0;

	for (off = 0; off < len; off += PAGE)
		wrong += ((const uint64_t *)(p + off))[0] != word(id + off / PAGE, 0) ||
			 ((const uint64_t *)(p + off + PAGE))[-1] != word(id + off / PAGE, 1);
	return wrong;
}

int main(int argc, char **argv)
{
	long anon_pct = 50, shmem_pct = 12, base_pct = 40, wrong = 0, cw = -1;
	long long before[NVM], total = meminfo("/proc/meminfo", "MemTotal") * KIB;
	size_t anon_len, shmem_len, base_len;
	int opt, fd, status, completed, killed;
	char *anon, *shm, *base;
	unsigned int i;
	pid_t pid;

	while ((opt = getopt(argc, argv, "a:m:b:S:")) != -1) {
		switch (opt) {
		case 'a': anon_pct = atol(optarg); break;
		case 'm': shmem_pct = atol(optarg); break;
		case 'b': base_pct = atol(optarg); break;
		case 'S': seed = atol(optarg); break;
		default: return 2;
		}
	}
	anon_len = total / 100 * anon_pct & ~(PMD - 1);
	shmem_len = total / 100 * shmem_pct & ~(PMD - 1);
	base_len = total / 100 * base_pct & ~(PAGE - 1);
	if (writestr("/proc/self/oom_score_adj", "-1000") ||
	    writestr(THP "enabled", "madvise") ||
	    writestr(THP "hugepages-2048kB/enabled", "inherit"))
		die("setup");
	mkdir(DIR, 0700);
	if (mount("tmpfs", DIR, "tmpfs", 0, "huge=always"))
		die("mount tmpfs huge=always");
	printf("# pressure: MemTotal %lld MiB, anon THPs %zu MiB, shmem THPs %zu MiB, base pages %zu MiB, swap %lld MiB\n",
	       total / (long long)MIB, anon_len / MIB, shmem_len / MIB, base_len / MIB,
	       meminfo("/proc/meminfo", "SwapTotal") / 1024);
	fflush(stdout);
	for (i = 0; i < NVM; i++)
		before[i] = vm(vmkeys[i]);

	anon = map_aligned(anon_len, PMD);
	if (madvise(anon, anon_len, MADV_HUGEPAGE))
		die("madvise");
	fill(anon, anon_len, 0);

	fd = open(DIR "/shm", O_RDWR | O_CREAT, 0600);
	if (fd < 0 || ftruncate(fd, shmem_len))
		die("shmem file");
	shm = mmap(NULL, shmem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (shm == MAP_FAILED)
		die("mmap shmem");
	fill(shm, shmem_len, 1UL << 40);

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		writestr("/proc/self/oom_score_adj", "1000");
		base = mmap(NULL, base_len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base == MAP_FAILED || madvise(base, base_len, MADV_NOHUGEPAGE))
			_exit(2);
		fill(base, base_len, 2UL << 40);
		_exit(check(base, base_len, 2UL << 40) ? 3 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	completed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	if (WIFEXITED(status))
		cw = WEXITSTATUS(status) == 3;	/* base pages read back wrong */

	wrong = check(anon, anon_len, 0) + check(shm, shmem_len, 1UL << 40);
	printf("BENCH pressure step=end completed=%d child_killed=%d child_wrong=%ld wrong_pages=%ld anon_mib=%zu shmem_mib=%zu base_mib=%zu",
	       completed, killed, cw, wrong, anon_len / MIB, shmem_len / MIB, base_len / MIB);
	for (i = 0; i < NVM; i++)
		if (before[i] >= 0)
			printf(" %s=%lld", vmkeys[i], vm(vmkeys[i]) - before[i]);
	printf(" swap_used_mib=%lld\n", (meminfo("/proc/meminfo", "SwapTotal") -
					meminfo("/proc/meminfo", "SwapFree")) / 1024);
	munmap(anon, anon_len);
	munmap(shm, shmem_len);
	close(fd);
	unlink(DIR "/shm");
	umount(DIR);
	return 0;
}
