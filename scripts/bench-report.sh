#!/bin/sh
# Turn make bench's raw result lines into bench/results: raw.csv,
# summary.csv (median, min, max over repetitions), table.md and PNG plots
# (gnuplot, bench/plot.gp).  Fails on a missing or non-numeric field.
# Usage: bench-report.sh <raw.txt> <results dir>
#        bench-report.sh -c <boot results dir>   (make check's smoke: parse
#        one boot's KTAP log, then report it as all three variants; prints
#        KTAP lines)
# raw.txt lines: "<variant> <rep> <scenario> <step> key=value ..."
set -u

# Fields every scenario must report (the smoke test checks them all).
lat="lat_p50_ns lat_p90_ns lat_p99_ns lat_max_ns"
required() {
	case $1 in
	thp)   echo "coverage_pct thp_fault_alloc thp_fault_fallback compact_stall compact_fail compact_migrate_scanned ns_per_fault ns_per_mib free_o9_mib pinned_mib unmovable_blocks mixed_movable_blocks $lat" ;;
	mthp)  echo "coverage_pct mthp_alloc mthp_fallback compact_stall compact_fail compact_migrate_scanned ns_per_fault ns_per_mib free_o4_mib pinned_mib unmovable_blocks mixed_movable_blocks $lat" ;;
	*_cdf) echo "q1 q10 q50 q90 q99 q100" ;;
	fault) echo "ns_per_fault ns_per_free" ;;
	churn) echo "free_o9_mib free_mib anon_huge_mib thp_split_page" ;;
	bloat) echo "procs anon_mib anon_huge_mib thp_underused_split_page ran_out" ;;
	hvo)   echo "thps nomerge_pages ns_per_fault ns_per_free memmap_kib memtotal_kib" ;;
	pressure) echo "completed child_killed wrong_pages oom_kill pgsteal_kswapd pgsteal_direct pswpout thp_swpout thp_swpout_fallback swap_used_mib" ;;
	nofrag) echo "coverage_pct mthp_alloc mthp_fallback extfrag extfrag_fragmenting extfrag_lost free_o4_mib unmovable_blocks mixed_movable_blocks $lat" ;;
	pcache_*) echo "coverage_pct thp_fault_alloc thp_fault_fallback compact_stall compact_fail compact_migrate_scanned ns_per_fault cached_mib free_mib free_o9_mib reads_during demand_pgsteal_file cold_ns_per_mib hot_ns_per_read $lat" ;;
	resize*) echo "thp_pct zone_pct zone_mib base_mib completed oom_kill zone_mib_max zone_mib_end full_round first_zone_pct last_zone_pct mean_zone_pct mean_thp_pct" ;;
	*)     echo "unknown-scenario-$1" ;;
	esac
}

# raw.txt -> CSV rows scenario,step,variant,rep,key,value; exit 1 on garbage.
tocsv() {
	awk '{
		sub(/\r$/, "")
		if (NF < 5 || $4 !~ /^[a-z_]+=[a-z0-9]+$/) { print "garbled line: " $0 >"/dev/stderr"; bad = 1; next }
		for (i = 5; i <= NF; i++) {
			n = index($i, "=")
			k = substr($i, 1, n - 1); v = substr($i, n + 1)
			if (n < 2 || v !~ /^-?[0-9]+(\.[0-9]+)?$/) { print "garbled field " $i " in: " $0 >"/dev/stderr"; bad = 1; continue }
			print $3 "," $4 "," $1 "," $2 "," k "," v
		}
	} END { exit bad }' "$1"
}

# Every scenario present must have every required field for every variant.
validate() {
	csv=$1 ok=0
	for scen in $(cut -d, -f1 "$csv" | sort -u); do
		for variant in $(awk -F, -v s="$scen" '$1 == s { print $3 }' "$csv" | sort -u); do
			for key in $(required "$scen"); do
				awk -F, -v s="$scen" -v v="$variant" -v k="$key" \
					'$1 == s && $3 == v && $5 == k { f = 1 } END { exit !f }' "$csv" ||
					{ echo "missing $scen/$variant/$key" >&2; ok=1; }
			done
		done
	done
	return $ok
}

