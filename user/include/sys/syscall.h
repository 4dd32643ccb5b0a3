/* sys/syscall.h: the system call numbers, for syscall() (<unistd.h>). */
#ifndef _SYS_SYSCALL_H_
#define _SYS_SYSCALL_H_

#include "kernel/abi/syscall.h"

#endif
