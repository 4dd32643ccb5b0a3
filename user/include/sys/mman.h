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
/*
 * Wiring (vm/uvm_wire.h): mlock keeps [addr, addr + len) resident and
 * mapped until munlock (one munlock undoes any number of mlocks);
 * mlockall(MCL_CURRENT | MCL_FUTURE) wires everything mapped now and/or
 * everything mapped later, until munlockall or exec. Errors: ENOMEM (not
 * all mapped; mlockall: past a limit), EAGAIN (mlock past vm.wiredmax or
 * RLIMIT_MEMLOCK), EPERM (RLIMIT_MEMLOCK is 0), EINVAL.
 */
int mlock(const void *addr, size_t len);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);

#endif
