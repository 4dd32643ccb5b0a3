#!/usr/bin/env bash
# GDB through a trap: tests/gdb/trap.sh ARCH
#
# Boots the kernel with test=pmap_kenter_readonly_write_faults under GDB
# (stdio form), stops in trap() at the page fault that test provokes (a
# write to a read-only kernel mapping, through kprobe_write_byte) and
# checks that `bt` unwinds through the trap frame into the faulting code
# and on up to kmain, and that `ktrace tf` starts at the faulting
# instruction. This is what an instructor does to step through a fault.
# The GDB session is in build/test-logs/ARCH-gdb-trap.log.
#
# Always under TCG: under (nested) KVM, GDB's software breakpoints fail.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

arch=${1:?usage: tests/gdb/trap.sh i386|amd64}
test=pmap_kenter_readonly_write_faults
elf=build/$arch/uvix
log=$LOGDIR/$arch-gdb-trap.log
serial=$LOGDIR/$arch-gdb-trap-serial.log
chain=(trap kprobe_write_byte "ktest_fn_$test" ktest_main kmain)

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
    -ex "break trap if tf->tf_trapno == 14" \
    -ex "continue" \
    -ex "echo ==bt==\n" -ex "bt" \
    -ex "echo ==ktrace==\n" -ex "ktrace tf" \
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

check bt backtrace_through_page_fault "${chain[@]}"
# A frame-pointer walk cannot see the caller of a frameless function, so
# ktrace from the frame shows the faulting function and then ktest_main.
check ktrace ktrace_from_trapframe kprobe_write_byte ktest_main kmain
if [ "$failed" -ne 0 ]; then
	show_tail "$log" 40
	show_tail "$serial" 10
fi
exit "$failed"