if [ "${1:-}" = -c ]; then
	dir=$2 tmp=$(mktemp -d)
	tr -d '\r' <"$dir/ktap.log" | sed -n 's/^# BENCH /smoke 1 /p' >"$tmp/raw"
	name=${dir##*/}
	n=$(wc -l <"$tmp/raw")
	if [ "$n" -gt 0 ] && tocsv "$tmp/raw" >"$tmp/csv" && validate "$tmp/csv" &&
	   [ "$(cut -d, -f1 "$tmp/csv" | sort -u | wc -l)" = 14 ]; then
		echo "ok $name/report # $n result lines, 10 scenarios and 4 latency distributions"
	else
		echo "not ok $name/report # missing or garbled bench results"
	fi
	# The parser must reject a bad log: a field missing, a value garbled.
	# shellcheck disable=SC2016
	for edit in 's/ coverage_pct=[^ ]*//g' '$s/=\([0-9.]*\)$/=\1x/'; do
		sed "$edit" "$tmp/raw" >"$tmp/bad"
		if tocsv "$tmp/bad" 2>/dev/null >"$tmp/csv" && validate "$tmp/csv" 2>/dev/null; then
			echo "not ok $name/report-rejects-bad # accepted after: sed '$edit'"
			rm -rf "$tmp"
			exit 0
		fi
	done
	echo "ok $name/report-rejects-bad"
	# The rest of the report: the same results as three variants give the
	# summary, every table section and both plots.
	for v in stock tao tao-zones; do sed "s/^smoke /$v /" "$tmp/raw"; done >"$tmp/raw3"
	if "$0" "$tmp/raw3" "$tmp/out" >"$tmp/log" 2>&1 &&
	   [ "$(grep -c '^## [0-9]*\.' "$tmp/out/table.md")" = 11 ] &&
	   [ -s "$tmp/out/coverage.png" ] && [ -s "$tmp/out/costs.png" ] &&
	   [ -s "$tmp/out/latency.png" ] && [ -s "$tmp/out/resize.png" ]; then
		echo "ok $name/report-table-plots"
	else
		sed 's/^/# /' "$tmp/log"
		echo "not ok $name/report-table-plots # summary, table.md or plots missing"
	fi
	rm -rf "$tmp"
	exit 0
fi

raw=$1 out=$2
mkdir -p "$out"
{ echo "scenario,step,variant,rep,key,value"; tocsv "$raw"; } >"$out/raw.csv" || exit 1
tail -n +2 "$out/raw.csv" >"$out/.rows"
validate "$out/.rows" || exit 1

# summary.csv: median, min and max of every scenario/step/variant/key
{
	echo "scenario,step,variant,key,n,median,min,max"
	sort -t, -k1,1 -k2,2 -k3,3 -k5,5 -k6,6g "$out/.rows" | awk -F, '
	function flush() {
		if (!n) return
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		print g "," n "," m "," v[1] "," v[n]
	}
	{ k = $1 "," $2 "," $3 "," $5; if (k != g) { flush(); g = k; n = 0 } v[++n] = $6 }
	END { flush() }'
} >"$out/summary.csv"
rm -f "$out/.rows"

awk -F, -v meta="$out/meta.txt" '
function c(s, st, va, k,   m) {
	m = med[s "," st "," va "," k]
	if (m == "") return "-"
	if (lo[s "," st "," va "," k] == hi[s "," st "," va "," k]) return fmt(m)
	return fmt(m) " (" fmt(lo[s "," st "," va "," k]) "–" fmt(hi[s "," st "," va "," k]) ")"
}
function fmt(x) { return x == int(x) ? sprintf("%d", x) : sprintf("%.1f", x) }
function us(s, st, va, k,   m) {
	m = med[s "," st "," va "," k]
	return m == "" ? "-" : sprintf("%.1f", m / 1000)
}
function steps(s,   st, list) {
	list = ""
	for (st in seen) if (index(st, s SUBSEP) == 1) list = list " " substr(st, length(s) + 2)
	return list
}
NR > 1 {
	k = $1 "," $2 "," $3 "," $4
	med[k] = $6; lo[k] = $7; hi[k] = $8; n[$1] = $5 > n[$1] ? $5 : n[$1]
	seen[$1 SUBSEP $2] = 1
}
END {
	split("stock tao tao-zones", V, " ")
	print "# make bench results"
	print ""
	while ((getline line < meta) > 0) if (line !~ /^bench-/ && line !~ /result lines$/) print "    " line
	print ""
	print "Cells: median over repetitions (and in-guest iterations for scenario 3), with (min–max) when they differ."
	print "Guest ns (-icount shift=0, sleep=off): one per instruction of either vCPU, plus idle time skipped to the next timer; for scenario 3, instructions. Kernels: see the kernels line above; the fragmentation scenarios (1, 2, 7) boot with page_owner=on."
	print "Variants: stock = Debian 6.12.117; tao = TAO series, no parameters; tao-zones = TAO with the zones of bench/scenarios."
	print "¹ Free memory outside the THP zones after the fragmentation step, before the demand (buddyinfo); pageblocks from pagetypeinfo (mixed: page_owner)."
	for (sc = 1; sc <= 2; sc++) {
		s = sc == 1 ? "thp" : "mthp"
		if (!(s in n)) continue
		print ""
		if (s == "thp") {
			print "## 1. Fragment, then demand 2 MiB THPs (MADV_HUGEPAGE)"
			print ""
			print "| cycle | variant | pinned MiB | unmovable pageblocks | mixed movable pageblocks | free MiB¹ | in ≥2 MiB blocks¹ | THP coverage % | thp_fault_alloc | thp_fault_fallback | compact_stall | compact_fail | compact_migrate_scanned | guest ns per fault | guest ns per MiB faulted |"
			print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		} else {
			print "## 2. Fragment, then demand 64 KiB mTHPs (the Android case)"
			print ""
			print "| cycle | variant | pinned MiB | unmovable pageblocks | mixed movable pageblocks | free MiB¹ | in ≥64 KiB blocks¹ | in ≥2 MiB blocks¹ | mTHP coverage % | anon_fault_alloc | anon_fault_fallback | compact_stall | compact_fail | compact_migrate_scanned | guest ns per fault | guest ns per MiB faulted |"
			print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		}
		for (cy = 1; cy <= 64; cy++) {
			st = "cycle=" cy
			if (!((s SUBSEP st) in seen)) continue
			for (i = 1; i <= 3; i++) {
				v = V[i]
				if (s == "thp")
					print "| " cy " | " v " | " c(s, st, v, "pinned_mib") " | " c(s, st, v, "unmovable_blocks") " | " c(s, st, v, "mixed_movable_blocks") " | " c(s, st, v, "free_mib") " | " c(s, st, v, "free_o9_mib") " | **" c(s, st, v, "coverage_pct") "** | " c(s, st, v, "thp_fault_alloc") " | " c(s, st, v, "thp_fault_fallback") " | " c(s, st, v, "compact_stall") " | " c(s, st, v, "compact_fail") " | " c(s, st, v, "compact_migrate_scanned") " | " c(s, st, v, "ns_per_fault") " | " c(s, st, v, "ns_per_mib") " |"
				else
					print "| " cy " | " v " | " c(s, st, v, "pinned_mib") " | " c(s, st, v, "unmovable_blocks") " | " c(s, st, v, "mixed_movable_blocks") " | " c(s, st, v, "free_mib") " | " c(s, st, v, "free_o4_mib") " | " c(s, st, v, "free_o9_mib") " | **" c(s, st, v, "coverage_pct") "** | " c(s, st, v, "mthp_alloc") " | " c(s, st, v, "mthp_fallback") " | " c(s, st, v, "compact_stall") " | " c(s, st, v, "compact_fail") " | " c(s, st, v, "compact_migrate_scanned") " | " c(s, st, v, "ns_per_fault") " | " c(s, st, v, "ns_per_mib") " |"
			}
		}
	}
	if ("fault" in n) {
		print ""
		print "## 3. Base-page cost: order-0 anonymous faults"
		print ""
		print "A region of the given size is faulted in page by page, then unmapped (2 GiB guests; 3 GiB for 1 GiB). The small one fits in the per-CPU free lists; much of the larger ones goes back to the buddy lists, as the lists are capped at a share of the zone (zone_highsize()). With zones, the zone below them sizes its lists as if it held their memory. Goal: within 1% of stock with zones, 0.5% without."
		print ""
		print "| MiB | variant | guest ns (instructions) per fault | vs stock | per page freed (munmap) | vs stock |"
		print "|---|---|---|---|---|---|"
		ns = split(steps("fault"), S, " ")
		for (i = 1; i <= ns; i++)
			for (j = i + 1; j <= ns; j++)
				if (substr(S[j], 5) + 0 < substr(S[i], 5) + 0) { t = S[i]; S[i] = S[j]; S[j] = t }
		for (j = 1; j <= ns; j++) {
			st = S[j]
			b1 = med["fault," st ",stock,ns_per_fault"]; b2 = med["fault," st ",stock,ns_per_free"]
			for (i = 1; i <= 3; i++) {
				v = V[i]
				m1 = med["fault," st "," v ",ns_per_fault"]; m2 = med["fault," st "," v ",ns_per_free"]
				print "| " substr(st, 5) " | " v " | " c("fault", st, v, "ns_per_fault") " | " (b1 && m1 != "" ? sprintf("%+.1f%%", 100 * (m1 - b1) / b1) : "-") " | " c("fault", st, v, "ns_per_free") " | " (b2 && m2 != "" ? sprintf("%+.1f%%", 100 * (m2 - b2) / b2) : "-") " |"
			}
		}
	}
	if ("churn" in n) {
		print ""
		print "## 4. Contiguity kept: free 2 MiB blocks after a churn of partially unmapped THPs"
		print ""
		print "| variant | free in ≥2 MiB blocks, MiB, at start | after churn | after shrinkers | after exit | free MiB after churn | after shrinkers | thp_split_page |"
		print "|---|---|---|---|---|---|---|---|"
		for (i = 1; i <= 3; i++) {
			v = V[i]
			print "| " v " | " c("churn", "step=start", v, "free_o9_mib") " | " c("churn", "step=churned", v, "free_o9_mib") " | " c("churn", "step=shrunk", v, "free_o9_mib") " | " c("churn", "step=freed", v, "free_o9_mib") " | " c("churn", "step=churned", v, "free_mib") " | " c("churn", "step=shrunk", v, "free_mib") " | " c("churn", "step=shrunk", v, "thp_split_page") " |"
		}
	}
	if ("bloat" in n) {
		print ""
		print "## 5. Memory bloat: THP always, one touched page per 2 MiB"
		print ""
		print "| variant | underused-THP shrinker | processes started | memory ran out | anon RSS MiB | AnonHugePages MiB | thp_underused_split_page |"
		print "|---|---|---|---|---|---|---|"
		for (u = 0; u <= 1; u++)
			for (i = 1; i <= 3; i++) {
				v = V[i]; st = "shrinker=" u
				print "| " v " | " (u ? "on" : "off") " | " c("bloat", st, v, "procs") " | " (med["bloat," st "," v ",ran_out"] == "" ? "-" : med["bloat," st "," v ",ran_out"] == 1 ? (med["bloat," st "," v ",oom_killed"] > 0 ? "yes (OOM kill)" : "yes") : med["bloat," st "," v ",fork_errno"] > 0 ? "no (fork failed)" : "no (cap)") " | " c("bloat", st, v, "anon_mib") " | " c("bloat", st, v, "anon_huge_mib") " | " c("bloat", st, v, "thp_underused_split_page") " |"
			}
	}
	if ("hvo" in n) {
		print ""
		print "## 6. THP HVO: memmap kept, and the cost of 2 MiB THP faults and frees"
		print ""
		print "memmap: nr_memmap_boot_pages + nr_memmap_pages after boot. With thp_hvo=on each ZONE_NOMERGE block keeps 2 of its 8 memmap pages, so allocating and freeing one writes 127 tail struct pages instead of 511. Faults include clearing the 2 MiB."
		print ""
		print "| variant | THP HVO | memmap MiB | MemTotal MiB | THPs per run | from NoMerge | guest ns per THP fault | vs stock | per THP freed | vs stock |"
		print "|---|---|---|---|---|---|---|---|---|---|"
		b1 = med["hvo,thp_hvo=0,stock,ns_per_fault"]; b2 = med["hvo,thp_hvo=0,stock,ns_per_free"]
		for (i = 1; i <= 4; i++) {
			v = i < 4 ? V[i] : "tao-zones"; st = i < 4 ? "thp_hvo=0" : "thp_hvo=1"
			if (med["hvo," st "," v ",ns_per_fault"] == "") continue
			m1 = med["hvo," st "," v ",ns_per_fault"]; m2 = med["hvo," st "," v ",ns_per_free"]
			print "| " v " | " (i < 4 ? "off" : "on") " | " sprintf("%.2f", med["hvo," st "," v ",memmap_kib"] / 1024) " | " sprintf("%.1f", med["hvo," st "," v ",memtotal_kib"] / 1024) " | " c("hvo", st, v, "thps") " | " (med["hvo," st "," v ",thps"] ? sprintf("%d%%", 100 * med["hvo," st "," v ",nomerge_pages"] / 512 / med["hvo," st "," v ",thps"]) : "-") " | " c("hvo", st, v, "ns_per_fault") " | " (b1 && m1 != "" ? sprintf("%+.1f%%", 100 * (m1 - b1) / b1) : "-") " | " c("hvo", st, v, "ns_per_free") " | " (b2 && m2 != "" ? sprintf("%+.1f%%", 100 * (m2 - b2) / b2) : "-") " |"
		}
	}
	if ("nofrag" in n) {
		print ""
		print "## 7. Fragmentation outside an exhausted mTHP zone (ALLOC_NOFRAGMENT)"
		print ""
		print "Scenario 2 in a 4 GiB guest (DMA32 and ZONE_NORMAL), with a NoSplit zone of 5% for a 512 MiB demand of 64 KiB mTHPs: most of the demand falls back to the ordinary zones. Fallbacks: the page allocator taking a free block of another migratetype (kmem:mm_page_alloc_extfrag) during the demand; fragmenting ones take less than a pageblock and leave it mixed. Stock prefers ZONE_NORMAL, which sets ALLOC_NOFRAGMENT (fallbacks take whole pageblocks while any zone of the node has one); TAO decides as for the zone below the THP zones."
		print ""
		print "| cycle | variant | mixed movable pageblocks¹ | free MiB¹ | in ≥64 KiB blocks¹ | mTHP coverage % | from NoSplit (pages) | anon_fault_fallback | fallbacks | fragmenting | lost (trace overrun) |"
		print "|---|---|---|---|---|---|---|---|---|---|---|"
		for (cy = 1; cy <= 64; cy++) {
			st = "cycle=" cy
			if (!(("nofrag" SUBSEP st) in seen)) continue
			for (i = 1; i <= 3; i++) {
				v = V[i]; s = "nofrag"
				print "| " cy " | " v " | " c(s, st, v, "mixed_movable_blocks") " | " c(s, st, v, "free_mib") " | " c(s, st, v, "free_o4_mib") " | " c(s, st, v, "coverage_pct") " | " c(s, st, v, "pgalloc_nosplit") " | " c(s, st, v, "mthp_fallback") " | " c(s, st, v, "extfrag") " | **" c(s, st, v, "extfrag_fragmenting") "** | " c(s, st, v, "extfrag_lost") " |"
			}
		}
	}
	if ("pressure" in n) {
		print ""
		print "## 8. Memory pressure with swap: THPs, then base pages, beyond memory"
		print ""
		print "Anonymous THPs (55% of MemTotal), shmem THPs (15%, tmpfs huge=always), then a child faulting base pages (45%), with zram swap of 50% of MemTotal; then every page is read back (two words per page). With zones, NoMerge (25%) is smaller than the THPs. Wrong pages must be 0 and the child must finish on every kernel."
		print ""
		print "| variant | child finished | OOM kills | pages wrong | pgsteal kswapd | pgsteal direct | pswpout | thp_swpout | thp_swpout_fallback | thp_split_page | thp_shatter_page | swap used MiB |"
		print "|---|---|---|---|---|---|---|---|---|---|---|---|"
		for (i = 1; i <= 3; i++) {
			v = V[i]; s = "pressure"; st = "step=end"
			print "| " v " | " c(s, st, v, "completed") " | " c(s, st, v, "oom_kill") " | **" c(s, st, v, "wrong_pages") "** | " c(s, st, v, "pgsteal_kswapd") " | " c(s, st, v, "pgsteal_direct") " | " c(s, st, v, "pswpout") " | " c(s, st, v, "thp_swpout") " | " c(s, st, v, "thp_swpout_fallback") " | " c(s, st, v, "thp_split_page") " | " c(s, st, v, "thp_shatter_page") " | " c(s, st, v, "swap_used_mib") " |"
		}
	}
	if ("thp" in n || "mthp" in n || "nofrag" in n || "pcache_xfs" in n || "pcache_ext4" in n) {
		print ""
		print "## 9. Fault latency: the fault that tries the THP"
		print ""
		print "The first touch of each 2 MiB (scenarios 1 and 9) or 64 KiB (scenarios 2 and 7) unit of the demand region, timed alone: it allocates the (m)THP, or compacts, reclaims and falls back. Guest µs; percentiles by nearest rank within a boot, then the median over repetitions. latency.png plots the whole distribution of the last cycle."
		print ""
		print "| scenario | cycle | variant | p50 | p90 | p99 | max |"
		print "|---|---|---|---|---|---|---|"
		split("thp mthp nofrag pcache_xfs pcache_ext4", S3, " ")
		for (j = 1; j <= 5; j++) {
			s = S3[j]
			if (!(s in n)) continue
			for (cy = 1; cy <= 64; cy++) {
				st = "cycle=" cy
				if (!((s SUBSEP st) in seen)) continue
				for (i = 1; i <= 3; i++) {
					v = V[i]
					print "| " s " | " cy " | " v " | " us(s, st, v, "lat_p50_ns") " | " us(s, st, v, "lat_p90_ns") " | **" us(s, st, v, "lat_p99_ns") "** | " us(s, st, v, "lat_max_ns") " |"
				}
			}
		}
	}
	if ("pcache_xfs" in n || "pcache_ext4" in n) {
		print ""
		print "## 10. Page cache read from a disk: THP demand (scenario 9)"
		print ""
		print "Files of 1.25 times memory on a virtio-blk disk, read at random (4 KiB reads, one 256 KiB sequential read in 16) until the page cache has filled memory, then 512 MiB of MADV_HUGEPAGE THPs faulted while a reader goes on, as the thpfioscale test of mmtests does. XFS makes large folios of sequential reads (which the zones serve too), ext4 only base pages. The pollution is clean page cache, which reclaim and compaction can both move or drop. No page_owner."
		print ""
		print "| file system | cycle | variant | page cache MiB¹ | free MiB¹ | in ≥2 MiB blocks¹ | THP coverage % | thp_fault_alloc | thp_fault_fallback | compact_stall | compact_fail | compact_migrate_scanned | file pages reclaimed during demand | reads during demand | guest ns per fault |"
		print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		split("xfs ext4", F, " ")
		for (j = 1; j <= 2; j++) {
			s = "pcache_" F[j]
			if (!(s in n)) continue
			for (cy = 1; cy <= 64; cy++) {
				st = "cycle=" cy
				if (!((s SUBSEP st) in seen)) continue
				for (i = 1; i <= 3; i++) {
					v = V[i]
					print "| " F[j] " | " cy " | " v " | " c(s, st, v, "cached_mib") " | " c(s, st, v, "free_mib") " | " c(s, st, v, "free_o9_mib") " | **" c(s, st, v, "coverage_pct") "** | " c(s, st, v, "thp_fault_alloc") " | " c(s, st, v, "thp_fault_fallback") " | " c(s, st, v, "compact_stall") " | " c(s, st, v, "compact_fail") " | " c(s, st, v, "compact_migrate_scanned") " | " c(s, st, v, "demand_pgsteal_file") " | " c(s, st, v, "reads_during") " | " c(s, st, v, "ns_per_fault") " |"
				}
			}
		}
		print ""
		print "¹ After the fill, before the demand, in the ordinary zones."
		print ""
		print "The cost of reading files, before any pollution: one 16 MiB file read cold in 1 MiB reads (guest ns per MiB, from the disk), then 16384 random 4 KiB reads of it from the page cache (guest ns per read)."
		print ""
		print "| file system | variant | cold read, ns per MiB | vs stock | cached 4 KiB read, ns | vs stock |"
		print "|---|---|---|---|---|---|"
		for (j = 1; j <= 2; j++) {
			s = "pcache_" F[j]; st = "cycle=0"
			if (!(s in n)) continue
			b1 = med[s "," st ",stock,cold_ns_per_mib"]; b2 = med[s "," st ",stock,hot_ns_per_read"]
			for (i = 1; i <= 3; i++) {
				v = V[i]
				m1 = med[s "," st "," v ",cold_ns_per_mib"]; m2 = med[s "," st "," v ",hot_ns_per_read"]
				print "| " F[j] " | " v " | " c(s, st, v, "cold_ns_per_mib") " | " (b1 > 0 && m1 != "" ? sprintf("%+.1f%%", 100 * (m1 - b1) / b1) : "-") " | " c(s, st, v, "hot_ns_per_read") " | **" (b2 > 0 && m2 != "" ? sprintf("%+.1f%%", 100 * (m2 - b2) / b2) : "-") "** |"
			}
		}
	}
	if ("resize" in n || "resize_static" in n) {
		print ""
		print "## 11. Sizing from demand: thpzones auto against a static zone"
		print ""
		print "Half of memory in ZONE_MOVABLE (movablecore=50%). A THP phase faults 256 MiB of MADV_HUGEPAGE memory and unmaps it, 10 rounds of a second; then a child maps base pages, 64 MiB a second, as much as was free at the start less 128 MiB. auto: nomerge=0,9, NoMerge sized by `thpzones auto nomerge 0 512M --interval 1` (tools/mm), one memory block (128 MiB) at a time; static: nomerge=256M,9, the size auto reaches. In the stock and tao rows (no zone) the two runs are the same workload. resize.png plots NoMerge over time."
		print ""
		print "| run | variant | THP coverage % (mean) | THPs from NoMerge %: round 1 | last round | mean | first round all from NoMerge | NoMerge MiB max | at the end | base pages MiB | child mapped them | OOM kills |"
		print "|---|---|---|---|---|---|---|---|---|---|---|---|"
		split("resize resize_static", R, " ")
		for (j = 1; j <= 2; j++) {
			s = R[j]; st = "step=end"
			if (!(s in n)) continue
			for (i = 1; i <= 3; i++) {
				v = V[i]
				print "| " (j == 1 ? "auto" : "static") " | " v " | " c(s, st, v, "mean_thp_pct") " | " c(s, st, v, "first_zone_pct") " | " c(s, st, v, "last_zone_pct") " | **" c(s, st, v, "mean_zone_pct") "** | " c(s, st, v, "full_round") " | " c(s, st, v, "zone_mib_max") " | " c(s, st, v, "zone_mib_end") " | " c(s, st, v, "base_mib") " | " c(s, st, v, "completed") " | **" c(s, st, v, "oom_kill") "** |"
			}
		}
	}
}' "$out/summary.csv" >"$out/table.md" || exit 1

# Plot data: one row per cycle, columns stock, tao, tao-zones (median, min, max)
for s in thp mthp; do
	awk -F, -v s="$s" '$1 == s && $4 == "coverage_pct" {
		split($2, a, "="); cy = a[2]; d[cy, $3] = $6 " " $7 " " $8; if (cy > max) max = cy
	} END {
		for (cy = 1; cy <= max; cy++) {
			line = cy
			split("stock tao tao-zones", V, " ")
			for (i = 1; i <= 3; i++) line = line " " ((cy, V[i]) in d ? d[cy, V[i]] : "NaN NaN NaN")
			print line
		}
	}' "$out/summary.csv" >"$out/$s-coverage.dat"
