#!/usr/bin/env bash
# The make targets a student uses, as a student's shell calls them:
# tests/tools.sh ARCH (run by tests/run.sh after ARCH's build).
#
#   run_cmd_verbatim        make run CMD=... gets $, $?, quotes, ;, |, >
#                           and backslashes to the guest's shell untouched
#   run_stdout_exact        make -s run's stdout is the command's output,
#                           byte for byte (no boot log, no "\r", a last line
#                           without "\n" kept as it is)
#   run_exit_status_3, _255, _signal (kill -9: 137), _0
#                           make run exits with the command's status
#   run_verbose             V=1 puts the boot log on stderr, not stdout
#   two_boots_at_once       make run while make qemu runs, on the same swap
#                           image: no "Failed to get write lock"
#   qemu_halt_exits_0       make qemu exits 0 after halt
#   ktest_prefix            test=kmem_ runs the kmem_ tests and not the
#                           death test kmem_double_free
#   gdb_waits_for_qemu      make gdb started first waits for make qemu-gdb,
#                           prints its port, and connects
#   qemu_gdb_halt_exits_0   make qemu-gdb exits 0 after halt
#   gdb_ports_differ        two reservations never get the same port
#   make_help_complete      make help names every .PHONY target and every
#                           variable the Makefile lets you set (?=)
#   utilities               tests/initrd/utils.sh's output is tests/utils.expected
#                           (pwd wc head tail grep od sort uniq tee env printf which)
#   rtc_year                date +%Y in the guest is the host's year (QEMU's RTC
#                           is the host clock in UTC); date, free, uptime and
#                           time print what they should
#   student_warning_builds  a user/*.c with a warning builds (the warning shown,
#                           not fatal) and runs; /bin/calc, from user/calc/*.c, runs
#
# What they exercise is the host side (the Makefile, tools/*.sh) and code
# both arches share (init, the kernel's command line and its ktest
# runner), so they run on i386; on amd64 only the first boot runs, to
# see the same path work there. Each check is one boot of about a second
# under TCG. The whole script holds the QEMU lock (tests/lib.sh) while it
# boots, as a user's make would not: run_locked would wait for ourselves.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

arch=${1:?usage: tests/tools.sh i386|amd64}
dir=$LOGDIR/$arch-tools
mkdir -p "$dir"

# As typed at a shell prompt: not a sub-make of `make test`.
unset MAKEFLAGS MFLAGS MAKELEVEL V
mk() {
	timeout -k 5 "$TIMEOUT" make ARCH="$arch" "$@" </dev/null
}

# check NAME CONDITION-STATUS WHY [LOG...]: a result line from the status
# of the test before it; on failure the logs' ends.
check() {
	local name=$1 ok=$2 why=$3 f
	shift 3
	if [ "$ok" -eq 0 ]; then
		result PASS "$arch" tools "$name"
		return
	fi
	result FAIL "$arch" tools "$name" "$why"
	for f in "$@"; do
		show_tail "$f" 15
	done
}

exec 9>>"$UVIX_LOCK"
if ! flock -w "$LOCK_WAIT" 9; then
	result FAIL "$arch" tools lock "$(describe_rc "$LOCK_FAILED")"
	exit 1
fi

# --- make run: the command line, its output, its status -------------------

# Every character make or a host shell would touch. The guest's shell
# (user/sh.c) gives the same output as a POSIX shell with HOME=/.
cmd=$(cat <<'EOF'
false; echo "st=$?" 'sq=$HOME' "dq=$HOME" a\ \ b "x  y" 'b\s' "d\\q" 'semi;colon' "pipe|bar" 'gt>lt<'; echo piped | cat; echo redir > /dev/console; echo -n tail; exit 3
EOF
)
want=$(printf '%s\n' 'st=1 sq=$HOME dq=/ a  b x  y b\s d\q semi;colon pipe|bar gt>lt<' piped redir; printf tail)
printf '%s' "$want" >"$dir/verbatim.want"
mk -s run CMD="$cmd" >"$dir/verbatim.out" 2>"$dir/verbatim.err"
rc=$?
[ "$(head -n 1 "$dir/verbatim.out")" = "$(head -n 1 "$dir/verbatim.want")" ]
check run_cmd_verbatim $? "the first line is not the command's: $(head -n 1 "$dir/verbatim.out" | head -c 200)" \
    "$dir/verbatim.err" "build/$arch/run.log"
