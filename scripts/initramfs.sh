#!/bin/sh
# Build the guest initramfs: busybox-static, guest/init, tests/plans and the
# statically linked mm selftests, packed by the kernel's own gen_init_cpio.
# Usage: initramfs.sh <kernel build dir> <selftests dir> <output.cpio> [bench dir]
# The optional bench dir's executables go to /bench (make bench's workloads).
# GEN_INIT_CPIO overrides <kernel build dir>/usr/gen_init_cpio.
set -eu
kbuild=$1 selftests=$2 out=$3 bench=${4:-}
list=$out.list
{
	echo "dir /dev 755 0 0"
	echo "nod /dev/console 600 0 0 c 5 1"
	for d in bin proc sys tmp mm plans root bench; do echo "dir /$d 755 0 0"; done
	echo "file /init guest/init 755 0 0"
	echo "file /bin/busybox /bin/busybox 755 0 0"
	for f in tests/plans/*; do echo "file /plans/${f##*/} $f 644 0 0"; done
	for f in "$selftests"/*; do
		[ -f "$f" ] && [ -x "$f" ] && echo "file /mm/${f##*/} $f 755 0 0"
	done
	for f in ${bench:+"$bench"/*}; do
		[ -f "$f" ] && [ -x "$f" ] && echo "file /bench/${f##*/} $f 755 0 0"
	done
} >"$list"
# One mtime for every file (KBUILD_BUILD_TIMESTAMP's day): the same files
# give the same archive, which make bench's RESUME=1 checks by its hash.
"${GEN_INIT_CPIO:-$kbuild/usr/gen_init_cpio}" -t 946684800 "$list" >"$out.tmp"
mv "$out.tmp" "$out"
