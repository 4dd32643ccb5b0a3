/* The libc's internal interfaces between its files (not for programs). */
#ifndef _LIBC_LIBC_H_
#define _LIBC_LIBC_H_

/* start.c: the program's name for messages, from argv[0]. */
extern const char *__progname;

/* start.c: called by crt0 with the initial stack pointer. */
_Noreturn void __libc_start(long *sp);

/*
 * stdio.c: flushes every FILE; exit() calls it. A weak reference, so a
 * program without stdio does not link stdio in for it.
 */
void __stdio_exit(void) __attribute__((weak));

#endif
