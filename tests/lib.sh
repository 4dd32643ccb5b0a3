# shellcheck shell=bash
# Shared by tests/run.sh, tests/gdb/*.sh and tools/boottime.sh (sourced,
# not run). Runs from the top of the source tree.
#
# Every QEMU run goes through run_locked: one lock for all users of this
# machine (two suites never boot at once on our 2 cores) and a hard time
# limit (a hung or rebooting kernel must not hang the suite).
#
# Results are lines "PASS <arch> <kind> <name>" or
# "FAIL <arch> <kind> <name>: <why>", followed by indented detail lines.

UVIX_LOCK=${UVIX_LOCK:-/tmp/uvix-qemu.lock}
LOCK_WAIT=${LOCK_WAIT:-1800}    # seconds to wait for another suite's boots
TIMEOUT=${TIMEOUT:-60}          # seconds per QEMU run, once it has the lock
LOGDIR=${LOGDIR:-build/test-logs}
LOCK_FAILED=200                 # our exit status when the lock never came

PASSED=0
FAILED=0

# result PASS|FAIL ARCH KIND NAME [WHY]: prints one result line and counts it.
result() {
	local status=$1 arch=$2 kind=$3 name=$4 why=${5:-}
	if [ "$status" = PASS ]; then
		PASSED=$((PASSED + 1))
		echo "PASS $arch $kind $name"
	else
		FAILED=$((FAILED + 1))
		echo "FAIL $arch $kind $name${why:+: $why}"
	fi
}

# detail TEXT...: an indented line under the result it explains.
detail() {
	echo "    $*"
}

# show_tail FILE [N]: the last N (30) lines of a log, indented.
show_tail() {
	local file=$1 n=${2:-30}
	if [ ! -s "$file" ]; then
		detail "($file is empty)"
		return
	fi
	detail "last $n lines of $file:"
	tail -n "$n" "$file" | sed 's/^/    | /'
}

# qemu_cmd ARCH [MAKEVAR=value...]: the Makefile's headless QEMU command
# line for ARCH (binary, accelerator, memory, -no-reboot, isa-debug-exit),
# so scripts and `make qemu` always boot the same machine.
qemu_cmd() {
	local arch=$1
	shift
	make -s --no-print-directory ARCH="$arch" "$@" qemu-cmd
}

# qemu_argv ARCH [MAKEVAR=value...]: the same, as the array QEMU_ARGV.
qemu_argv() {
	local line
	line=$(qemu_cmd "$@") || return 1
	# shellcheck disable=SC2034 # read by the callers
	read -ra QEMU_ARGV <<<"$line"
}

# kernel_argv ARCH: what a -kernel boot of ARCH adds to the QEMU command,
# as the array KERNEL_ARGV: the kernel and its initrd, as `make qemu`
# boots them (the Makefile's QEMU_KERNEL; make qemu-kernel-args prints it).
kernel_argv() {
	local line
	line=$(make -s --no-print-directory ARCH="$1" qemu-kernel-args) || return 1
	# shellcheck disable=SC2034 # read by the callers
	read -ra KERNEL_ARGV <<<"$line"
}

# run_locked LOG COMMAND...: runs COMMAND holding the QEMU lock, under the
# time limit, stdin from /dev/null (so QEMU never takes over a terminal),
# stdout and stderr to LOG. Sets RC to its exit status: 124 or 137 after
# the time limit, $LOCK_FAILED if the lock never came.
run_locked() {
	local log=$1
	shift
	mkdir -p "$(dirname "$log")"
	flock -w "$LOCK_WAIT" -E "$LOCK_FAILED" "$UVIX_LOCK" \
	    timeout -k 5 "$TIMEOUT" "$@" </dev/null >"$log" 2>&1
	# shellcheck disable=SC2034 # read by the callers
	RC=$?
}

# clean_log FILE: removes carriage returns and terminal escape codes (GRUB
# sends both), so logs read and match as plain lines.
clean_log() {
	local esc
	esc=$(printf '\033')
	sed -i -e 's/\r//g' -e "s/$esc\\[[0-9;?]*[A-Za-z]//g" "$1"
}

# describe_rc N: what a QEMU exit status means (kernel/dev/qemu_exit.h).
describe_rc() {
	case $1 in
	0)   echo "exit 0 (QEMU's exit on a triple fault under -no-reboot)" ;;
	1)   echo "exit 1 (QEMU failed: see its message in the log)" ;;
	33)  echo "exit 33 (all tests passed)" ;;
	35)  echo "exit 35 (a test failed)" ;;
	37)  echo "exit 37 (panic)" ;;
	39)  echo "exit 39 (not enough memory to boot)" ;;
	41)  echo "exit 41 (the kernel halted)" ;;
	43)  echo "exit 43 (no long mode)" ;;
	124|137) echo "timed out after ${TIMEOUT}s (hung?)" ;;
	"$LOCK_FAILED") echo "no QEMU run: waited ${LOCK_WAIT}s for $UVIX_LOCK" ;;
	255) echo "exit 255 (reboot() with status 63 or more)" ;;
	*)
		if [ "$1" -ge 129 ] 2>/dev/null && [ $(($1 % 2)) -eq 1 ]; then
			echo "exit $1 (reboot() with status $((($1 - 129) / 2)))"
		else
			echo "exit $1 (not a Uvix exit code)"
		fi ;;
	esac
}

# want_rc RC WANT: nothing if RC is WANT, else a sentence saying both.
want_rc() {
	[ "$1" = "$2" ] || echo "expected $(describe_rc "$2"), got $(describe_rc "$1")"
}
