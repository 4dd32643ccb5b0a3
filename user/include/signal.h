/*
 * signal.h: signals. Numbers, masks and flags come from the kernel's ABI
 * (kernel/abi/signal.h); a sigset_t is a 32-bit mask where signal s is
 * bit s (bit 0 unused: signals are 1 to NSIG - 1). sigaction() gives the kernel a struct uvix_sigaction with
 * sa_restorer set to the libc's trampoline, which returns from a handler
 * through SYS_sigreturn.
 */
#ifndef _SIGNAL_H_
#define _SIGNAL_H_

#include <sys/types.h>
#include "kernel/abi/signal.h"

/* The ABI's SIG_DFL and SIG_IGN are integers; C wants pointers. */
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL         ((void (*)(int))0)
#define SIG_IGN         ((void (*)(int))1)
#define SIG_ERR         ((void (*)(int))-1)

#define SIGIOT          SIGABRT
#define SIG2STR_MAX     16      /* sig2str(): "USR1", "INT", ... */

typedef uvix_sigset_t sigset_t;
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

/* The layout of struct uvix_siginfo. */
typedef struct {
	int   si_signo;
	int   si_code;
	int   si_errno;
	pid_t si_pid;
	void *si_addr;                  /* SIGSEGV, SIGBUS: the faulting address */
} siginfo_t;

struct sigaction {
	union {
		void (*sa_handler)(int);
		/* with SA_SIGINFO in sa_flags */
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;               /* blocked while the handler runs */
	int sa_flags;                   /* SA_RESTART, SA_SIGINFO */
	void (*sa_restorer)(void);      /* set by sigaction() itself */
};

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* POSIX.1-2024: "INT" for SIGINT and back (also "SIGINT" and "2"). */
int sig2str(int sig, char *str);
int str2sig(const char *str, int *sig);
void psignal(int sig, const char *msg);

#endif
