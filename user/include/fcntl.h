/* fcntl.h: open() and its flags (kernel/abi/fcntl.h). */
#ifndef _FCNTL_H_
#define _FCNTL_H_

#include <sys/types.h>
#include "kernel/abi/fcntl.h"

/* The third argument, a mode_t, is read only with O_CREAT. */
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

#endif
