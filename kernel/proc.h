/*
 * Processes. A process is an address space (a vmspace), one thread,
 * open files, signal state, and its place in the family: parent,
 * children, process group. When it exits it becomes a zombie holding its
 * exit status until its parent waits for it; its children go to init.
 *
 * Lock legend:
 *   [I] immutable after creation   [c] only the process's own thread
 *   [P] proc_lock (a mutex: the process list, the family, exit and wait)
 *   [S] p_siglock (a spinlock: signals may be posted from interrupts)
 *   [h] hardclock only (interrupts off); read by anyone, a torn read is harmless
 */
#ifndef _KERNEL_PROC_H_
#define _KERNEL_PROC_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <machine/types.h>
#include "kernel/abi/resource.h"
#include "kernel/abi/signal.h"
#include "kernel/abi/types.h"
#include "kernel/callout.h"
#include "kernel/lock.h"
#include "kernel/queue.h"

struct vmspace;
struct thread;
struct trapframe;
struct file;
struct initrd_file;
struct vnode;

#define PROC_NAME_MAX   32
#define NOFILE          32              /* open files per process */

enum proc_state { PS_ALIVE, PS_ZOMBIE };

struct proc {
	uvix_pid_t p_pid;                       /* [I] */
	char p_name[PROC_NAME_MAX];             /* [c] the program's name */
	enum proc_state p_state;                /* [P] */
	int p_xstat;                            /* [P] wait status, once a zombie */
	struct proc *p_parent;                  /* [P] */
	TAILQ_HEAD(, proc) p_children;          /* [P] */
	TAILQ_ENTRY(proc) p_sibling;            /* [P] on the parent's p_children */
	TAILQ_ENTRY(proc) p_list;               /* [P] on the list of all processes */
	struct condvar p_waitcv;                /* [P] the parent waits here for a child */
	uvix_pid_t p_pgrp;                      /* [P] process group */
	bool p_orphan;                          /* [P] no parent will wait: reaped at exit */

	struct thread *p_thread;                /* [I] its one thread */
	struct vmspace *p_vmspace;              /* [c] read by others under [P]: changed under it */
	vaddr_t p_brk_base, p_brk;              /* [c] the heap: [base, brk) */
	struct file *p_files[NOFILE];           /* [c] open files by descriptor */
	bool p_cloexec[NOFILE];                 /* [c] close on exec */
	struct vnode *p_cwd;                    /* [c] current directory (a reference) */
	struct uvix_rlimit p_rlimit[RLIM_NLIMITS]; /* [c] resource limits */
	struct uvix_rusage p_ru;                /* [c] its own page faults (ps reads them unlocked: approximate) */
	struct uvix_rusage p_cru;               /* [P] its reaped children's, and theirs */

	struct spinlock p_siglock;
	struct uvix_sigaction p_sigact[NSIG];   /* [S] */
	uvix_sigset_t p_sigmask;                /* [S] blocked signals */
	uvix_sigset_t p_sigpending;             /* [S] posted, not yet delivered */
	bool p_sysrestart;                      /* [c] the call returning was interrupted... */
	register_t p_sysnum;                    /* [c] ...and this is its number (ERESTART) */
	bool p_sigrestore;                      /* [S] after delivery, the mask becomes... */
	uvix_sigset_t p_sigoldmask;             /* [S] ...this one (sigsuspend) */
	struct uvix_siginfo p_siginfo[NSIG];    /* [S] what the handler is told */

	struct callout p_alarm;                 /* [c] alarm(2): posts SIGALRM */
	uint64_t p_alarm_when;                  /* [c] the tick it is due at, while pending */
	uint64_t p_uticks, p_sticks;            /* [h] ticks charged: user mode, kernel */
	/* [P] what waited-for children (and theirs) used: getrusage(RUSAGE_CHILDREN) */
	uint64_t p_cuticks, p_csticks;
};

extern struct mutex proc_lock;
extern struct proc *initproc;                   /* pid 1 */

/* The current process, or NULL on a kernel thread. */
struct proc *curproc(void);

/*
 * Starts a new process running the program at path with argv (and an
 * empty environment) and the console as descriptors 0, 1 and 2, as a
 * child of `parent` (NULL: the kernel waits for it with proc_wait_kernel).
 * => returns 0 and *pp, or an errno: ENOENT, ENOEXEC, EACCES, ENOMEM,
 *    EAGAIN (too many processes: kernel/proc.c, maxproc).
 */
int proc_spawn(const char *path, char *const argv[], struct proc *parent, struct proc **pp);

/*
 * fork(2) for the current process.
 * => returns 0 and *childpid; EAGAIN if the user has maxprocperuid
 *    processes already (kernel/proc.c); ENOMEM.
 */
int proc_fork(struct trapframe *tf, uvix_pid_t *childpid);

/*
 * Ends the current process with wait status xstat: its files closed, its
 * memory freed, its children given to init, a zombie for its parent.
 */
void proc_exit(int xstat) __attribute__((noreturn));

/*
 * waitpid(2): waits for a child (pid -1: any) to be a zombie, reaps it.
 * => returns 0 and the child's pid and status; ECHILD if there is no such
 *    child; 0 with *pidp = 0 under WNOHANG if none is a zombie yet; EINTR.
 */
int proc_wait(uvix_pid_t pid, int options, uvix_pid_t *pidp, int *statusp);

/* Waits for and reaps the given child of a kernel caller; returns its status. */
int proc_wait_kernel(struct proc *child);

/* The process with this pid, or NULL. => proc_lock held. */
struct proc *proc_find(uvix_pid_t pid);

/* Switches the CPU to next's address space and kernel stack (the scheduler). */
void proc_switchto(struct thread *next);

/*
 * A limit of p in the unit the kernel uses it in (bytes, descriptors),
 * RLIM_INFINITY as the largest value of the type. => p's own thread.
 */
uvix_rlim_t proc_rlimit(struct proc *p, int resource);

/* Counts, for leak checks and ps. */
int proc_count(void);
/*
 * Describes up to n processes, in pid order (the list is kept so), for
 * ps; returns how many. => proc_lock not held.
 */
struct uvix_procinfo;
size_t proc_info(struct uvix_procinfo *buf, size_t n);

/*
 * Out of memory: kills the largest process but init with SIGKILL and a
 * console message naming it. Returns true if it killed one now; false if
 * there was none to kill, or the last victim is still dying.
 * => called by the pagedaemon; no VM lock held.
 */
bool proc_oom_kill(void);

#endif