done
awk -F, '
	# scenario 3 at its largest size
	$1 == "fault" && $4 == "ns_per_fault" && substr($2, 5) + 0 >= big[$3] { big[$3] = substr($2, 5) + 0; f[$3] = $6 " " $7 " " $8; fs[$3] = $2 }
	$1 == "fault" && $4 == "ns_per_free" { fr[$3, $2] = $6 " " $7 " " $8 }
	$1 == "churn" && $2 == "step=shrunk" && $4 == "free_o9_mib" { c[$3] = $6 }
	$1 == "bloat" && $2 == "shrinker=0" && $4 == "anon_mib" { b0[$3] = $6 }
	$1 == "bloat" && $2 == "shrinker=1" && $4 == "anon_mib" { b1[$3] = $6 }
	END {
		split("stock tao tao-zones", V, " ")
		for (i = 1; i <= 3; i++) {
			v = V[i]
			print i - 1, v, (v in f ? f[v] : "NaN NaN NaN"), (v in c ? c[v] : "NaN"), (v in b0 ? b0[v] : "NaN"), (v in b1 ? b1[v] : "NaN"), ((v, fs[v]) in fr ? fr[v, fs[v]] : "NaN NaN NaN")
		}
	}' "$out/summary.csv" >"$out/costs.dat"
