# Shared by the GDB tests (sourced, after tests/lib.sh).
#
#   gdb_session ARCH TEST LOGNAME BREAKPOINT SECTION=COMMAND...
#
# boots ARCH's kernel with test=TEST under GDB in the race-free stdio form
# (GDB starts QEMU itself, no TCP port; always TCG: software breakpoints
# fail under nested KVM), sets BREAKPOINT, continues, and runs each
# COMMAND, its output framed by "==SECTION==" lines. The session goes to
# build/test-logs/ARCH-LOGNAME.log. With GDB_APPEND set, the kernel's
# command line is that instead of test=TEST (e.g. '-- /tests/bin/gdbvm').
# Then
#
#   gdb_check SECTION WHY WORD...
#
# prints a result line: PASS if SECTION's output has every WORD, FAIL if
# not or if GDB hung; gdb_finish shows the logs if anything failed and
# returns the status for the script to exit with.

gdb_session() {
	local arch=$1 test=$2 name=$3 brk=$4 qemu arg
	local -a cmds=()
	shift 4
	GDB_ARCH=$arch
	GDB_LOG=$LOGDIR/$arch-$name.log
	GDB_SERIAL=$LOGDIR/$arch-$name-serial.log
	GDB_FAILED=0
	local elf=build/$arch/uvix
	if [ ! -f "$elf" ]; then
		result FAIL "$arch" gdb "$name" "no $elf: build it first"
		exit 1
	fi
	mkdir -p "$LOGDIR"
	rm -f "$GDB_SERIAL"
	kernel_argv "$arch" || exit 1
	qemu="$(qemu_cmd "$arch" ACCEL=tcg) -serial file:$GDB_SERIAL ${KERNEL_ARGV[*]} -append '${GDB_APPEND:-test=$test}' -S -gdb stdio"
	for arg in "$@"; do
		cmds+=(-ex "echo ==${arg%%=*}==\\n" -ex "${arg#*=}")
	done
	# A failing command does not stop GDB -batch from running the next -ex.
	run_locked "$GDB_LOG" gdb -nx -q -batch -x tools/uvix.gdb \
	    -ex "target remote | exec $qemu" -ex "break $brk" -ex "continue" \
	    "${cmds[@]}" -ex "echo ==end==\\n" -ex "kill" "$elf"
	GDB_RC=$RC
}

gdb_check() {
	local name=$1 why=$2 missing=() w
	shift 2
	for w in "$@"; do
		sed -n "/^==$name==\$/,/^==/p" "$GDB_LOG" | grep -qw -- "$w" || missing+=("$w")
	done
	if [ "$GDB_RC" = 124 ] || [ "$GDB_RC" = 137 ] || [ "$GDB_RC" = "$LOCK_FAILED" ]; then
		result FAIL "$GDB_ARCH" gdb "$why" "GDB: $(describe_rc "$GDB_RC")"
	elif [ "${#missing[@]}" -eq 0 ]; then
		result PASS "$GDB_ARCH" gdb "$why"
		return
	else
		result FAIL "$GDB_ARCH" gdb "$why" "'$name' output lacks ${missing[*]}"
	fi
	GDB_FAILED=1
}

gdb_finish() {
	if [ "$GDB_FAILED" -ne 0 ]; then
		show_tail "$GDB_LOG" 40
		show_tail "$GDB_SERIAL" 10
	fi
	return "$GDB_FAILED"
}
