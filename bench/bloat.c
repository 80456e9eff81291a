// SPDX-License-Identifier: GPL-2.0
/*
 * Scenario 5: memory bloat with THP "always".  Processes map a large region
 * each and touch a few random pages of every 2 MiB; they start one after
 * another until memory runs out or the cap is reached.  Memory runs out when
 * MemAvailable stays below 96 MiB after three rounds of proactive reclaim
 * (memory.reclaim of the root cgroup, as a userspace OOM daemon does; it
 * runs the shrinkers, and so the deferred split of underused THPs), or when
 * the OOM killer kills one of the processes.
 * -u 1 turns the underused-THP shrinker on (shrink_underused=1 and
 * khugepaged/max_ptes_none=409: a THP with more than 409 zero pages is
 * split under reclaim), -u 0 turns it off.
 * Usage: bloat [-u 0|1] [-s MiB per process] [-t pages per 2 MiB] [-n cap] [-S seed]
 */
#include "common.h"
#include <signal.h>
#include <sys/wait.h>

#define THP "/sys/kernel/mm/transparent_hugepage/"
#define LOW_MIB 96

static const char *const vmkeys[] = {
	"thp_fault_alloc", "thp_fault_fallback", "thp_underused_split_page",
	"thp_split_page", "thp_split_page_failed",
};
#define NVM (sizeof(vmkeys) / sizeof(vmkeys[0]))

int main(int argc, char **argv)
{
	size_t len = 64 * MIB, off;
	int shrink = 0, touches = 1, cap = 100, ran_out = 0, killed = 0;
	int fork_err = 0;
	int n, i, opt, fd[2];
	unsigned int seed = 1;
	long long before[NVM], avail;
	pid_t *pid;

	while ((opt = getopt(argc, argv, "u:s:t:n:S:")) != -1) {
		switch (opt) {
		case 'u': shrink = atoi(optarg); break;
		case 's': len = atol(optarg) * MIB; break;
		case 't': touches = atoi(optarg); break;
		case 'n': cap = atoi(optarg); break;
		case 'S': seed = atoi(optarg); break;
		default: return 2;
		}
	}
	pid = calloc(cap > 0 ? cap : 1, sizeof(*pid));
	if (!pid)
		die("calloc");
	if (writestr(THP "enabled", "always") ||
	    writestr(THP "shrink_underused", shrink ? "1" : "0") ||
	    writestr(THP "khugepaged/max_ptes_none", shrink ? "409" : "511"))
		die("THP sysfs");
	for (i = 0; i < (int)NVM; i++)
		before[i] = vm(vmkeys[i]);
	for (n = 0; n < cap; n++) {
		char c;
		int tries;

		/* One pipe per child: if it dies before it reports, read() sees EOF. */
		if (pipe(fd))
			die("pipe");
		pid[n] = fork();
		if (pid[n] < 0) {
			/* a task limit (threads-max, pid_max), not memory */
			fork_err = errno;
			close(fd[0]);
			close(fd[1]);
			break;
		}
		if (!pid[n]) {
			char *p = map_aligned(len, PMD);

			srandom(seed * 1000 + n);
			for (off = 0; off < len; off += PMD)
				for (i = 0; i < touches; i++)
					p[off + random() % PMD] = 1;
			if (write(fd[1], "r", 1) != 1)
				_exit(1);
			pause();
			_exit(0);
		}
		close(fd[1]);
		if (read(fd[0], &c, 1) != 1) {
			/* killed while faulting in: the OOM killer ran; it did not fit */
			close(fd[0]);
			ran_out = killed = 1;
			break;
		}
		close(fd[0]);
		if (waitpid(-1, NULL, WNOHANG) > 0) {
			/* an earlier one was OOM-killed: n of them fit */
			ran_out = killed = 1;
			break;
		}
		for (tries = 0; tries < 3; tries++) {
			avail = meminfo("/proc/meminfo", "MemAvailable") / 1024;
			if (avail >= LOW_MIB)
				break;
			writestr("/sys/fs/cgroup/memory.reclaim", "64M");
		}
		if (tries == 3) {
			ran_out = 1;
			n++;
			break;
		}
	}
	printf("BENCH bloat shrinker=%d procs=%d cap=%d mib_per_proc=%zu anon_mib=%lld anon_huge_mib=%lld avail_mib=%lld",
	       shrink, n, cap, len / MIB, meminfo("/proc/meminfo", "AnonPages") / 1024,
	       meminfo("/proc/meminfo", "AnonHugePages") / 1024,
	       meminfo("/proc/meminfo", "MemAvailable") / 1024);
	for (i = 0; i < (int)NVM; i++)
		printf(" %s=%lld", vmkeys[i], vm(vmkeys[i]) - before[i]);
	printf(" ran_out=%d oom_killed=%d fork_errno=%d\n", ran_out, killed, fork_err);
	for (i = 0; i < n; i++)
		kill(pid[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
