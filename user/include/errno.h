/*
 * errno.h: the error numbers. The kernel's are in kernel/errno.h (a system
 * call returns one negated, and the libc stores it in errno); the few
 * below it are the libc's own, for portable programs and for libc
 * functions that fail without the kernel. Their values are Linux's.
 */
#ifndef _ERRNO_H_
#define _ERRNO_H_

#include "kernel/errno.h"

#define EFBIG           27      /* libc only: the kernel never returns these */
#define EDOM            33
#define ELOOP           40
#define EOVERFLOW       75
#define ENOTSUP         95
#define EWOULDBLOCK     EAGAIN

extern int errno;

#endif
