#!/usr/bin/env bash
# The Uvix test suite (`make test`). For each arch (i386, amd64):
#
#   1. build the kernel, the initrd and the bad initrds of boots.tab;
#   2. boot it with "test=all seed=$SEED" and report each in-kernel test;
#   3. the extra boots of tests/boots.tab: death tests (panics, too little
#      memory, no long mode) and a small-memory boot;
#   4. boot a GRUB ISO, with multiboot and with multiboot2;
#   5. the GDB tests in tests/gdb/, and tests/picture.sh: vmmap's SVG of
#      vmdemo parsed, its pages counted, rendered to PNG;
#   6. tests/tools.sh: make run, make qemu, make gdb as a student uses them.
#
# Host unit tests (tests/host, if it has a Makefile) run first, once.
#
# Output: one line per test, "PASS <arch> <kind> <name>" or
# "FAIL <arch> <kind> <name>: <why>" with indented details (for a boot that
# went wrong, the last 30 lines of its serial log), and last, on a line of
# its own, "N passed, N failed". Exits 1 if anything failed. Serial logs
# are kept in build/test-logs/.
#
# Environment: SEED (1), TIMEOUT (60 s per boot), ARCHES ("i386 amd64"),
# ACCEL and MEM (as for make), LOCK_WAIT (1800 s).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

SEED=${SEED:-1}
ARCHES=${ARCHES:-i386 amd64}
ISO_TEST=boot_cmdline_has_test_arg      # ends an ISO boot with exit 33

# --- host unit tests ------------------------------------------------------

