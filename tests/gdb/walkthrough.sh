#!/usr/bin/env bash
# Replays docs/fault-walkthrough.md: tests/gdb/walkthrough.sh ARCH
#
# Every ```gdb block of the document, in order, runs in one GDB session
# against /tests/bin/gdbvm booted with the fault trace on; then checks
# that the stop hook saw the cases the document promises (2A, 2B zero
# fill, 1B, 1A), that the fault steps are real frames with their
# arguments (fault_new_anon <- uvm_fault_lower/upper <- uvm_fault_try <-
# uvm_fault_loop, va not optimized out), and that uvm faults has records.
# The session is in build/test-logs/ARCH-gdb-walkthrough.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/gdblib.sh

arch=${1:?usage: tests/gdb/walkthrough.sh i386|amd64}
script=$LOGDIR/$arch-walkthrough.gdb
mkdir -p "$LOGDIR"
# Each block becomes a section ==stepN==. gdb_session first stops in
# kmain (paging on, the kernel's structures readable), as an instructor
# would before typing the first block.
awk '/^```gdb$/ { n++; print "echo ==step" n "==\\n"; inb = 1; next }
     /^```$/ { inb = 0; next }
     inb { print }' docs/fault-walkthrough.md > "$script"
GDB_APPEND='-- sysctl vm.fault_trace=1 && /tests/bin/gdbvm' \
gdb_session "$arch" none gdb-walkthrough kmain replay="source $script"
gdb_check step4 walkthrough_reaches_every_case "case 2A" "zero-filled" "case 1B" "case 1A"
gdb_check step3 walkthrough_frames_are_real fault_new_anon uvm_fault_try uvm_fault_loop enter_prot
gdb_check step5 walkthrough_trace_has_records gdbvm 2B-zero 1B
if sed -n '/^==step2==$/,/^==step3==$/p' "$GDB_LOG" | grep -q '^va = [0-9]'; then
	result PASS "$arch" gdb walkthrough_va_argument_visible
else
	result FAIL "$arch" gdb walkthrough_va_argument_visible "info args shows no va"
	GDB_FAILED=1
fi
gdb_finish
