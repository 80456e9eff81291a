#!/bin/sh
# Boot the TAO kernel: an interactive shell when stdin is a terminal,
# otherwise the 'run' plan (zone layout, THP counters) and a clean exit.
# Usage: run.sh <mem> <cpus> <numa> <kernel command line>
set -eu
mem=$1 cpus=$2 numa=$3 cmdline=$4
if [ -t 0 ]; then
	echo "run: QEMU (TCG), $mem, $cpus CPUs, cmdline: $cmdline; 'poweroff -f' or Ctrl-a x quits"
	exec qemu-system-x86_64 -accel tcg -cpu max -m "$mem" -smp "$cpus" \
		-kernel build/guest/arch/x86/boot/bzImage -initrd build/initramfs.cpio \
		-append "console=ttyS0 panic=-1 tao.plan=run tao.shell=1 $cmdline" \
		-display none -no-reboot -serial mon:stdio -serial null
fi
rc=0
scripts/boot.sh run "$mem" "$cpus" "$numa" 300 run "${cmdline:--}" >/dev/null || rc=$?
sed -n 's/^# //p' build/results/run/ktap.log
cat build/results/run/results
exit $rc