cmp -s "$dir/verbatim.want" "$dir/verbatim.out"
check run_stdout_exact $? "stdout differs from the output ($dir/verbatim.want, .out)" "$dir/verbatim.err"
[ "$rc" -eq 3 ]
check run_exit_status_3 $? "make run exited $rc" "$dir/verbatim.err"

# --- the utilities and the clock -----------------------------------------
mk -s run CMD='sh /tests/utils.sh' >"$dir/utils.out" 2>"$dir/utils.err"
cmp -s tests/utils.expected "$dir/utils.out"
check utilities $? "output differs from tests/utils.expected: $(diff tests/utils.expected "$dir/utils.out" | head -6 | tr '\n' ' ')" \
    "$dir/utils.err"

year=$(date -u +%Y)
mk -s run CMD='date +%Y; date; free; free -k; uptime; time sleep 0.2' >"$dir/clock.out" 2>"$dir/clock.err"
[ "$(head -n 1 "$dir/clock.out")" = "$year" ] &&
    grep -Eq '^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] UTC [0-9]{4}$' "$dir/clock.out"
check rtc_year $? "the guest's year is not $year: $(head -n 2 "$dir/clock.out" | tr '\n' ' ')" "$dir/clock.out"
grep -Eq '^Mem: +[0-9]+\.[0-9]M +[0-9.]+[KM] +[0-9.]+M' "$dir/clock.out" &&
    grep -Eq '^Swap: +64\.0M ' "$dir/clock.out" &&
    grep -Eq '^Mem: +[0-9]{5} ' "$dir/clock.out" &&
    grep -Eq ' up +0:00:[0-5][0-9], [0-9]+ processes$' "$dir/clock.out" &&
    grep -Eq '^real 0\.[2-9][0-9]s user [0-9]+\.[0-9]{2}s sys [0-9]+\.[0-9]{2}s faults [1-9][0-9]*$' "$dir/clock.out"
check free_uptime_time $? "free, uptime or time printed something else" "$dir/clock.out"

if [ "$arch" != i386 ]; then
	[ "$FAILED" -eq 0 ]
	exit
fi

# --- a student's program: warnings shown, not fatal; a program of several files
warn_src=user/zz_student_warning.c
printf '#include <stdio.h>\nint main(void)\n{\n\tint unused;\n\tputs("built");\n\treturn 0;\n}\n' >"$warn_src"
mk -s run CMD='zz_student_warning; calc "2*(3+4)^2 - sqrt(16)"' >"$dir/student.out" 2>"$dir/student.err"
rc=$?
rm -f "$warn_src"
mk -s initrd >/dev/null 2>&1
[ "$rc" -eq 0 ] && grep -q "warning: unused variable" "$dir/student.err" &&
    [ "$(cat "$dir/student.out")" = "$(printf 'built\n94')" ]
check student_warning_builds $? "make run exited $rc; want the warning on stderr, 'built' and 94" \
    "$dir/student.err" "$dir/student.out"

mk -s run V=1 CMD='echo x; exit 255' >"$dir/255.out" 2>"$dir/255.err"
rc=$?
[ "$rc" -eq 255 ]
check run_exit_status_255 $? "make run exited $rc" "$dir/255.err"
[ "$(cat "$dir/255.out")" = x ] && grep -q "Uvix .* ($arch) booting" "$dir/255.err"
check run_verbose $? "with V=1 stdout must be 'x' and stderr have the boot log" "$dir/255.out" "$dir/255.err"

mk -s run CMD='kill -9 $$' >"$dir/signal.out" 2>"$dir/signal.err"
rc=$?
[ "$rc" -eq 137 ]
check run_exit_status_signal $? "make run exited $rc, not 128 + 9" "$dir/signal.err"

