/*
 * limits.h: GCC's (the sizes of the integer types) plus the system's
 * limits. _LIBC_LIMITS_H_ tells GCC's header that a libc's is present.
 */
#ifndef _UVIX_LIMITS_H_
#define _UVIX_LIMITS_H_

#define _LIBC_LIMITS_H_
#include_next <limits.h>

#include "kernel/abi/limits.h"

#define SSIZE_MAX       __PTRDIFF_MAX__
#define PATH_MAX        UVIX_PATH_MAX   /* a path, NUL included (buffers for getcwd) */
#define NAME_MAX        255             /* one file name, NUL excluded */
#define ATEXIT_MAX      32

#endif
