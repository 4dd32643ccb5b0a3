#!/usr/bin/env bash
# tools/bench.sh (make bench): runs user/vmbench on each arch, one boot per
# arch under the QEMU lock, and prints one table with the arches side by
# side: for each row the median cycles, the ratio to the best hot 4 KiB
# copy of the same boot ("x copy"), the min-max of the repetitions, and the
# first repetition when it fell outside the others' min-max (cold).
#
# Compare ratios, not cycles: under QEMU's TCG the cycle counter runs at
# the host's rate, whatever the guest does.
#
# Environment: ARCHES ("i386 amd64"), VMBENCH_ARGS (vmbench's options,
# e.g. "-r 9"), TIMEOUT (300 s per boot), ACCEL and MEM (as for make).
# The raw output of each boot stays in build/ARCH/bench.log.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

ARCHES=${ARCHES:-i386 amd64}
VMBENCH_ARGS=${VMBENCH_ARGS:-}
TIMEOUT=${TIMEOUT:-300}
ACCEL=${ACCEL:-tcg}
MEM=${MEM:-64M}

tsvs=()
for arch in $ARCHES; do
	log=build/$arch/bench.log
	make --no-print-directory -s ARCH="$arch" ACCEL="$ACCEL" MEM="$MEM" all >/dev/null ||
	    { echo "bench: make ARCH=$arch failed" >&2; exit 1; }
	run_locked "$log" make --no-print-directory -s ARCH="$arch" ACCEL="$ACCEL" MEM="$MEM" \
	    run CMD="vmbench -t $VMBENCH_ARGS"
	clean_log "$log"
	if [ "$RC" -ne 0 ]; then
		echo "bench: vmbench on $arch failed (exit $RC); the end of $log:" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	grep '^vmbench	' "$log" | cut -f2- >"build/$arch/bench.tsv"
	tsvs+=("build/$arch/bench.tsv")
done

# One line per row, in vmbench's order; a column group per arch.
awk -F'\t' -v arches="$ARCHES" '
	BEGIN { n = split(arches, arch, " ") }
	FNR == 1 { a++ }
	{
		if (!($1 in seen)) { seen[$1] = 1; order[++rows] = $1 }
		med[a, $1] = $2; ratio[a, $1] = $3; range[a, $1] = $4; first[a, $1] = $5
	}
	END {
		printf "| operation |"
		for (i = 1; i <= n; i++)
			printf " %s cycles | x copy | min-max | first |", arch[i]
		printf "\n|---|"
		for (i = 1; i <= n; i++)
			printf "---:|---:|---:|---:|"
		printf "\n"
		for (r = 1; r <= rows; r++) {
			printf "| %s |", order[r]
			for (i = 1; i <= n; i++)
				printf " %s | %s | %s | %s |", med[i, order[r]], ratio[i, order[r]],
				    range[i, order[r]], first[i, order[r]]
			printf "\n"
		}
	}' "${tsvs[@]}"
