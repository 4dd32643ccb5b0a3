/*
 * System calls: the dispatcher (kernel/syscall.c) and the implementations
 * (kernel/sys_*.c). Each takes the six argument registers and sets *ret;
 * it returns 0 or an errno (or EJUSTRETURN when it has set the frame up
 * itself: exec, sigreturn). Bad user input gives an errno, never a panic.
 */
#ifndef _KERNEL_SYSCALL_H_
#define _KERNEL_SYSCALL_H_

#include <machine/types.h>

struct trapframe;

/* Not an errno: a system call that has set up its own return (exec, sigreturn). */
#define EJUSTRETURN     (-2)
/*
 * Not an errno either, and never seen by user space: a signal interrupted
 * the call before it did anything, and the call may be made again (read
 * and write with nothing moved yet, waitpid). Signal delivery decides:
 * a handler installed with SA_RESTART, or no handler at all, makes the
 * same call again on return; a handler without it makes the result EINTR.
 */
#define ERESTART        (-3)

typedef int (*sy_call_t)(const register_t *args, register_t *ret, struct trapframe *tf);

/* From trap() for int $0x80. */
void syscall(struct trapframe *tf);
/* On every return to user mode: signals, then a preemption point. */
void userret(struct trapframe *tf);

/* The calls, by file. */
#define SYSCALL(name) int sys_##name##_(const register_t *args, register_t *ret, struct trapframe *tf)
SYSCALL(exit); SYSCALL(fork); SYSCALL(waitpid); SYSCALL(execve); SYSCALL(getpid);
SYSCALL(getppid); SYSCALL(kill); SYSCALL(sigaction); SYSCALL(sigprocmask);
SYSCALL(sigreturn); SYSCALL(sigpending); SYSCALL(sigsuspend); SYSCALL(setpgid);
SYSCALL(getpgrp); SYSCALL(tcsetpgrp); SYSCALL(ps); SYSCALL(chdir); SYSCALL(getcwd);
SYSCALL(read); SYSCALL(write); SYSCALL(open); SYSCALL(close); SYSCALL(dup); SYSCALL(dup2);
SYSCALL(pipe); SYSCALL(lseek); SYSCALL(fstat); SYSCALL(stat); SYSCALL(getdents);
SYSCALL(mmap); SYSCALL(munmap); SYSCALL(mprotect); SYSCALL(madvise); SYSCALL(minherit);
SYSCALL(brk); SYSCALL(getpagesize); SYSCALL(uvmexp); SYSCALL(pageinfo);
SYSCALL(nanosleep); SYSCALL(clock_gettime); SYSCALL(sched_yield); SYSCALL(reboot);
SYSCALL(sysctl); SYSCALL(sysctl_list); SYSCALL(faulttrace); SYSCALL(vmmap); SYSCALL(alarm);
SYSCALL(mlock); SYSCALL(munlock); SYSCALL(mlockall); SYSCALL(munlockall);
SYSCALL(getrlimit); SYSCALL(setrlimit); SYSCALL(getrusage);
SYSCALL(ftruncate); SYSCALL(fsync); SYSCALL(unlink); SYSCALL(rename); SYSCALL(link);
SYSCALL(mkdir); SYSCALL(rmdir); SYSCALL(access); SYSCALL(mkfifo);

#endif
