#!/bin/sh
# The host side of a virtio-mem boot (tao.vmem= in scripts/boot.sh): resize
# the guest's virtio-mem device when the guest asks.  A test asks by writing
#   tao-host: virtio-mem requested-size <bytes>
# to /dev/kmsg; this sets the device's requested-size through QEMU's QMP
# socket and logs the answer to <log>.  scripts/boot.sh stops it.
# Usage: vmem-host.sh <console.log> <qmp socket> <log>
set -u
console=$1 sock=$2 log=$3
done_n=0
while sleep 1; do
	[ -S "$sock" ] || continue
	sizes=$(tr -d '\r' <"$console" 2>/dev/null |
		sed -n 's/.*tao-host: virtio-mem requested-size \([0-9]*\)$/\1/p')
	n=0
	for size in $sizes; do
		n=$((n + 1))
		[ $n -le "$done_n" ] && continue
		python3 - "$sock" "$size" >>"$log" 2>&1 <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rw")
def cmd(c, **args):
    f.write(json.dumps({"execute": c, "arguments": args}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r
f.readline()
cmd("qmp_capabilities")
print("requested-size", sys.argv[2], cmd("qom-set", path="/machine/peripheral/vmem0",
      property="requested-size", value=int(sys.argv[2])))
PY
		done_n=$n
	done
done
