#!/usr/bin/env bash
# tools/boottime.sh [-n RUNS] [-iso]: how long a boot takes.
#
# Measures the wall time from starting QEMU to the kernel's banner line
# ("Uvix ... booting") on the serial port, for each arch, booting with
# -kernel (and with -iso, also from the GRUB ISO), and prints the median,
# minimum and maximum of RUNS (5) boots in milliseconds. QEMU's own start-up
# is included: it is what a student waits for. A tool, not a test: nothing
# fails if a boot is slow. Uses the same QEMU command line as `make qemu`
# (ACCEL, MEM from the environment or make's defaults).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

runs=5
iso=0
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift ;;
	-iso) iso=1 ;;
	*) echo "usage: tools/boottime.sh [-n RUNS] [-iso]" >&2; exit 2 ;;
	esac
	shift
done
TIMEOUT=${TIMEOUT:-20}

for arch in i386 amd64; do
	make -s --no-print-directory ARCH="$arch" || exit 1
	if [ "$iso" = 1 ]; then
		make -s --no-print-directory ARCH="$arch" iso >/dev/null || exit 1
	fi
done

# Hold the QEMU lock for the whole measurement, so no other suite's boots
# compete for the CPU; QEMU itself does not inherit the lock's descriptor.
exec 9>>"$UVIX_LOCK"
if ! flock -w "$LOCK_WAIT" 9; then
	echo "boottime: waited ${LOCK_WAIT}s for $UVIX_LOCK; try again later" >&2
	exit 1
fi

# boot_ms ARCH QEMU-ARGS...: milliseconds from QEMU's start to the banner,
# or "-" if it never came.
boot_ms() {
	local arch=$1 line t0 t1=
	shift
	t0=$EPOCHREALTIME
	coproc QEMU { exec timeout -k 2 "$TIMEOUT" "$@" -serial stdio </dev/null 2>/dev/null 9>&-; }
	while IFS= read -r line <&"${QEMU[0]}"; do
		case $line in
		*"Uvix "*"($arch) booting"*) t1=$EPOCHREALTIME; break ;;
		esac
	done
	kill "$QEMU_PID" 2>/dev/null
	wait "$QEMU_PID" 2>/dev/null
	if [ -z "$t1" ]; then
		echo -
	else
		# EPOCHREALTIME is seconds.microseconds (with the locale's point).
		echo $(( (${t1//[.,]/} - ${t0//[.,]/}) / 1000 ))
	fi
}

# stats MS...: "median min max" of the numbers (or "- - -").
stats() {
	local sorted
	mapfile -t sorted < <(printf '%s\n' "$@" | grep -v '^-$' | sort -n)
	if [ "${#sorted[@]}" -eq 0 ]; then
		echo "- - -"
		return
	fi
	echo "${sorted[$(((${#sorted[@]} - 1) / 2))]} ${sorted[0]} ${sorted[-1]}"
}

printf 'Boot to banner in ms, median of %d runs (min-max)\n' "$runs"
if [ "$iso" = 1 ]; then
	printf '%-6s  %-16s  %s\n' arch "-kernel" "GRUB ISO"
else
	printf '%-6s  %s\n' arch "-kernel"
fi
for arch in i386 amd64; do
	qemu_argv "$arch" && kernel_argv "$arch" || exit 1
	cmd=("${QEMU_ARGV[@]}")
	kern=()
	isos=()
	for ((i = 0; i < runs; i++)); do
		kern+=("$(boot_ms "$arch" "${cmd[@]}" "${KERNEL_ARGV[@]}")")
		if [ "$iso" = 1 ]; then
			isos+=("$(boot_ms "$arch" "${cmd[@]}" -cdrom "build/$arch/uvix.iso")")
		fi
	done
	read -r med min max <<<"$(stats "${kern[@]}")"
	if [ "$iso" = 1 ]; then
		printf '%-6s  %-16s  ' "$arch" "$med ($min-$max)"
		read -r med min max <<<"$(stats "${isos[@]}")"
	else
		printf '%-6s  ' "$arch"
	fi
	printf '%s\n' "$med ($min-$max)"
done