# The host tests print "host: PASS name" or "host: FAIL name ...".
host_tests() {
	local log=$LOGDIR/host.log fails
	if [ ! -f tests/host/Makefile ]; then
		return
	fi
	make --no-print-directory -C tests/host run >"$log" 2>&1
	local rc=$?
	while IFS= read -r line; do
		case $line in
		"host: PASS "*) result PASS host unit "${line#host: PASS }" ;;
		"host: FAIL "*)
			local rest=${line#host: FAIL } name why
			name=${rest%% *}
			why=${rest#"$name"}
			why=${why#" "}
			result FAIL host unit "${name%:}" "$why"
			;;
		esac
	done <"$log"
	fails=$(grep -c '^host: FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$fails" -eq 0 ]; then
		result FAIL host unit make "make -C tests/host run exited $rc"
		show_tail "$log"
	elif [ "$fails" -gt 0 ]; then
		show_tail "$log"
	fi
}

# --- building -------------------------------------------------------------

# build ARCH: builds the kernel; returns non-zero (and reports) if it fails.
build() {
	local arch=$1 log=$LOGDIR/$1-build.log
	if make --no-print-directory ARCH="$arch" all test-initrds >"$log" 2>&1; then
		result PASS "$arch" build kernel
		return 0
	fi
	result FAIL "$arch" build kernel "make ARCH=$arch failed; skipping its boots"
	show_tail "$log"
	return 1
}

# --- in-kernel tests ------------------------------------------------------

# test_list ARCH: the kernel's list of its tests, one per line ("  name",
# "  name (death test)" or "  name (benchmark)"; the benchmarks run as rows
# of boots.tab), from a boot that asks for a test that does
# not exist: the kernel then lists them all and stops. Boots once per run.
test_list() {
	local arch=$1 log=$LOGDIR/$1-list.log
	if [ ! -f "$log" ]; then
		qemu_argv "$arch" && kernel_argv "$arch" || return
		run_locked "$log" "${QEMU_ARGV[@]}" -serial stdio \
		    "${KERNEL_ARGV[@]}" -append "test=list"
		clean_log "$log"
	fi
	sed -n '/the tests are:/,$p' "$log"
}

# test_names ARCH: the names of the tests test=all runs.
test_names() {
	test_list "$1" | sed -n 's/^  \([A-Za-z0-9_]*\)$/\1/p'
}

# death_names ARCH: the names of the death tests.
death_names() {
	test_list "$1" | sed -n 's/^  \([A-Za-z0-9_]*\) (death test)$/\1/p'
}

# ktest_boot ARCH: boots with test=all and reports every test. A test the
# kernel announced but never reported fails, and so does the boot if it
# did not end with exit 33 (or 35 with its failures reported), or panicked.
ktest_boot() {
	local arch=$1 log=$LOGDIR/$1-ktest.log
	local announced reported=() problems=() nfail=0 line rest name

	qemu_argv "$arch" && kernel_argv "$arch" || return
	run_locked "$log" "${QEMU_ARGV[@]}" -serial stdio \
	    "${KERNEL_ARGV[@]}" -append "test=all seed=$SEED"
	local rc=$RC
	clean_log "$log"
	while IFS= read -r line; do
		case $line in
		*"ktest: PASS "*)
			name=${line#*ktest: PASS }
			name=${name%% *}
			reported+=("$name")
			result PASS "$arch" ktest "$name"
			;;
		*"ktest: FAIL "*)
			rest=${line#*ktest: FAIL }
			name=${rest%%:*}
			reported+=("$name")
			nfail=$((nfail + 1))
			result FAIL "$arch" ktest "$name" "${rest#*: }"
			;;
		esac
	done <"$log"

	announced=$(sed -n 's/.*ktest: running \([0-9][0-9]*\) tests*,.*/\1/p' "$log" | head -n 1)
	if [ -z "$announced" ]; then
		problems+=("the kernel never announced its tests (no 'ktest: running' line)")
	elif [ "${#reported[@]}" -lt "$announced" ]; then
		# After a panic, the test that was running is in the backtrace.
		local missing=0 n culprit why
		culprit=$(sed -n '/panic:/,$p' "$log" | grep -o 'ktest_fn_[A-Za-z0-9_]*' |
		    head -n 1 | sed 's/^ktest_fn_//')
		# Without a backtrace, the last test started is the one that hung.
		local started
		started=$(sed -n 's/.*ktest: start \([A-Za-z0-9_]*\).*/\1/p' "$log" | tail -n 1)
		for n in $(test_names "$arch"); do
			printf '%s\n' "${reported[@]}" | grep -qx "$n" && continue
			if [ "$n" = "$culprit" ]; then
				why="it panicked: $(grep -m 1 -o 'panic:.*' "$log")"
			elif [ -n "$culprit" ]; then
				why="did not run: $culprit panicked first"
			elif [ "$n" = "$started" ]; then
				why="started but never finished: $(describe_rc "$rc")"
			else
				why="never reported before the boot ended: $(describe_rc "$rc")"
			fi
			result FAIL "$arch" ktest "$n" "$why"
			missing=$((missing + 1))
		done
		if [ "$missing" -eq 0 ]; then
			problems+=("$((announced - ${#reported[@]})) of $announced announced tests never reported")
		fi
	fi
	if grep -q 'panic:' "$log"; then
		problems+=("$(grep -m 1 'panic:' "$log")")
	fi
	case $rc in
	33) [ "$nfail" -eq 0 ] || problems+=("exit 33 although $nfail test(s) failed") ;;
	35) [ "$nfail" -gt 0 ] || problems+=("exit 35 (a test failed) but no test reported FAIL") ;;
	*)  problems+=("$(want_rc "$rc" 33)") ;;
	esac

	if [ "${#problems[@]}" -gt 0 ]; then
		local why
		why=$(printf '%s; ' "${problems[@]}")
		result FAIL "$arch" boot "test=all" "${why%; }"
	fi
	if [ "$rc" -ne 33 ] || [ "$nfail" -gt 0 ] || [ "${#problems[@]}" -gt 0 ]; then
		show_tail "$log"
	fi
}

# --- the extra boots of tests/boots.tab -----------------------------------

trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	s=${s%"${s##*[![:space:]]}"}
	[ "$s" = - ] && s=
	printf '%s' "$s"
}

