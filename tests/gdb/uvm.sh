#!/usr/bin/env bash
# The `uvm` GDB commands (tools/uvix_gdb.py) against a known address
# space: tests/gdb/uvm.sh ARCH
#
# Boots /tests/bin/gdbvm (tests/uprog/gdbvm.c) with the fault trace on,
# stops in its child's getppid, after the child copied page 0 on write and
# read page 1 (shared with the parent). Checks that `uvm va` finds the
# same physical pages as the kernel's pageinfo (which the program saved in
# gdbvm_pi), the anon references (1 for the copy, 2 for the shared page),
# the fault cases it predicts, the map, the pv list with both processes,
# the invariant checks passing, the queues, swap and loans agreeing with
# uvmexp, the fault trace, and user frames in `bt` by name. Then a second
# boot stops in a test kernel path with a deliberately corrupted amap and
# checks that `uvm amap` reports it. Sessions: build/test-logs/ARCH-gdb-uvm*.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/gdblib.sh

arch=${1:?usage: tests/gdb/uvm.sh i386|amd64}

GDB_APPEND='-- sysctl vm.fault_trace=1 && /tests/bin/gdbvm' \
gdb_session "$arch" none gdb-uvm 'sys_getppid_ if $_streq(curthread->t_proc->p_name, "gdbvm")' \
    ps="uvm ps" syms="uvm symbols" bt="bt" \
    pi0="printf \"pfn0 %#llx\\n\", (unsigned long long)gdbvm_pi[0].pi_pfn" \
    pi1="printf \"pfn1 %#llx\\n\", (unsigned long long)gdbvm_pi[1].pi_pfn" \
    pi2="printf \"pfn2 %#llx\\n\", (unsigned long long)gdbvm_pi[2].pi_pfn" \
    va0="uvm va gdbvm_area" amap="uvm amap \$uvm_amap" anon0="uvm anon \$uvm_anon" \
    va1="uvm va gdbvm_area+4096" pv1="uvm pv \$uvm_pfn" page1="uvm page \$uvm_pfn" \
    va3="uvm va gdbvm_area+3*4096" \
    vaf="uvm va gdbvm_file" obj="uvm object \$uvm_object" \
    map="uvm map" walk="uvm pmap walk gdbvm_area" \
    queues="uvm queues 2" swap="uvm swap" loans="uvm loans" faults="uvm faults 60" \
    help="help uvm"
sect() { sed -n "/^==$1==\$/,/^==/p" "$GDB_LOG"; }
pfn_of() { sect "$1" | sed -n 's/^physical address .*(pfn \(0x[0-9a-f]*\))$/\1/p' | head -1; }
same_pfn() {    # SECTION PRINTED-NAME WHY
	local a b
	a=$(pfn_of "$1")
	b=$(sect "$2" | sed -n "s/^pfn[0-9] \(0x[0-9a-f]*\)\$/\1/p")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		result PASS "$arch" gdb "$3"
	else
		result FAIL "$arch" gdb "$3" "uvm va says pfn '${a}', pageinfo '${b}'"
		GDB_FAILED=1
	fi
}
gdb_check ps uvm_ps_lists_the_processes gdbvm init current
gdb_check bt bt_names_user_frames umain sys_getppid_
same_pfn va0 pi0 uvm_va_finds_pageinfos_page_after_cow
same_pfn va1 pi1 uvm_va_finds_pageinfos_shared_page
same_pfn vaf pi2 uvm_va_finds_pageinfos_file_page
gdb_check va0 uvm_va_copy_is_ours_alone "refs 1" "case 1A" "L1" "PVLIST(managed)" RW "invariants ok"
gdb_check va1 uvm_va_shared_anon_predicts_1b "refs 2" "case 1B" "invariants ok"
gdb_check va3 uvm_va_untouched_predicts_zero_fill "not mapped" "zero-filled" "flt_przero"
gdb_check vaf uvm_va_file_page_is_the_objects "case 2A" "uvn" "offset 0x0"
gdb_check amap uvm_amap_invariants_hold "invariants ok" "slot"
gdb_check anon0 uvm_anon_page_points_back "refs 1" "invariants ok"
gdb_check pv1 uvm_pv_lists_parent_and_child "gdbvm" "invariants ok"
[ "$(sect pv1 | grep -c '  mapped at ')" = 2 ] && result PASS "$arch" gdb uvm_pv_two_mappings ||
	{ result FAIL "$arch" gdb uvm_pv_two_mappings "not two mappings"; GDB_FAILED=1; }
gdb_check page1 uvm_page_by_pfn "refs 2" "active" "invariants ok"
gdb_check obj uvm_object_checks_memq "uvn" "invariants ok"
gdb_check map uvm_map_lists_entries "zero-fill" "uvn" "rw-/rwx" "cow"
gdb_check walk uvm_pmap_walk_levels "L1" "L2" "PT" "PD"
gdb_check queues uvm_queues_agree_with_uvmexp "free" "active" "inactive" "invariants ok"
gdb_check swap uvm_swap_agrees_with_uvmexp "invariants ok"
gdb_check loans uvm_loans_agree_with_uvmexp "invariants ok"
gdb_check faults uvm_faults_shows_the_trace "gdbvm" "1B" "2B-zero" "2A"
gdb_check help help_uvm_lists_commands "break-fault" "pmap" "loans"
gdb_finish || exit 1

gdb_session "$arch" gdb_amap_corrupted gdb-uvm-corrupt ktest_gdb_amap_here \
    amap="uvm amap am" up="up" 
gdb_check amap uvm_amap_reports_a_corrupted_amap VIOLATION "am_bckptr" "invariant"
gdb_finish
