#!/bin/bash
# Run the make bench scenarios (bench/scenarios) on stock 6.12, on TAO
# without parameters and on TAO with zones, each under QEMU -icount
# shift=0,sleep=off (a guest ns per instruction of either vCPU, idle time
# skipped to the next timer), then write the report.
# Usage: bench.sh <stock bzImage> <tao bzImage> <initramfs> <results dir>
# Environment: QUICK=1 (768 MiB guests, smaller sizes, 1 repetition; the
#              scenarios with a memory of their own only if SCEN names them),
#              REPS=n (repetitions, default 3; QUICK: 1), SCEN=glob,
#              JOBS=n (boots side by side, default: host CPUs),
#              RESUME=1 (keep the boots that an earlier run of the same
#              kernels, initramfs and parameters finished in <results dir>).
# Each boot's KTAP log is kept in <results dir>/logs/, and the kernel log
# of a failed boot too; boots go through scripts/boot.sh, so a kernel
# BUG/WARNING fails the run (its results are still reported).
set -u
stock=$1 tao=$2 initrd=$3 out=$4
mem=2G params=
reps=${REPS:-3}
if [ -n "${QUICK:-}" ]; then
	mem=768M reps=${REPS:-1}
	params="BENCH_CYCLES=2 BENCH_DEMAND=192 BENCH_HOLES=48 BENCH_CHURN_MIB=96 BENCH_FAULT_SMALL_MIB=16 BENCH_FAULT_MIB=96 BENCH_THP_MIB=96 BENCH_REPS=3 BENCH_PROCS=30 BENCH_RESIZE_THP_MIB=96 BENCH_RESIZE_ROUNDS=6"
fi
# Under -icount QEMU runs a guest's vCPUs in one host thread, and results
# are counted in guest time, which host load does not change: boots can
# run side by side, one per host CPU.
jobs=${JOBS:-$(nproc)}
# With -icount, a vCPU that QEMU does not run for a while sees guest time
# jump (clocksource "Long readout interval" of 16 s), and PROVE_RCU then
# warned of a grace period not started within the 21 s stall timeout
# (rcu_check_gp_start_stall(), stock kernel, bench-mthp-stock-3 of the first
# full run).  Give RCU the longest timeout; make check keeps the default.
rcu=rcupdate.rcu_cpu_stall_timeout=300
# What a boot's results depend on; RESUME=1 keeps logs only of the same.
id="stock=$(sha256sum <"$stock" | cut -c1-12) tao=$(sha256sum <"$tao" | cut -c1-12) initrd=$(sha256sum <"$initrd" | cut -c1-12) params=${params:--}"
mkdir -p "$out/logs"
if [ -n "${RESUME:-}" ] && [ "$(cat "$out/logs/id" 2>/dev/null)" = "$id" ]; then
	echo "bench: resuming in $out ($(find "$out/logs" -name "*.done" | wc -l) boots done)"
else
	[ -n "${RESUME:-}" ] && echo "bench: nothing to resume in $out (other kernels or parameters)"
	rm -rf "$out/logs"; mkdir -p "$out/logs"
	echo "$id" >"$out/logs/id"
fi
start=$(date +%s)

# One boot: its KTAP log (and, if it failed, its kernel log) goes to
# logs/, and logs/<name>.done records its verdict and host time.
run() {
	name=$1 kernel=$2 m=$3 limit=$4 plan=$5 rep=$6
	shift 6
	t0=$(date +%s) verdict=ok
	# shellcheck disable=SC2086
	if ! KERNEL=$kernel INITRD=$initrd QEMU_EXTRA="-icount shift=0,sleep=off" \
		scripts/boot.sh "$name" "$m" 2 - "$limit" "$plan" \
		$params BENCH_SEED=$rep $rcu "$@" >/dev/null; then
		verdict=failed
		grep '^not ok' "build/results/$name/results" | head -n 3
		# the kernel log says why
		tr -d '\r' <"build/results/$name/console.log" >"$out/logs/$name.console.log"
	fi
	tr -d '\r' <"build/results/$name/ktap.log" >"$out/logs/$name.log"
	t0=$(($(date +%s) - t0))
	echo "$verdict ${t0}s" >"$out/logs/$name.done"
	echo "bench: $name $verdict ${t0}s"
}

# Repetition outermost: a run cut short still has whole repetitions.
boots=
rep=1
while [ $rep -le "$reps" ]; do
	while read -r scen plan smem limit all zones; do
		case $scen in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254
		case $scen in ${SCEN:-*}) ;; *) continue ;; esac
		# QUICK keeps to small guests unless SCEN asks for the scenario
		[ -n "${QUICK:-}" ] && [ "$smem" != - ] && [ "${SCEN:-*}" = "*" ] && continue
		for variant in stock tao tao-zones; do
			kernel=$tao cmdline=$all
			[ "$all" = - ] && cmdline=
			[ $variant = stock ] && kernel=$stock
			[ $variant = tao-zones ] && cmdline="$cmdline $zones"
			name=bench-$scen-$variant-$rep m=$mem
			[ "$smem" = - ] || m=$smem
			boots="$boots $variant:$rep:$name"
			[ -e "$out/logs/$name.done" ] && continue
			while [ "$(jobs -pr | wc -l)" -ge "$jobs" ]; do wait -n; done
			# shellcheck disable=SC2086
			run "$name" "$kernel" "$m" "$limit" "$plan" $rep $cmdline &
		done
	done <bench/scenarios
	rep=$((rep + 1))
done
wait

# The report, from the logs in run order.
fail=0 raw=$out/raw.txt
: >"$raw"
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "run: $([ -n "${QUICK:-}" ] && echo QUICK || echo full), $reps repetition(s), $mem guests (unless bench/scenarios says), 2 vCPUs, qemu -icount shift=0,sleep=off (TCG), $jobs boots side by side"
	echo "kernels: ${id% initrd=*}, configs/guest.config + configs/bench.config (production: no DEBUG_VM, lockdep or KUnit; page_owner built in, off unless page_owner=on)"
	echo "qemu: $(qemu-system-x86_64 --version | head -n 1)"
	echo "parameters: ${params:-defaults of tests/plans/bench-*}"
	for b in $boots; do
		variant=${b%%:*} rep=${b#*:} rep=${rep%%:*} name=${b##*:}
		log=$out/logs/$name.log
		read -r verdict secs <"$out/logs/$name.done"
		[ "$verdict" = ok ] || fail=1
		echo "$name: $(grep -c '^# BENCH' "$log") result lines, $verdict, $secs host"
		sed -n "s/^# BENCH /$variant $rep /p" "$log" >>"$raw"
	done
	echo "host time: $(($(date +%s) - start))s$([ -n "${RESUME:-}" ] && echo ' (this run; RESUME=1)')"
} >"$out/meta.txt"
scripts/bench-report.sh "$raw" "$out" || fail=1
exit $fail
