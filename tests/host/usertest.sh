#!/bin/sh
# usertest.sh ARCH: runs the user programs of build/ARCH/initrd on Linux
# through uvixrun (uvixrun.c: their system calls made Linux's) and checks
# what they print: libctest's checks, the shell (quotes, variables,
# pipelines, redirections, background jobs, ^C under a terminal), the
# utilities. It builds the initrd first (make ARCH=ARCH initrd). Run from
# tests/host by `make user` (and `make run`, so by `make test`).
#
# One line per test, as hosttest prints them:
#   host: PASS user_ARCH_NAME
#   host: FAIL user_ARCH_NAME: why (then what was expected and what came)
# A machine where uvixrun cannot work (no chroot, no ptrace) gets one line
# "host: SKIP user_ARCH: why" and exit status 0. Exit status 1 if any failed.
set -u
arch=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$top/build/$arch/initrd
run=$top/tests/host/build/uvixrun
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "host: PASS user_${arch}_$1"; }
fail() {
	echo "host: FAIL user_${arch}_$1: $2"
	failed=1
}

# uvix [ARGS...]: runs a program under uvixrun, at most 30 seconds.
uvix() {
	timeout 30 "$run" "$root" "$@"
}

# check NAME STATUS COMMAND: runs sh -c COMMAND; its stdout and stderr
# together must be the standard input of check, its exit status STATUS.
check() {
	name=$1 want_status=$2 cmd=$3
	cat >"$tmp/want"
	uvix /bin/sh -c "$cmd" >"$tmp/got" 2>&1
	status=$?
	if [ "$status" != "$want_status" ]; then
		fail "$name" "exit status $status, not $want_status"
	elif ! cmp -s "$tmp/want" "$tmp/got"; then
		fail "$name" "output differs (- expected, + got):"
		diff -u "$tmp/want" "$tmp/got" | sed -n '3,40s/^/    /p'
	else
		pass "$name"
		return
	fi
	echo "    command: $cmd"
}

if ! make --no-print-directory -C "$top" ARCH="$arch" initrd >"$tmp/build" 2>&1; then
	fail build "make ARCH=$arch initrd failed:"
	tail -20 "$tmp/build" | sed 's/^/    /'
	exit 1
fi
if ! why=$(uvix /bin/true 2>&1); then
	echo "host: SKIP user_$arch: uvixrun cannot run programs here: $why"
	exit 0
fi

# --- libc and system calls, from the program's side ---------------------
uvix /bin/libctest >"$tmp/libctest" 2>&1
if [ $? -eq 0 ] && grep -q '^libctest: [0-9]* passed, 0 failed$' "$tmp/libctest"; then
	pass libctest
else
	fail libctest "$(grep 'FAIL\|passed' "$tmp/libctest" | head -5 | tr '\n' ' ')"
	sed 's/^/    /' "$tmp/libctest" | tail -20
fi

# --- the shell ------------------------------------------------------------
check hello 0 'hello one "two three"' <<'EOF'
Hello from user space!
argv[1] = "one"
argv[2] = "two three"
EOF

check quotes 0 'echo a"b c"d '\''e $HOME'\'' \$x \\y "\"q\"" "a\b"; echo ~ ~/z "~"' <<'EOF'
ab cd e $HOME $x \y "q" a\b
/ //z ~
EOF

check status 0 'false; echo $?; true; echo $?; sh -c "exit 7"; echo $?; nosuch; echo $?' <<'EOF'
1
0
7
sh: nosuch: command not found
127
EOF

check variables 0 'X=1; echo "x=$X ${X}y"; Y=2 sh -c "echo y=\$Y"; echo "y=$Y."; export Z=3; sh -c "echo z=\$Z"; unset Z; echo "z=$Z."; echo $PATH' <<'EOF'
x=1 1y
y=2
y=.
z=3
z=.
/bin
EOF

check andor 0 'true && echo a; false && echo b; false || echo c; true || echo d; false; echo e ; echo f' <<'EOF'
a
c
e
f
EOF

check pipeline 0 'cat /etc/motd | cat | cat | cat | cat | cat | cat | cat > /dev/null; echo $?; echo x | cat | false; echo $?' <<'EOF'
sh: /dev/null: No such file or directory
1
1
EOF

check redirection 0 'cat < /tests/hello.txt; cat /tests/hello.txt /nothing 2>&1 | cat; cat < /nothing; echo $?; echo err >&2 2>&1' <<EOF
$(cat "$top/tests/initrd/hello.txt")
$(cat "$top/tests/initrd/hello.txt")
cat: /nothing: No such file or directory
sh: /nothing: No such file or directory
1
err
EOF

# A large file through a pipeline, byte for byte.
uvix /bin/sh -c 'cat /tests/size12388 | cat | cat' >"$tmp/big" 2>&1
if cmp -s "$tmp/big" "$top/tests/initrd/size12388"; then
	pass pipeline_bytes
else
	fail pipeline_bytes "cat | cat | cat of /tests/size12388 changed the bytes"
fi

check syntax 2 'echo "unterminated' <<'EOF'
sh: syntax error: unterminated quote
EOF

check syntax_op 2 'echo a | | cat' <<'EOF'
sh: syntax error near '|'
EOF

check cd 0 'cd /tests/dir; ls; cd sub && cat deep.txt; cd /nothing; echo $?; cd; ls' <<EOF
a.txt
b.txt
sub
$(cat "$top/tests/initrd/dir/sub/deep.txt")
sh: cd: /nothing: No such file or directory
1
bin
etc
tests
EOF

