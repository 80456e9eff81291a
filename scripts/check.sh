#!/bin/sh
# Run the boot matrix and print the verdict.
# Usage: check.sh <matrix> [boot-name-glob]
# Every boot's results are in build/results/<boot>/; the summary line is last.
set -u
matrix=$1 only=${2:-*}
known=tests/known-failures
all=build/results/all
mkdir -p build/results; : >"$all"

# Boots run one at a time, in matrix order, except that two boots of one
# vCPU each, listed one after the other, run side by side when the host has
# two CPUs or more (JOBS=1: never).  Never more vCPUs than host CPUs: a
# guest whose vCPUs wait for each other (IPIs, TLB shootdowns) slows down
# many times when they share a host CPU.  Each boot writes only its own
# build/results/<boot>/; the verdicts are gathered in matrix order below.
boot() {
	echo "### boot $1: mem=$2 cpus=$3 numa=$4 plans=$6 cmdline=$(shift 6; echo "$*")"
	expect=pass
	case $1 in harness-*) expect=fail ;; esac
	EXPECT=$expect scripts/boot.sh "$@" >/dev/null
}
pair=$([ "${JOBS:-$(nproc)}" -gt 1 ] && echo 1)
boots='' pending=''
while read -r name mem cpus numa limit plans cmdline; do
	case $name in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2254
	case $name in $only) ;; *) continue ;; esac
	boots="$boots $name"
	if [ -n "$pending" ] && [ "$cpus" = 1 ]; then
		# shellcheck disable=SC2086
		boot "$name" "$mem" "$cpus" "$numa" "$limit" "$plans" $cmdline
		wait "$pending"; pending=
		continue
	fi
	[ -n "$pending" ] && { wait "$pending"; pending=; }
	if [ -n "$pair" ] && [ "$cpus" = 1 ]; then
		# shellcheck disable=SC2086
		boot "$name" "$mem" "$cpus" "$numa" "$limit" "$plans" $cmdline &
		pending=$!
		continue
	fi
	# shellcheck disable=SC2086
	boot "$name" "$mem" "$cpus" "$numa" "$limit" "$plans" $cmdline
done <"$matrix"
[ -n "$pending" ] && wait "$pending"
for name in $boots; do
	cat "build/results/$name/results" 2>/dev/null ||
		echo "not ok $name/boot # no results (boot.sh did not run)"
	# make bench's smoke test: its report script must parse what the guest wrote
	case $name in bench-*) scripts/bench-report.sh -c "build/results/$name" ;; esac
done >>"$all"

# A failed test's own failure lines from its KTAP log, for logs that show
# only the summary (CI): its "not ok" and "Bail out!" lines, each after the
# diagnostics just before it ("# # ..."), else its last lines.
failure_lines() {
	boot=${1%%/*} test=${1#*/}
	awk -v t="$test" '
		/^# / { out[n++] = $0; next }
		/^(not )?ok [0-9]+ / {
			if ($1 == "not" && $4 == t) {
				k = 0
				for (i = 0; i < n; i++) {
					if (out[i] !~ /^# (not ok|Bail out)/ || k >= 10)
						continue
					for (j = (i > 3 ? i - 3 : 0); j < i; j++)
						if (out[j] ~ /^# # /)
							print "#   " out[j]
					print "#   " out[i]; k++
				}
				for (i = (n > 5 ? n - 5 : 0); !k && i < n; i++)
					print "#   " out[i]
			}
			n = 0
		}' "build/results/$boot/ktap.log" 2>/dev/null
}

pass=0 fail=0 skip=0
while read -r line; do
	id=$(echo "$line" | sed 's/^\(not \)\?ok \([^ ]*\).*/\2/')
	reason='' when=''
	while read -r glob why; do
		case $glob in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254
		case $id in $glob) ;; *) continue ;; esac
		# "<text>" first: known only when the failure lines show it
		case $why in
		'"'*) when=${why#\"}; when=${when%%\"*}; why=$(echo "${why#\"*\"}" | sed 's/^ *//')
		      case $line in "not ok"*)
			failure_lines "$id" | grep -qF -- "$when" || continue ;;
		      esac ;;
		esac
		reason=$why; break
	done <"$known"
	case $line in
	"not ok"*)
		if [ -n "$reason" ]; then
			echo "$line # KNOWN: $reason"; skip=$((skip + 1))
		else
			echo "$line"; failure_lines "$id"; fail=$((fail + 1))
		fi ;;
	*"# SKIP"*) echo "$line"; skip=$((skip + 1)) ;;
	*)
		[ -n "$reason" ] && [ -z "$when" ] &&
			line="$line # listed as a known failure, now passes"
		echo "$line"; pass=$((pass + 1)) ;;
	esac
done <"$all"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ] && [ $((pass + skip)) -gt 0 ]
