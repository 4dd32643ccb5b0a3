/*
 * setjmp.h: non-local jumps. setjmp and longjmp are assembly, per arch
 * (user/libc/arch/ARCH/setjmp.S); they neither save nor restore the
 * signal mask (as glibc's setjmp). sigsetjmp(env, 1) saves it first, and
 * siglongjmp puts it back (user/libc/sigsetjmp.c); sigsetjmp is a macro,
 * as POSIX allows, so that setjmp itself runs in the caller's frame.
 */
#ifndef _SETJMP_H_
#define _SETJMP_H_

#include <signal.h>

typedef long jmp_buf[8];                /* callee-saved registers, sp, pc */

typedef struct {
	long __jb[8];
	int __saved;                    /* the mask below was saved */
	sigset_t __mask;
} sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

/* Saves the mask into env if savemask; returns 0. */
int __sigsetjmp_save(sigjmp_buf env, int savemask);
#define sigsetjmp(env, savemask) (__sigsetjmp_save((env), (savemask)), setjmp((env)->__jb))
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
