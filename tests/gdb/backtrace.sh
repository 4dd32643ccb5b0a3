#!/usr/bin/env bash
# GDB against a booted kernel: tests/gdb/backtrace.sh ARCH
#
# Boots the kernel with test=ksyms_lookup_finds_functions under GDB (the
# race-free stdio form: GDB starts QEMU itself, no TCP port), stops in
# ksyms_lookup and checks that `bt` and our `ktrace` see the whole call
# chain, ksyms_lookup <- the test's function <- ktest_main <- kmain, and
# that `ktests` and `kbootinfo` (tools/uvix.gdb) work. Prints result lines
# as tests/run.sh does; the GDB session is in build/test-logs/ARCH-gdb.log.
#
# Always under TCG: under (nested) KVM, GDB's software breakpoints fail.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

arch=${1:?usage: tests/gdb/backtrace.sh i386|amd64}
test=ksyms_lookup_finds_functions
elf=build/$arch/uvix
log=$LOGDIR/$arch-gdb.log
serial=$LOGDIR/$arch-gdb-serial.log
chain=(ksyms_lookup "ktest_fn_$test" ktest_main kmain)

if [ ! -f "$elf" ]; then
	result FAIL "$arch" gdb backtrace "no $elf: build it first"
	exit 1
fi
mkdir -p "$LOGDIR"
rm -f "$serial"
kernel_argv "$arch" || exit 1
qemu="$(qemu_cmd "$arch" ACCEL=tcg) -serial file:$serial ${KERNEL_ARGV[*]} -append 'test=$test' -S -gdb stdio"

# Each check's output is framed by "==name==" lines. A failing command
# does not stop GDB -batch from running the next -ex.
run_locked "$log" gdb -nx -q -batch -x tools/uvix.gdb \
    -ex "target remote | exec $qemu" \
    -ex "break ksyms_lookup" \
    -ex "continue" \
    -ex "echo ==bt==\n" -ex "bt" \
    -ex "echo ==ktrace==\n" -ex "ktrace" \
    -ex "echo ==ktests==\n" -ex "ktests" \
    -ex "echo ==kbootinfo==\n" -ex "kbootinfo" \
    -ex "echo ==end==\n" \
    -ex "kill" \
    "$elf"
rc=$RC

# section NAME: the GDB output of one check.
section() {
	sed -n "/^==$1==\$/,/^==/p" "$log"
}

failed=0
# check NAME WHY WORD...: passes if section NAME contains every WORD.
check() {
	local name=$1 why=$2 missing=() w
	shift 2
	for w in "$@"; do
		section "$name" | grep -qw -- "$w" || missing+=("$w")
	done
	if [ "$rc" = 124 ] || [ "$rc" = 137 ] || [ "$rc" = "$LOCK_FAILED" ]; then
		result FAIL "$arch" gdb "$why" "GDB: $(describe_rc "$rc")"
	elif [ "${#missing[@]}" -eq 0 ]; then
		result PASS "$arch" gdb "$why"
		return
	else
		result FAIL "$arch" gdb "$why" "'$name' output lacks ${missing[*]}"
	fi
	failed=1
}

check bt backtrace_in_ksyms_lookup "${chain[@]}"
check ktrace ktrace_command "${chain[@]}"
check ktests ktests_command "$test"
check kbootinfo kbootinfo_command "test=$test"
if [ "$failed" -ne 0 ]; then
	show_tail "$log" 40
	show_tail "$serial" 10
fi
exit "$failed"
