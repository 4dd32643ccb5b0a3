/* sys/mman.h: the mmap family (flags in kernel/abi/mman.h). */
#ifndef _SYS_MMAN_H_
#define _SYS_MMAN_H_

#include <sys/types.h>
#include "kernel/abi/mman.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
/* BSD: what fork() does with the range (MAP_INHERIT_SHARE, _COPY, _NONE). */
int minherit(void *addr, size_t len, int inherit);

#endif