# table_boots ARCH: runs the rows of tests/boots.tab that name ARCH. Every
# death test of the kernel needs a row: it says what the death looks like.
table_boots() {
	local arch=$1 row name arches qemu kargs qargs want expect n
	local -A tested=()
	while IFS= read -r row; do
		case $row in '#'* | '') continue ;; esac
		IFS='|' read -r name arches qemu kargs qargs want expect <<<"$row"
		name=$(trim "$name")
		arches=$(trim "$arches")
		case " $arches " in *" $arch "*) ;; *) continue ;; esac
		qemu=$(trim "$qemu")
		kargs=$(trim "$kargs")
		kargs=${kargs//\$SEED/$SEED}
		qargs=$(trim "$qargs")
		qargs=${qargs//\$ARCH/$arch}
		want=$(trim "$want")
		expect=$(trim "$expect")
		table_boot "$arch" "$name" "$qemu" "$kargs" "$qargs" "$want" "$expect"
		[[ $kargs =~ (^| )test=([A-Za-z0-9_]+) ]] && tested[${BASH_REMATCH[2]}]=1
	done <tests/boots.tab
	for n in $(death_names "$arch"); do
		[ -n "${tested[$n]:-}" ] ||
			result FAIL "$arch" boot "$n" "death test with no row in tests/boots.tab (its exit status and message)"
	done
}

# table_boot ARCH NAME QEMU KERNEL-ARGS QEMU-ARGS EXIT REGEX. A row boots
# with the build's initrd unless its QEMU arguments give an -initrd.
table_boot() {
	local arch=$1 name=$2 qemu=$3 kargs=$4 qargs=$5 want=$6 expect=$7
	local log=$LOGDIR/$arch-$name.log problems=() extra=() makevars=() w
	local TIMEOUT=$TIMEOUT          # a row may give itself longer (run_locked reads it)

	# MEM=... and SWAP=... words are the Makefile's, TIMEOUT=... the row's
	# time limit in seconds, the rest QEMU's.
	for w in $qargs; do
		case $w in
		MEM=* | SWAP=*) makevars+=("$w") ;;
		TIMEOUT=*) TIMEOUT=${w#TIMEOUT=} ;;
		*) extra+=("$w") ;;
		esac
	done
	qemu_argv "$arch" "${makevars[@]}" && kernel_argv "$arch" || return
	[ -n "$qemu" ] && QEMU_ARGV[0]=$qemu
	case " $qargs " in *" -initrd "*) KERNEL_ARGV=(-kernel "build/$arch/uvix") ;; esac
	run_locked "$log" "${QEMU_ARGV[@]}" "${extra[@]}" -serial stdio \
	    "${KERNEL_ARGV[@]}" -append "$kargs"
	local rc=$RC
	clean_log "$log"
	[ "$rc" = "$want" ] || problems+=("$(want_rc "$rc" "$want")")
	# The in-guest test programs' checks (user/utest.c, swaptest.c,
	# oomtest.c: "PROG: PASS name") are tests of their own.
	local line prog re_check='(utest|swaptest|oomtest): (PASS|FAIL) (.*)'
	while IFS= read -r line; do
		[[ $line =~ $re_check ]] || continue
		prog=${BASH_REMATCH[1]}
		line=${BASH_REMATCH[3]}
		if [ "${BASH_REMATCH[2]}" = PASS ]; then
			result PASS "$arch" "$prog" "$line"
		else
			result FAIL "$arch" "$prog" "${line%%:*}" "${line#*: }"
		fi
	done <"$log"
	# Several regexes joined by " && " must each match some line.
	local re rest=$expect
	while [ -n "$rest" ]; do
		re=${rest%% && *}
		[ "$re" = "$rest" ] && rest= || rest=${rest#* && }
		grep -Eq -- "$re" "$log" || problems+=("no line matches /$re/")
	done
	if [ "$want" != 37 ] && grep -q 'panic:' "$log"; then
		problems+=("$(grep -m 1 'panic:' "$log")")
	fi
	if [ "$want" = 33 ]; then
		local announced reported
		announced=$(sed -n 's/.*ktest: running \([0-9][0-9]*\) tests*,.*/\1/p' "$log" | head -n 1)
		reported=$(grep -c 'ktest: PASS ' "$log")
		if grep -q 'ktest: FAIL ' "$log"; then
			problems+=("$(grep -m 1 -o 'ktest: FAIL .*' "$log")")
		elif [ -n "$announced" ] && [ "$reported" -lt "$announced" ]; then
			problems+=("$((announced - reported)) of $announced announced tests never reported")
		fi
	fi
	if [ "${#problems[@]}" -eq 0 ]; then
		result PASS "$arch" boot "$name"
	else
		local why
		why=$(printf '%s; ' "${problems[@]}")
		result FAIL "$arch" boot "$name" "${why%; }"
		show_tail "$log"
	fi
}

