#!/bin/sh
# tools/qemu-status.sh STATUS: run by `make qemu` (and qemu-iso, qemu-gdb)
# after QEMU exits. Says how the kernel ended (kernel/dev/qemu_exit.h) and
# exits 0 for the normal endings, so make does not report an error then.
case $1 in
0)  echo "*** QEMU quit: Ctrl-A X, or a triple fault (under -no-reboot QEMU exits 0)"; exit 0 ;;
33) echo "*** Uvix: all tests passed (exit 33)"; exit 0 ;;
41) echo "*** Uvix: halted (exit 41)"; exit 0 ;;
1)  echo "*** QEMU failed (exit 1): see its message above" ;;
35) echo "*** Uvix: a test failed (exit 35)" ;;
37) echo "*** Uvix: panic (exit 37)" ;;
39) echo "*** Uvix: not enough memory to boot (exit 39): try a larger MEM" ;;
43) echo "*** Uvix: no long mode (exit 43): boot the amd64 kernel with qemu-system-x86_64" ;;
*)  echo "*** QEMU exited $1" ;;
esac
exit "$1"
