/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the make bench workloads.  Every result is printed as
 * one line "BENCH <scenario> <step> key=value ...", which scripts/bench.sh
 * collects from the guest's KTAP log.  Under QEMU -icount shift=0 one
 * guest nanosecond is one guest instruction, so ns deltas are instruction
 * counts.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define KIB 1024UL
#define MIB (1024UL * KIB)
#define PAGE 4096UL
#define PMD (2 * MIB)
#define PB_ORDER 9	/* pageblock order on x86-64: the PMD THP order */

static inline void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static inline long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* One number from a "name value" file (/proc/vmstat) or -1. */
static inline long long kv(const char *file, const char *name)
{
	char key[128];
	long long v;
	FILE *f = fopen(file, "r");
	long long r = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%127s %lld", key, &v) == 2)
		if (!strcmp(key, name)) {
			r = v;
			break;
		}
	fclose(f);
	return r;
}

static inline long long vm(const char *name)
{
	return kv("/proc/vmstat", name);
}

/* A "Name:  value kB" line of /proc/meminfo or smaps_rollup, in KiB. */
static inline long long meminfo(const char *file, const char *name)
{
	char line[256];
	size_t n = strlen(name);
	long long r = -1;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':') {
			r = atoll(line + n + 1);
			break;
		}
	fclose(f);
	return r;
}

static inline long long readnum(const char *file)
{
	FILE *f = fopen(file, "r");
	long long v = -1;

	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static inline int writestr(const char *file, const char *s)
{
	int fd = open(file, O_WRONLY);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/* Zones that take base pages: every zone but the THP policy zones. */
static inline int base_zone(const char *z)
{
	return strcmp(z, "NoSplit") && strcmp(z, "NoMerge");
}

/*
 * Pages that base-page allocations can still take from the base zones
 * before any of them drops to its high watermark.
 */
static inline long headroom(void)
{
	char line[256], zone[32] = "";
	long free = 0, high = 0, sum = 0;
	int in = 0;
	FILE *f = fopen("/proc/zoneinfo", "r");

	if (!f)
		die("zoneinfo");
	while (fgets(line, sizeof(line), f)) {
		long v;

		if (sscanf(line, "Node %*d, zone %31s", zone) == 1) {
			in = base_zone(zone);
			free = high = 0;
		} else if (in && sscanf(line, " pages free %ld", &v) == 1) {
			free = v;
		} else if (in && sscanf(line, " high %ld", &v) == 1) {
			high = v;
		} else if (in && strstr(line, "managed") && free > 0) {
			/* DMA's lowmem reserve keeps it out of reach: skip it */
			if (strcmp(zone, "DMA") && free > high)
				sum += free - high;
			in = 0;
		}
	}
	fclose(f);
	return sum;
}

/*
 * Free memory from /proc/buddyinfo: total pages, and pages in blocks of at
 * least the given order, for base zones (base=1) or policy zones (base=0).
 */
static inline void buddy(int base, int order, long *total, long *big)
{
	char line[512], zone[32];
	FILE *f = fopen("/proc/buddyinfo", "r");

	*total = *big = 0;
	if (!f)
		die("buddyinfo");
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "zone");
		int o = 0, n;
		long c;

		if (!p || sscanf(p, "zone %31s%n", zone, &n) != 1)
			continue;
		if (base_zone(zone) != base)
			continue;
		for (p += n; sscanf(p, "%ld%n", &c, &n) == 1; p += n, o++) {
			*total += c << o;
			if (o >= order)
				*big += c << o;
		}
	}
	fclose(f);
}

/* Print buddyinfo and pagetypeinfo as comments beside the results. */
static inline void show_frag(const char *scen, const char *step)
{
	static const char *const files[] = { "/proc/buddyinfo", "/proc/pagetypeinfo" };
	char line[1024];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		FILE *f = fopen(files[i], "r");

		while (f && fgets(line, sizeof(line), f))
			if (line[0] != '\n')
				printf("# %s %s %s: %s", scen, step, files[i] + 6, line);
		if (f)
			fclose(f);
	}
}

/* Sum of the "Number of blocks type" (or mixed blocks) row for a type. */
static inline long blocks(const char *section, int col)
{
	char line[1024];
	int in = 0;
	long sum = 0;
	FILE *f = fopen("/proc/pagetypeinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Number of", 9)) {
			in = !!strstr(line, section);
			continue;
		}
		if (in && !strncmp(line, "Node", 4)) {
			char *p = strstr(line, "zone");
			char zone[32];
			int n, i;
			long v;

			if (!p || sscanf(p, "zone %31s%n", zone, &n) != 1 || !base_zone(zone))
				continue;
			p += n;
			for (i = 0; sscanf(p, "%ld%n", &v, &n) == 1; i++, p += n)
				if (i == col)
					sum += v;
		} else if (in && line[0] == '\n') {
			in = 0;
		}
	}
	fclose(f);
	return sum;
}

/*
 * Shrink the per-cpu free lists and give vmstat's decay a few seconds to
 * return their pages to the buddy allocator, where /proc/buddyinfo sees
 * them and they can merge; pcp_small(0) restores the default sizing.
 */
static inline void pcp_small(int on)
{
	writestr("/proc/sys/vm/percpu_pagelist_high_fraction", on ? "100000" : "0");
	if (on)
		sleep(3);
}

static inline void touch(char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += PAGE)
		p[i] = 1;
}

static inline char *map_aligned(size_t len, size_t align)
{
	char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		die("mmap");
	a = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	munmap((char *)a + len, (uintptr_t)p + align - a);
	return (char *)a;
}

static inline int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

#endif