# make run while make qemu runs: both open the same swap image.
mk qemu CMDLINE='-- sleep 2; halt' >"$dir/both-qemu.out" 2>&1 &
qemu_pid=$!
sleep 0.3
mk -s run CMD='echo b' >"$dir/both-run.out" 2>"$dir/both-run.err"
rc=$?
wait "$qemu_pid"
qrc=$?
[ "$rc" -eq 0 ] && [ "$(cat "$dir/both-run.out")" = b ]
check run_exit_status_0 $? "make run CMD='echo b' exited $rc" "$dir/both-run.err"
! grep -qi 'lock' "$dir/both-run.err" "$dir/both-qemu.out" && [ "$rc" -eq 0 ] &&
    grep -q 'sleep 2; halt' "$dir/both-qemu.out"
check two_boots_at_once $? "make run beside make qemu failed" "$dir/both-run.err" "$dir/both-qemu.out"
[ "$qrc" -eq 0 ] && grep -q 'powering off (status 0)' "$dir/both-qemu.out"
check qemu_halt_exits_0 $? "make qemu exited $qrc after halt" "$dir/both-qemu.out"

# --- the in-kernel tests by prefix ----------------------------------------

prefix=kmem_
want=$(grep -rhoE "(^|[^_A-Z])KTEST\\($prefix[a-z0-9_]*\\)" --include='*.c' kernel vm pmap arch | wc -l)
mk qemu CMDLINE="test=$prefix" >"$dir/prefix.out" 2>&1
rc=$?
clean_log "$dir/prefix.out"
ran=$(grep -c 'ktest: PASS ' "$dir/prefix.out")
others=$(grep 'ktest: \(PASS\|start\) ' "$dir/prefix.out" | grep -vc "ktest: [a-zA-Z]* $prefix")
[ "$rc" -eq 0 ] && grep -q '(exit 33)' "$dir/prefix.out" && [ "$ran" -eq "$want" ] && [ "$want" -ge 2 ] &&
    [ "$others" -eq 0 ]
check ktest_prefix $? "test=$prefix: make qemu exited $rc, $ran of $want tests passed, $others others ran" \
    "$dir/prefix.out"

# --- GDB ------------------------------------------------------------------

# make gdb first: it must wait for QEMU to listen, not fail to connect.
# (GDB itself retries a refused connection for `tcp connect-timeout`
# seconds, 15 by default: we make that 1 and start QEMU 2 s later.)
mk gdb GDBFLAGS='-batch -iex "set tcp connect-timeout 1" -ex continue' >"$dir/gdb.out" 2>&1 &
gdb_pid=$!
sleep 2
mk qemu-gdb CMDLINE='-- halt' >"$dir/qemu-gdb.out" 2>&1
qrc=$?
wait "$gdb_pid"
port=$(sed -n 's/.*waiting for GDB on port \([0-9]*\).*/\1/p' "$dir/qemu-gdb.out")
[ -n "$port" ] && grep -q "connecting to QEMU on 127.0.0.1:$port\$" "$dir/gdb.out" &&
    grep -q 'powering off (status 0)' "$dir/qemu-gdb.out"
check gdb_waits_for_qemu $? "GDB did not connect to port '$port' and run the kernel" \
    "$dir/gdb.out" "$dir/qemu-gdb.out"
[ "$qrc" -eq 0 ]
check qemu_gdb_halt_exits_0 $? "make qemu-gdb exited $qrc after halt" "$dir/qemu-gdb.out"

# Two qemu-gdb at once (two users, or one in two trees) reserve two ports.
p1=$(tools/gdbport.sh pick "$dir/gdb1.port" $$ 29990)
p2=$(tools/gdbport.sh pick "$dir/gdb2.port" $$ 29990)
[ -n "$p1" ] && [ -n "$p2" ] && [ "$p1" != "$p2" ]
check gdb_ports_differ $? "two reservations got '$p1' and '$p2'"
[ -n "$p1" ] && tools/gdbport.sh release "$dir/gdb1.port" "$p1"
[ -n "$p2" ] && tools/gdbport.sh release "$dir/gdb2.port" "$p2"

# --- make help ------------------------------------------------------------

help=$(make -s help)
missing=
for w in $(sed -n 's/^\.PHONY: *//p' Makefile) \
    $(sed -n 's/^\([A-Z_][A-Z_0-9]*\) *?=.*/\1/p' Makefile user/user.mk) CMD; do
	grep -qw -- "$w" <<<"$help" || missing+=" $w"
done
[ -z "$missing" ]
check make_help_complete $? "make help does not mention$missing"
[ "$FAILED" -eq 0 ]
