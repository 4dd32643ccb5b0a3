/*
 * sys/wait.h: waiting for children. The status word is the traditional
 * one (kernel/abi/wait.h): exit(n) gives (n & 0xff) << 8, death by signal
 * s gives s, with 0x80 added if there was a core dump.
 */
#ifndef _SYS_WAIT_H_
#define _SYS_WAIT_H_

#include <sys/types.h>
#include "kernel/abi/wait.h"

#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WCOREDUMP(s)    ((s) & 0x80)
/* The kernel does not stop processes: these are for portable programs. */
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
