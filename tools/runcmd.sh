#!/usr/bin/env bash
# tools/runcmd.sh LOG STATUS-FILE KERNEL-ARGS QEMU-COMMAND...: the boot of
# `make run`. Boots QEMU-COMMAND (the Makefile's headless QEMU with
# -kernel and -initrd) with the kernel command line
# "KERNEL-ARGS -- $UVIX_CMD", so that init runs $UVIX_CMD with sh -c and
# powers off with its exit status (user/init.c, run_once).
#
# The command line travels in the environment variable UVIX_CMD, which the
# Makefile sets from $(value CMD), and goes to QEMU as one argument: make
# and the host shell never expand it, and the guest's shell gets it byte
# for byte. Its one limit is the kernel's: the whole command line (the
# kernel's path, KERNEL-ARGS, " -- " and the command) must fit in
# BI_CMDLINE - 1 = 255 bytes (kernel/bootinfo.h), or we refuse it.
#
# The serial console carries the boot log, then the command's output, then
# the kernel's last line; we split them by two lines the kernel prints:
#
#     uvix: init -c: the command's output follows     (kernel/main.c)
#     ...the command's output...
#     uvix: powering off (status N)                   (kernel/sys_misc.c)
#
# The second may end a line the command did not finish ("printf x" gives
# "xuvix: powering off (status 0)"): the text before it is output. The
# UART sends "\r\n" for each "\n" (kernel/dev/uart.c): we take the "\r"
# away again. Only the output goes to stdout, exactly; everything (boot
# log, output, last line) goes to LOG, and with V=1 in the environment the
# boot log and the last line also go to stderr as they come.
#
# Exit status: N (the command's status, 0 to 255; 128 + N if a signal
# killed it), which we also write to STATUS-FILE. If the kernel never
# powered off (a panic, a triple fault, QEMU failed) we say why on stderr
# with the end of LOG and exit 125, like env(1) when it fails itself.
set -u
if [ $# -lt 4 ]; then
	echo "usage: UVIX_CMD='command line' $0 LOG STATUS-FILE KERNEL-ARGS QEMU-COMMAND..." >&2
	exit 125
fi
log=$1 statusfile=$2 kargs=$3
shift 3
cmd=${UVIX_CMD-}
if [ -z "$cmd" ]; then
	echo "usage: make run CMD='command line' [ARCH=...]" >&2
	exit 125
fi

# QEMU gives the kernel "PATH ARGS" (the -kernel path first).
kernel=
prev=
for a in "$@"; do
	[ "$prev" = -kernel ] && kernel=$a
	prev=$a
done
append="${kargs:+$kargs }-- $cmd"
line="$kernel $append"
len=$(LC_ALL=C; echo ${#line})
if [ "$len" -gt 255 ]; then
	echo "make run: the kernel's command line would be $len bytes, more than 255:" \
	    "shorten CMD (or put the commands in a script in the initrd)" >&2
	exit 125
fi

mkdir -p "$(dirname "$log")"
rm -f "$statusfile"
tmplog=$log.$$
"$@" -serial stdio -append "$append" </dev/null 2>&1 |
	LC_ALL=C awk -v logfile="$tmplog" -v statusfile="$statusfile" -v verbose="${V:-}" '
	BEGIN {
		start = "uvix: init -c: the command'"'"'s output follows"
		last = "uvix: (powering off|halted) \\(status -?[0-9]+\\)$"
		printf "" > logfile
	}
	{
		sub(/\r$/, "")
		print > logfile
		fflush(logfile)
	}
	!started {
		if (verbose == "1")
			print > "/dev/stderr"
		if ($0 == start)
			started = 1
		next
	}
	# A line that ends like the last one is held: if anything follows it,
	# it was output after all.
	held != "" {
		print held
		held = ""
	}
	match($0, last) {
		held = $0
		next
	}
	{
		print
		fflush()
	}
	END {
		if (held == "")
			exit
		match(held, last)
		printf "%s", substr(held, 1, RSTART - 1)
		if (verbose == "1")
			print substr(held, RSTART) > "/dev/stderr"
		status = substr(held, RSTART)
		gsub(/[^-0-9]/, "", status)
		print status > statusfile
	}'
qemu_rc=${PIPESTATUS[0]}
mv -f "$tmplog" "$log"

# The power-off's QEMU status is 129 + 2 * min(status, 63) (qemu_exit.h).
status=$(cat "$statusfile" 2>/dev/null)
if [ -n "$status" ] && [ "$qemu_rc" -ge 129 ] && [ $((qemu_rc % 2)) -eq 1 ]; then
	status=$((status & 255))
	echo "$status" >"$statusfile"
	exit "$status"
fi
rm -f "$statusfile"
{
	echo "make run: the command did not finish: the kernel never powered off"
	tools/qemu-status.sh "$qemu_rc"
	if [ "${V:-}" != 1 ]; then
		echo "*** the last lines of the serial console ($log):"
		tail -n 20 "$log"
	fi
} >&2
exit 125
