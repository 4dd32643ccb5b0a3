/*
 * The libc's internal door to the kernel. __syscall (arch/$ARCH/syscall.S)
 * makes system call n with six register-sized arguments and returns the
 * kernel's raw result: a negated errno in [-4095, -1] on failure, anything
 * else on success (kernel/abi/README.md). __syscall_ret (syscalls.c)
 * stores such an error in errno and returns -1, or returns the result.
 *
 * The _sysN macros make a call with N arguments in the C convention; each
 * argument is converted to a long (a pointer fits: long has its size on
 * both arches).
 */
#ifndef _LIBC_SYSCALL_H_
#define _LIBC_SYSCALL_H_

#include "kernel/abi/syscall.h"

long __syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6);
long __syscall_ret(long r);
void __sigreturn_trampoline(void);

#define _L(a)   ((long)(a))
#define _sys0(n)                   __syscall_ret(__syscall(n, 0, 0, 0, 0, 0, 0))
#define _sys1(n, a)                __syscall_ret(__syscall(n, _L(a), 0, 0, 0, 0, 0))
#define _sys2(n, a, b)             __syscall_ret(__syscall(n, _L(a), _L(b), 0, 0, 0, 0))
#define _sys3(n, a, b, c)          __syscall_ret(__syscall(n, _L(a), _L(b), _L(c), 0, 0, 0))
#define _sys6(n, a, b, c, d, e, f) \
	__syscall_ret(__syscall(n, _L(a), _L(b), _L(c), _L(d), _L(e), _L(f)))

#endif
