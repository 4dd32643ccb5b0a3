/*
 * A tiny runtime for the kernel's own user test programs: system calls
 * straight through <machine/usyscall.h>, no libc, so that they test the
 * kernel's ABI alone. Each program's entry is `int umain(long *sp)`, sp
 * at argc; its return value is its exit status. A failed check exits
 * with the line number, which the in-kernel test reports.
 */
#ifndef _UPROG_H_
#define _UPROG_H_

#include <stddef.h>
#include <stdint.h>
#include <machine/usyscall.h>
#include "kernel/abi/syscall.h"
#include "kernel/abi/signal.h"
#include "kernel/abi/mman.h"
#include "kernel/abi/fcntl.h"
#include "kernel/abi/wait.h"
#include "kernel/errno.h"

#define usys(n, a, b, c, d, e)  usys6(n, a, b, c, d, e, 0)

int umain(long *sp);
USYS_START(uprog_start);
static void uexit(long code) { usys(SYS_exit, code, 0, 0, 0, 0); }
__attribute__((used)) static void uprog_start(long *sp) { uexit(umain(sp)); }

static size_t ustrlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static void uputs(const char *s) { usys(SYS_write, 1, (long)s, ustrlen(s), 0, 0); }

/* Exits with the line number (1..254) if e is false. */
#define UCHECK(e) do { if (!(e)) { uputs("uprog check failed: " #e "\n"); \
	uexit(__LINE__ % 255 ? __LINE__ % 255 : 254); } } while (0)

#endif
