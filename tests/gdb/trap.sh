#!/usr/bin/env bash
# GDB through a trap: tests/gdb/trap.sh ARCH
#
# Boots the kernel with test=pmap_kenter_readonly_write_faults under GDB,
# stops in trap() at the page fault that test provokes (a write to a
# read-only kernel mapping, through kprobe_write_byte) and checks that
# `bt` unwinds through the trap frame into the faulting code and on up to
# kmain, and that `ktrace tf` starts at the faulting instruction. This is
# what an instructor does to step through a fault. The session is in
# build/test-logs/ARCH-gdb-trap.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/gdblib.sh

arch=${1:?usage: tests/gdb/trap.sh i386|amd64}
test=pmap_kenter_readonly_write_faults

gdb_session "$arch" "$test" gdb-trap "trap if tf->tf_trapno == 14" \
    bt=bt ktrace="ktrace tf"
gdb_check bt backtrace_through_page_fault trap kprobe_write_byte "ktest_fn_$test" ktest_main kmain
# A frame-pointer walk cannot see the caller of a frameless function, so
# ktrace from the frame shows the faulting function and then ktest_main.
gdb_check ktrace ktrace_from_trapframe kprobe_write_byte ktest_main kmain
gdb_finish