# --- GRUB -----------------------------------------------------------------

# iso_boot ARCH ENTRY: builds the GRUB ISO with ENTRY (0 multiboot, 1
# multiboot2) as the default and boots it from CD; GRUB must have loaded
# the initrd as a module. GRUB's serial output has escape codes and a
# menu: we look for markers only.
iso_boot() {
	local arch=$1 entry=$2 mb=$(($2 + 1))
	local name=multiboot$mb log=$LOGDIR/$1-iso-multiboot$mb.log problems=()
	if ! make --no-print-directory ARCH="$arch" iso GRUB_ENTRY="$entry" \
	    CMDLINE="test=$ISO_TEST" >"$LOGDIR/$arch-iso-build.log" 2>&1; then
		result FAIL "$arch" iso "$name" "make iso failed"
		show_tail "$LOGDIR/$arch-iso-build.log"
		return
	fi
	qemu_argv "$arch" || return
	run_locked "$log" "${QEMU_ARGV[@]}" -serial stdio -cdrom "build/$arch/uvix.iso"
	local rc=$RC
	clean_log "$log"
	[ "$rc" = 33 ] || problems+=("$(want_rc "$rc" 33)")
	grep -Eq "Uvix [0-9][0-9.]* \\($arch\\) booting" "$log" ||
		problems+=("no banner 'Uvix <version> ($arch) booting'")
	grep -q "boot: multiboot v$mb" "$log" || problems+=("no 'boot: multiboot v$mb'")
	grep -q "ktest: PASS $ISO_TEST" "$log" || problems+=("no 'ktest: PASS $ISO_TEST'")
	grep -Eq "initrd: /boot/initrd.tar: [0-9]+ files" "$log" ||
		problems+=("no 'initrd: /boot/initrd.tar: N files' (the GRUB module)")
	if grep -q 'panic:' "$log"; then
		problems+=("$(grep -m 1 'panic:' "$log")")
	fi
	if [ "${#problems[@]}" -eq 0 ]; then
		result PASS "$arch" iso "$name"
	else
		local why
		why=$(printf '%s; ' "${problems[@]}")
		result FAIL "$arch" iso "$name" "${why%; }"
		show_tail "$log"
	fi
}

# --- GDB ------------------------------------------------------------------

# script_tests ARCH KIND SCRIPT: runs SCRIPT ARCH, which prints result
# lines of its own, and counts them; a script that fails without saying
# what, or says nothing, is a failure of its own.
script_tests() {
	local arch=$1 kind=$2 t=$3 out line npass=0 nfail=0 rc
	out=$(SEED=$SEED "$t" "$arch")
	rc=$?
	while IFS= read -r line; do
		echo "$line"
		case $line in
		"PASS "*) PASSED=$((PASSED + 1)); npass=$((npass + 1)) ;;
		"FAIL "*) FAILED=$((FAILED + 1)); nfail=$((nfail + 1)) ;;
		esac
	done <<<"$out"
	if [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
		result FAIL "$arch" "$kind" "$(basename "$t" .sh)" "$t exited $rc"
	elif [ "$npass" -eq 0 ] && [ "$nfail" -eq 0 ]; then
		result FAIL "$arch" "$kind" "$(basename "$t" .sh)" "$t reported nothing"
	fi
}

# gdb_tests ARCH: runs each tests/gdb/*.sh, which print result lines.
gdb_tests() {
	local t
	for t in tests/gdb/*.sh; do
		script_tests "$1" gdb "$t"
	done
}

# --- main -----------------------------------------------------------------

rm -rf "$LOGDIR"
mkdir -p "$LOGDIR"
echo "Uvix tests: seed $SEED, ${TIMEOUT}s per boot, logs in $LOGDIR/"

host_tests
for arch in $ARCHES; do
	build "$arch" || continue
	ktest_boot "$arch"
	table_boots "$arch"
	iso_boot "$arch" 0
	iso_boot "$arch" 1
	gdb_tests "$arch"
	script_tests "$arch" picture tests/picture.sh
	script_tests "$arch" tools tests/tools.sh
done

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
