#!/usr/bin/env bash
# GDB against a booted kernel: tests/gdb/backtrace.sh ARCH
#
# Boots the kernel with test=ksyms_lookup_finds_functions under GDB, stops
# in ksyms_lookup and checks that `bt` and our `ktrace` see the whole call
# chain, ksyms_lookup <- the test's function <- ktest_main <- kmain, and
# that `ktests` and `kbootinfo` (tools/uvix.gdb) work. Prints result lines
# as tests/run.sh does; the session is in build/test-logs/ARCH-gdb.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/gdblib.sh

arch=${1:?usage: tests/gdb/backtrace.sh i386|amd64}
test=ksyms_lookup_finds_functions
chain=(ksyms_lookup "ktest_fn_$test" ktest_main kmain)

gdb_session "$arch" "$test" gdb ksyms_lookup \
    bt=bt ktrace=ktrace ktests=ktests kbootinfo=kbootinfo
gdb_check bt backtrace_in_ksyms_lookup "${chain[@]}"
gdb_check ktrace ktrace_command "${chain[@]}"
gdb_check ktests ktests_command "$test"
gdb_check kbootinfo kbootinfo_command "test=$test"
gdb_finish
