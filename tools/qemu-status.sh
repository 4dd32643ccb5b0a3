#!/bin/sh
# tools/qemu-status.sh STATUS: run by `make qemu` (and qemu-iso, qemu-gdb)
# after QEMU exits, and by tools/runcmd.sh when `make run` fails. Says how
# the kernel ended (kernel/dev/qemu_exit.h; the README's table of exit
# codes) and exits 0 for the normal endings, so that make reports no
# error then: the tests passed, a halt, a power-off with any status, or
# Ctrl-A X.
case $1 in
0)  echo "*** QEMU quit: Ctrl-A X, or a triple fault (under -no-reboot QEMU exits 0)"; exit 0 ;;
33) echo "*** Uvix: all tests passed (exit 33)"; exit 0 ;;
41) echo "*** Uvix: halted (exit 41)"; exit 0 ;;
1)  echo "*** QEMU failed (exit 1): see its message above" ;;
35) echo "*** Uvix: a test failed (exit 35)" ;;
37) echo "*** Uvix: panic (exit 37)" ;;
39) echo "*** Uvix: not enough memory to boot (exit 39): try a larger MEM" ;;
43) echo "*** Uvix: no long mode (exit 43): boot the amd64 kernel with qemu-system-x86_64" ;;
124|137) echo "*** timeout(1) stopped QEMU (exit $1)" ;;
255) echo "*** Uvix: halt or power-off (reboot()) with status 63 or more (exit 255;" \
	"the console's last line has the exact status)"; exit 0 ;;
*)
	# reboot(RB_POWEROFF or RB_HALT, status): 129 + 2 * status.
	if [ "$1" -ge 129 ] 2>/dev/null && [ $(($1 % 2)) -eq 1 ]; then
		echo "*** Uvix: halt or power-off (reboot()) with status $((($1 - 129) / 2)) (exit $1)"
		exit 0
	fi
	echo "*** QEMU exited $1 (not a Uvix exit code)" ;;
esac
exit "$1"
