/* Signals: numbers (the usual POSIX values), sigaction, sigprocmask. */
#ifndef _UVIX_ABI_SIGNAL_H_
#define _UVIX_ABI_SIGNAL_H_

#include "kernel/abi/types.h"

#define SIGHUP          1
#define SIGINT          2
#define SIGQUIT         3
#define SIGILL          4
#define SIGTRAP         5
#define SIGABRT         6
#define SIGBUS          7
#define SIGFPE          8
#define SIGKILL         9
#define SIGUSR1         10
#define SIGSEGV         11
#define SIGUSR2         12
#define SIGPIPE         13
#define SIGALRM         14
#define SIGTERM         15
#define SIGCHLD         17
#define SIGCONT         18
#define SIGSTOP         19
#define SIGTSTP         20
#define NSIG            32

/* A signal set has signal s at bit s (bit 0 unused). */
#define UVIX_SIGBIT(s)  ((uvix_sigset_t)1 << (s))

#define SIG_DFL         ((uintptr_t)0)
#define SIG_IGN         ((uintptr_t)1)

#define SIG_BLOCK       0
#define SIG_UNBLOCK     1
#define SIG_SETMASK     2

#define SA_RESTART      0x1
#define SA_SIGINFO      0x4

/*
 * The layout sigaction(2) reads and writes. sa_restorer is the user code
 * the handler returns to (libc's trampoline that calls sigreturn).
 */
struct uvix_sigaction {
	uintptr_t sa_handler;           /* SIG_DFL, SIG_IGN or a function */
	uvix_sigset_t sa_mask;
	int32_t sa_flags;
	uintptr_t sa_restorer;
};

/* What a SA_SIGINFO handler's second argument points at. */
struct uvix_siginfo {
	int32_t si_signo;
	int32_t si_code;
	int32_t si_errno;
	uvix_pid_t si_pid;
	uintptr_t si_addr;              /* SIGSEGV, SIGBUS: the faulting address */
};

#endif