# The latency distributions of the last cycle: percentile, then guest µs of
# stock, tao and tao-zones (medians over repetitions of each percentile).
for s in thp mthp; do
	awk -F, -v s="${s}_cdf" '$1 == s && $4 ~ /^q[0-9]+$/ {
		split($2, a, "="); cy = a[2] + 0; if (cy > max) max = cy
		d[cy, substr($4, 2) + 0, $3] = $6 / 1000
	} END {
		split("stock tao tao-zones", V, " ")
		for (q = 1; q <= 100; q++) {
			line = q
			for (i = 1; i <= 3; i++) line = line " " ((max, q, V[i]) in d ? d[max, q, V[i]] : "NaN")
			print line
		}
	}' "$out/summary.csv" >"$out/$s-latency.dat"
done
# NoMerge over time with zones (scenario 10): t, then auto's and static's
# NoMerge MiB and base pages mapped (medians over repetitions of each second)
awk -F, '$1 ~ /^resize/ && $3 == "tao-zones" && $2 ~ /^t=/ && ($4 == "zone_mib" || $4 == "base_mib") {
	t = substr($2, 3) + 0; if (t > max) max = t; d[t, $1, $4] = $6; seen[t] = 1
} END {
	for (t = 0; t <= max; t++) {
		if (!(t in seen)) continue
		line = t
		split("resize resize_static", R, " ")
		for (j = 1; j <= 2; j++)
			line = line " " ((t, R[j], "zone_mib") in d ? d[t, R[j], "zone_mib"] : "NaN") " " ((t, R[j], "base_mib") in d && d[t, R[j], "base_mib"] > 0 ? d[t, R[j], "base_mib"] : "NaN")
		print line
	}
}' "$out/summary.csv" >"$out/resize.dat"
cycles=$(cat "$out/thp-coverage.dat" "$out/mthp-coverage.dat" | awk '$1 > m { m = $1 } END { print m + 0 }')
# A plot is drawn only when all its scenarios ran (SCEN= may pick a few).
has() { awk -F, -v s="$1" '$1 == s { f = 1 } END { exit !f }' "$out/summary.csv"; }
coverage=0 costs=0 resize=0
has thp && has mthp && coverage=1
has fault && has churn && has bloat && costs=1
has resize && resize=1
rm -f "$out/coverage.png" "$out/costs.png" "$out/latency.png" "$out/resize.png"
gnuplot -e "dir='$out'; cycles=$cycles; coverage=$coverage; costs=$costs; resize=$resize" bench/plot.gp 2>"$out/.gp.log" ||
	{ cat "$out/.gp.log"; exit 1; }
rm -f "$out/.gp.log"
echo "bench: $out/table.md, $out/summary.csv$([ $coverage = 1 ] && echo ", $out/coverage.png, $out/latency.png")$([ $costs = 1 ] && echo ", $out/costs.png")$([ $resize = 1 ] && echo ", $out/resize.png")"
