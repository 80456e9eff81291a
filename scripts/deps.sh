#!/bin/sh
# Install what the project needs on a Debian machine (run as root).
# Usage: deps.sh <debian linux-source version>
# A stamp in build/ records the version, so a second run costs nothing.
set -eu
want=$1
stamp=build/.deps
pkgs="linux-source-6.12 busybox-static qemu-system-x86 ccache gcc make bc
      flex bison libelf-dev libssl-dev cpio xz-utils libnuma-dev libcap-dev
      python3 python3-ply python3-git perl git gnuplot-nox dpkg-dev
      debhelper rsync kmod xfsprogs e2fsprogs"
# The stamp names the package list too: a new package reinstalls.
key="$want $(echo $pkgs | cksum | cut -d' ' -f1)"

[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && exit 0
mkdir -p build

if [ "$(id -u)" != 0 ]; then
	echo "deps: not root; assuming the packages are installed" >&2
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -qq update
# shellcheck disable=SC2086
apt-get -y -qq install --no-install-recommends $(echo $pkgs | sed 's/linux-source-6.12//') >/dev/null
if ! apt-get -y -qq install --allow-downgrades "linux-source-6.12=$want" >/dev/null; then
	echo "#################################################################" >&2
	echo "deps: WARNING: linux-source-6.12=$want cannot be installed;"       >&2
	echo "deps: WARNING: falling back to the newest linux-source-6.12."      >&2
	echo "deps: WARNING: results are NOT for the pinned base."               >&2
	echo "#################################################################" >&2
	apt-get -y -qq install linux-source-6.12 >/dev/null
fi
dpkg-query -W -f '${Version}\n' linux-source-6.12 >"$stamp.got"
echo "$key" >"$stamp"
