#!/bin/sh
# Boot one guest under QEMU (TCG) and judge it.
# Usage: boot.sh <name> <mem> <cpus> <numa> <timeout> <plans> <cmdline...>
#   numa: '-' for none, N for N equal nodes, or a list of node sizes (1G,512M)
# Environment: KERNEL, INITRD (defaults build/guest/..., build/initramfs.cpio)
#              EXPECT=fail inverts the verdict (harness self-tests).
#              QEMU_EXTRA: more QEMU options (make bench: -icount).
#              CMDLINE_EXTRA: appended to every command line (make check-kasan).
# tao.disks=xfs,ext4 on the command line attaches a fresh file system of each
# type on its own virtio-blk disk (/dev/vda, /dev/vdb... in that order), which
# /init mounts at /mnt/<type>.
# tao.dimm=512M plugs in a DIMM of that size (pc-dimm, ACPI memory hotplug);
# tao.vmem=512M a virtio-mem device with that much plugged (resizable).
# Writes build/results/<name>/{console.log,ktap.log,results}; each results
# line is "ok|not ok <name>/<test> [# comment]".  Exit status 1 on any failure.
set -u
name=$1 mem=$2 cpus=$3 numa=$4 limit=$5 plans=$6
shift 6
extra=$*
[ "$extra" = - ] && extra=
kernel=${KERNEL:-build/guest/arch/x86/boot/bzImage}
initrd=${INITRD:-build/initramfs.cpio}
dir=build/results/$name
rm -rf "$dir"; mkdir -p "$dir"
console=$dir/console.log ktap=$dir/ktap.log results=$dir/results

# Kernel log lines that fail a boot, whatever the tests said.
bad='BUG:|WARNING:|Oops|KASAN:|UBSAN:|lockdep:|DEBUG_LOCKS_WARN_ON|INFO: trying to register non-static key|Bad page state|Kernel panic|general protection fault|INFO: task .* blocked'

numa_args= smp=$cpus
if [ "$numa" != - ]; then
	case $numa in
	*,*) sizes=$(echo "$numa" | tr , ' ') ;;
	*) each=$(( $(echo "$mem" | sed 's/G$/*1024/; s/M$//' | bc) / numa ))
	   sizes=; i=0; while [ $i -lt "$numa" ]; do sizes="$sizes ${each}M"; i=$((i + 1)); done ;;
	esac
	nodes=$(echo $sizes | wc -w)
	# One socket per node: CPUs sharing a cache must share a node.
	smp="cpus=$cpus,sockets=$nodes"
	i=0
	for s in $sizes; do
		cpu_list=
		c=$i; while [ $c -lt "$cpus" ]; do cpu_list="$cpu_list,cpus=$c"; c=$((c + nodes)); done
		numa_args="$numa_args -object memory-backend-ram,id=m$i,size=$s -numa node,nodeid=$i,memdev=m$i$cpu_list"
		i=$((i + 1))
	done
fi

disks=
for fs in $(echo "$extra" | tr ' ' '\n' | sed -n 's/^tao\.disks=//p' | tr , ' '); do
	img=$dir/$fs.img
	truncate -s 8G "$img"
	case $fs in
	xfs) PATH=$PATH:/usr/sbin:/sbin mkfs.xfs -q "$img" ;;
	ext4) PATH=$PATH:/usr/sbin:/sbin mkfs.ext4 -q -F "$img" ;;
	*) false ;;
	esac >"$dir/mkfs.log" 2>&1 || {
		echo "not ok $name/boot # tao.disks=: cannot make a $fs file system: $(head -c 200 "$dir/mkfs.log")" |
			tee "$results"
		exit 1
	}
	disks="$disks -drive file=$img,if=virtio,format=raw"
done

# tao.dimm=512M plugs a DIMM of that size in at start (ACPI memory hotplug);
# its memory blocks stay offline until a test onlines them.
memory=$mem dimms= n=0
for size in $(echo "$extra" | tr ' ' '\n' | sed -n 's/^tao\.dimm=//p'); do
	memory="$mem,slots=4,maxmem=16G"
	dimms="$dimms -object memory-backend-ram,id=dimm$n,size=$size -device pc-dimm,memdev=dimm$n"
	n=$((n + 1))
