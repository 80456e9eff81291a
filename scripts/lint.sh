#!/bin/sh
# checkpatch --strict on every patch of the series, and series/file agreement.
# ERRORs fail.  A WARNING or CHECK fails unless the patch's commit message
# names its type (e.g. "checkpatch: LONG_LINE is ... because ..."), which is
# where the justification belongs.
set -u
rc=0
listed=$(grep -v '^[[:space:]]*\(#\|$\)' patches/series)
for f in patches/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$f" ] || continue
	case $f in */0000-cover-letter.patch) continue ;; esac
	echo "$listed" | grep -qxF "${f#patches/}" ||
		{ echo "lint: $f is not in patches/series"; rc=1; }
done
for p in $listed; do
	[ -f "patches/$p" ] || { echo "lint: patches/series lists $p, which does not exist"; rc=1; }
	[ "$(echo "$listed" | grep -cxF "$p")" = 1 ] || { echo "lint: $p listed twice"; rc=1; }
done
if [ -n "$listed" ] && [ ! -f patches/0000-cover-letter.patch ]; then
	echo "lint: patches/0000-cover-letter.patch is missing"; rc=1
fi

for p in $listed; do
	f=$PWD/patches/$p
	[ -f "$f" ] || continue
	msg=$(sed -n '/^Subject:/,/^---$/p' "$f")
	# Debian's python3 has the modules spdxcheck.py needs (python3-ply, -git).
	out=$(cd build/linux && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --show-types --no-summary --quiet "$f")
	bad=$(printf "%s\n" "$out" | grep -E '^(ERROR|WARNING|CHECK):' | while IFS=: read -r level type _; do
		if [ "$level" = ERROR ] || ! echo "$msg" | grep -qw "$type"; then
			echo "$level:$type"
		fi
	done)
	if [ -n "$bad" ]; then
		echo "lint: $p:"; printf "%s\n" "$out" | sed "s/^/    /"; rc=1
	else
		echo "lint: $p: clean"
	fi
done
[ $rc = 0 ] && echo "lint: ok"
exit $rc