check exit 3 'echo before; exit 3; echo after' <<'EOF'
before
EOF

check background 0 'sleep 0.3 & echo started; wait; echo waited $?' <<'EOF'
started
waited 0
EOF

check killed 0 'sh -c "kill \$\$"; echo $?' <<'EOF'
sh: sh: killed by SIGTERM (Terminated)
143
EOF

check script 0 'echo "echo from a script; exit 4" > /dev/null; sh /nothing; echo $?' <<'EOF'
sh: /dev/null: No such file or directory
sh: /nothing: No such file or directory
127
EOF

# --- utilities ----------------------------------------------------------------
check ls 0 'ls /tests; ls -l /tests/size4097 /tests/size0; ls -a /tests/dir; ls /nothing; echo $?' <<'EOF'
bin
dir
hello.txt
size0
size1
size12388
size4095
size4096
size4097
utils.sh
-rw-r--r--  1     4097 /tests/size4097
-rw-r--r--  1        0 /tests/size0
.
..
a.txt
b.txt
sub
ls: /nothing: No such file or directory
1
EOF

check echo 0 'echo -n a; echo b c; echo' <<'EOF'
ab c

EOF

check kill 0 'kill; echo $?; kill -NOPE 1; echo $?; kill -s KILL 999999; echo $?; kill x; echo $?; kill -l | cat' <<'EOF'
usage: kill [-s signame | -signame | -signum] pid ...
       kill -l
2
kill: NOPE: unknown signal; kill -l lists them
2
kill: 999999: No such process
1
kill: x: not a process id
1
 1 HUP
 2 INT
 3 QUIT
 4 ILL
 5 TRAP
 6 ABRT
 7 BUS
 8 FPE
 9 KILL
10 USR1
11 SEGV
12 USR2
13 PIPE
14 ALRM
15 TERM
17 CHLD
18 CONT
19 STOP
20 TSTP
EOF

check sleep 0 'sleep 0.1; echo $?; sleep; echo $?; sleep x; echo $?' <<'EOF'
0
usage: sleep seconds
2
sleep: invalid time interval 'x'
2
EOF

check vmstat 2 'vmstat -s | cat > /dev/null; vmstat; vmstat -x; echo $?; vmstat 0' <<'EOF'
sh: /dev/null: No such file or directory
   free  active   inact   wired    swap    pgin   pgout  faults  allocs   frees
   2007   24007   25007    4007   46007   48007   49007   14007   10007   11007
usage: vmstat -s
       vmstat [wait [count]]
2
vmstat: 0: not a number from 1 to 3600
usage: vmstat -s
       vmstat [wait [count]]
EOF

# vmstat -s: one line per counter of vm/uvmexp.h, with its name and description.
uvix /bin/vmstat -s >"$tmp/vmstat" 2>&1
ncounters=$(grep -c '^[[:space:]]*X(' "$top/vm/uvmexp.h")
if [ "$(wc -l <"$tmp/vmstat")" -eq "$ncounters" ] &&
    grep -q '^ *4096 pagesize  *bytes per page$' "$tmp/vmstat" &&
    grep -q '^ *14007 faults  *page faults$' "$tmp/vmstat"; then
	pass vmstat_s
else
	fail vmstat_s "not $ncounters lines of value, name, description:"
	sed 's/^/    /' "$tmp/vmstat" | head -5
fi

uvix /bin/sh -c 'ps; sleep 0.2 & ps' >"$tmp/ps" 2>&1
if head -1 "$tmp/ps" | grep -q '^  PID  PPID  PGRP S    VSZ(K)    RSS(K)   ANON(K)   SWAP(K)  WIRED(K)   MINFLT MAJFLT COMMAND$' &&
    grep -q ' ps$' "$tmp/ps" && grep -q ' sleep$' "$tmp/ps" && grep -q ' sh$' "$tmp/ps"; then
	pass ps
else
	fail ps "no header, or no sh, ps, sleep lines:"
	sed 's/^/    /' "$tmp/ps" | head -10
fi

uvix /bin/sh -c 'halt -x; halt 300; sh -c "exit 5"; halt $?' >"$tmp/halt" 2>&1
status=$?
if [ $status -eq 5 ] && grep -q 'reboot(2, 5)' "$tmp/halt" && grep -q '^usage: halt' "$tmp/halt" &&
    grep -q 'halt: 300: not a status' "$tmp/halt"; then
	pass halt
else
	fail halt "no reboot(RB_POWEROFF, 5) and exit status 5 (got $status): $(cat "$tmp/halt")"
fi

# --- ^C at a terminal: the job dies, the shell lives --------------------------
# script(1) gives the shell a pseudo-terminal; the ^C (\003) typed into it
# must reach the foreground job's process group only (tcsetpgrp).
{
	sleep 0.5
	printf 'sleep 20\n'
	sleep 0.5
	printf '\003'
	sleep 0.5
	printf 'echo after $?\n'
	sleep 0.3
	printf 'exit\n'
} | timeout 30 script -qfec "$run $root /bin/sh" /dev/null >"$tmp/tty" 2>&1
status=$?
if [ $status -eq 0 ] && grep -q 'sh: sleep: killed by SIGINT (Interrupt)' "$tmp/tty" &&
    grep -q 'after 130' "$tmp/tty"; then
	pass interrupt
else
	fail interrupt "^C did not end only the job (status $status):"
	tr -d '\r' <"$tmp/tty" | sed 's/^/    /' | tail -10
fi

exit $failed