done

# tao.vmem=512M adds a virtio-mem device (virtio-mem-pci, up to 1 GiB) that
# plugs that much at start; a test resizes it through scripts/vmem-host.sh.
qmp= vmem=$(echo "$extra" | tr ' ' '\n' | sed -n 's/^tao\.vmem=//p' | head -n 1)
if [ -n "$vmem" ]; then
	memory="$mem,slots=4,maxmem=16G"
	qmp=$dir/qmp.sock
	dimms="$dimms -object memory-backend-ram,id=vmem0mem,size=1G -device virtio-mem-pci,id=vmem0,memdev=vmem0mem,requested-size=$vmem -qmp unix:$qmp,server=on,wait=off"
fi

cmdline="console=ttyS0 printk.time=1 panic=-1 tao.plan=$plans $extra${CMDLINE_EXTRA:+ $CMDLINE_EXTRA}"
watcher=
if [ -n "$qmp" ]; then
	scripts/vmem-host.sh "$console" "$qmp" "$dir/vmem-host.log" &
	watcher=$!
fi
# shellcheck disable=SC2086
timeout -k 10 "$limit" qemu-system-x86_64 -accel tcg -cpu max -m "$memory" -smp "$smp" $numa_args \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" $disks $dimms \
	-display none -no-reboot -monitor none ${QEMU_EXTRA:-} \
	-serial "file:$console" -serial "file:$ktap" </dev/null >"$dir/qemu.log" 2>&1
rc=$?
[ -n "$watcher" ] && kill "$watcher" 2>/dev/null
rm -f "$dir"/*.img "$dir"/qmp.sock

# Results of the tests the guest ran, then of the built-in KUnit suites
# (top-level KTAP lines in the kernel log).
# (The serial ports end lines with CR LF.)
tr -d '\r' <"$ktap" |
	sed -n 's/^\(not ok\|ok\) [0-9]* \([^ ]*\)\(.*\)$/\1 '"$name"'\/\2\3/p' >"$results"
tr -d '\r' <"$console" |
	sed -n 's/^\[[ 0-9.]*\] \(not ok\|ok\) [0-9]* \([^ ]*\)\(.*\)$/\1 '"$name"'\/kunit\/\2\3/p' >>"$results"

# Verdict on the boot itself.
why=
[ $rc = 124 ] || [ $rc = 137 ] && why="guest hung: no poweroff within ${limit}s"
[ -z "$why" ] && [ $rc != 0 ] && why="qemu exited with $rc ($(head -c 200 "$dir/qemu.log"))"
grep -q '^# tao: plan done' "$ktap" || why="${why:+$why; }plan did not finish"
planned=$(tr -d '\r' <"$ktap" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p' | head -n 1)
got=$(grep -c '^\(not \)\?ok ' "$ktap")
[ -n "$planned" ] && [ "$got" != "$planned" ] &&
	why="${why:+$why; }$got results for $planned tests in the KTAP log"
hits=$(grep -E "$bad" "$console" | head -n 5)
[ -n "$hits" ] && why="${why:+$why; }kernel log: $(echo "$hits" | head -n 1 | sed 's/^\[[ 0-9.]*\] //')"
if [ -z "$why" ]; then
	echo "ok $name/boot" >>"$results"
else
	echo "not ok $name/boot # $why" >>"$results"
	[ -n "$hits" ] && echo "$hits" | sed 's/^/#   /' >>"$results"
fi

if [ "${EXPECT:-pass}" = fail ]; then
	# A harness self-test: the boot must be judged a failure.
	if grep -q '^not ok' "$results"; then
		echo "ok $name # failure detected as expected: $(grep '^not ok' "$results" | head -n 1 | cut -c1-160)" >"$results"
	else
		echo "not ok $name # expected a failure, none was detected" >"$results"
	fi
fi
cat "$results"
! grep -q '^not ok' "$results"
