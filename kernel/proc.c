/*
 * Processes (see kernel/proc.h).
 *
 * The life of a process:
 *
 *   proc_spawn / proc_fork      a struct proc, a vmspace and a thread; the
 *        |                      thread starts in proc_thread_start, which
 *        v                      enters user mode with the process's frame
 *   running in user mode        traps and system calls come back to the
 *        |                      kernel on the thread's stack, frame on top
 *        v
 *   proc_exit                   files closed, memory freed, children to
 *        |                      init, parent woken: a zombie
 *        v
 *   proc_wait (the parent)      takes the status, frees the struct proc;
 *                               the thread's stack went to the reaper
 *
 * A process thread's kernel stack holds the user trap frame at its very
 * top (where the CPU pushes it on a trap from user mode; md_set_kernel_stack
 * points the TSS there on every switch), and kernel frames below it.
 */
#include <machine/cpu.h>
#include <machine/frame.h>
#include <machine/user.h>
#include "kernel/proc.h"
#include "kernel/vfs.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/thread.h"
#include "kernel/tty.h"
#include "kernel/abi/wait.h"
#include "kernel/abi/proc.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvmexp.h"

struct mutex proc_lock = MUTEX_INITIALIZER(proc_lock, "proc");
struct proc *initproc;                                  /* [P] */
static TAILQ_HEAD(, proc) allproc = { NULL, &allproc.tqh_first };  /* [P] */
static uvix_pid_t nextpid = 1;                          /* [P] */
static int nprocs;                                      /* [P] */

/*
 * How many processes there may be. Each costs memory whatever it does:
 * its kernel stack (4 pages), its page directory and page-table pages
 * (2 to 5), the pages it writes after fork (its stack, at least one),
 * its struct proc and amaps: 18 or 19 pages, about 76 KiB, for a small
 * libc program's child asleep (utest's fork_until_eagain prints it).
 * maxproc is one process per PAGES_PER_PROC pages of RAM (64 MiB: about
 * 380 processes, 32 MiB: 190), so that processes that small fill half of
 * it at the limit: fork says EAGAIN while they still have room to run,
 * and long before kernel VA (tens of thousands of stacks) or pids run out.
 * maxprocperuid is what one user may have: Uvix has one user, and the
 * NPROC_RESERVE processes above it are kept for the kernel's own
 * (init, spawned by proc_spawn), which fork cannot take.
 */
#define PAGES_PER_PROC  40
#define NPROC_MIN       32              /* even on the smallest machine */
#define NPROC_RESERVE   4
static int maxproc, maxprocperuid;                      /* [P] set on first use */
/* Zombies nobody will wait for (orphans while there is no init). [P] */
static TAILQ_HEAD(, proc) orphan_zombies = { NULL, &orphan_zombies.tqh_first };

static void proc_free(struct proc *p)
{
	cv_destroy(&p->p_waitcv);
	kmem_free(p, sizeof(*p));
}

/* => proc_lock held. Their threads no longer refer to them (t_proc NULL). */
static void proc_reap_orphans(void)
{
	struct proc *p;

	while ((p = TAILQ_FIRST(&orphan_zombies)) != NULL) {
		TAILQ_REMOVE(&orphan_zombies, p, p_sibling);
		TAILQ_REMOVE(&allproc, p, p_list);
		nprocs--;
		proc_free(p);
	}
}

/* Room for the user trap frame at the top of a process thread's stack. */
#define TF_RESERVE      ((sizeof(struct trapframe) + 15) & ~(size_t)15)

struct proc *curproc(void)
{
	return curthread->t_proc;
}

static struct trapframe *proc_tf(struct thread *t)
{
	return (struct trapframe *)(t->t_stack_hi - sizeof(struct trapframe));
}

void proc_switchto(struct thread *next)
{
	struct proc *p = next->t_proc;

	if (p)
		md_set_kernel_stack(next->t_stack_hi);
	/* An exiting process has let go of its space and may be preempted freeing it. */
	if (p && p->p_vmspace)
		pmap_activate(p->p_vmspace->vm_map.pmap);
	else
		pmap_activate(pmap_kernel());
}

int proc_count(void)
{
	return nprocs;
}

struct proc *proc_find(uvix_pid_t pid)
{
	struct proc *p;

	KASSERT(mutex_owned(&proc_lock));
	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pid == pid)
			return p;
	return NULL;
}

/* The thread's first code: into user mode with the frame at the stack top. */
static void proc_thread_start(void *arg)
{
	struct thread *t = curthread;

	KASSERT(t->t_proc != NULL);
	proc_switchto(t);               /* the scheduler did, but a new thread starts here */
	md_enter_user(proc_tf(t));
}

/*
 * Counts a new process against the limits: a process's child (fork) is
 * the user's, counted against maxprocperuid; one without a parent is the
 * kernel's (init), counted against maxproc. Returns 0, or EAGAIN.
 */
static int proc_count_new(bool fork)
{
	int error = 0;

	mutex_enter(&proc_lock);
	if (maxproc == 0) {
		maxproc = uvmexp.npages / PAGES_PER_PROC;
		if (maxproc < NPROC_MIN)
			maxproc = NPROC_MIN;
		maxprocperuid = maxproc - NPROC_RESERVE;
	}
	if (nprocs >= (fork ? maxprocperuid : maxproc))
		error = EAGAIN;
	else
		nprocs++;
	mutex_exit(&proc_lock);
	return error;
}

/* The limits of a new process: its parent's (fork, spawn), or the defaults. */
static void proc_rlimit_init(struct proc *p, const struct proc *parent)
{
	static const struct uvix_rlimit defaults[RLIM_NLIMITS] = {
		[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_STACK] = { USTACK_SIZE, USTACK_SIZE },
		[RLIMIT_NOFILE] = { NOFILE, NOFILE },
		[RLIMIT_MEMLOCK] = { RLIM_INFINITY, RLIM_INFINITY },
	};

	memcpy(p->p_rlimit, parent ? parent->p_rlimit : defaults, sizeof(p->p_rlimit));
}

uvix_rlim_t proc_rlimit(struct proc *p, int resource)
{
	KASSERT(resource >= 0 && resource < RLIM_NLIMITS);
	return p->p_rlimit[resource].rlim_cur;
}

/*
 * A struct proc and its thread (not yet runnable), in the family of
 * parent; counted in nprocs. EAGAIN beyond the limit, ENOMEM.
 */
static int proc_alloc(struct proc *parent, const char *name, struct proc **pp)
{
	int error = proc_count_new(parent != NULL);
	if (error)
		return error;
	struct proc *p = kmem_zalloc(sizeof(*p), KM_SLEEP);
	struct thread *t;

	if (thread_alloc(name, proc_thread_start, NULL, false, &t) != 0) {
		kmem_free(p, sizeof(*p));
		mutex_enter(&proc_lock);
		nprocs--;
		mutex_exit(&proc_lock);
		return ENOMEM;
	}
	/* Start below the user frame's place at the top of the stack. */
	t->t_sp = md_thread_stack_init(t->t_stack_hi - TF_RESERVE);
	t->t_proc = p;
	p->p_thread = t;
	strlcpy(p->p_name, name, sizeof(p->p_name));
	TAILQ_INIT(&p->p_children);
	cv_init(&p->p_waitcv, "wait");
	proc_rlimit_init(p, parent);
	spinlock_init(&p->p_siglock, "signals");

	mutex_enter(&proc_lock);
	p->p_pid = nextpid++;
	p->p_parent = parent;
	p->p_pgrp = parent ? parent->p_pgrp : p->p_pid;
	if (parent)
		TAILQ_INSERT_TAIL(&parent->p_children, p, p_sibling);
	TAILQ_INSERT_TAIL(&allproc, p, p_list);
	proc_reap_orphans();
	mutex_exit(&proc_lock);
	*pp = p;
	return 0;
}

/* Undoes proc_alloc for a process whose thread never ran. */
static void proc_unalloc(struct proc *p)
{
	mutex_enter(&proc_lock);
	if (p->p_parent)
		TAILQ_REMOVE(&p->p_parent->p_children, p, p_sibling);
	TAILQ_REMOVE(&allproc, p, p_list);
	nprocs--;
	if (initproc == p)
		initproc = NULL;
	mutex_exit(&proc_lock);
	thread_free_unstarted(p->p_thread);
	proc_free(p);
}

static void proc_start(struct proc *p)
{
	spinlock_enter(&sched_lock);
	sched_setrunnable(p->p_thread);
	spinlock_exit(&sched_lock);
}

int proc_spawn(const char *path, char *const argv[], struct proc *parent, struct proc **pp)
{
	struct proc *p;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int error = proc_alloc(parent, name, &p);

	if (error)
		return error;
	if ((p->p_vmspace = uvmspace_alloc()) == NULL) {
		proc_unalloc(p);
		return ENOMEM;
	}
	error = exec_kernel(p, path, argv, proc_tf(p->p_thread));
	if (error) {
		uvmspace_free(p->p_vmspace);
		proc_unalloc(p);
		return error;
	}
	signal_init(p, NULL);
	/* Standard input, output and error: the console. */
	for (int fd = 0; fd < 3; fd++)
		if ((p->p_files[fd] = tty_open(O_RDWR)) == NULL) {
			file_close_all(p);
			vrele(p->p_cwd);
			uvmspace_free(p->p_vmspace);
			proc_unalloc(p);
			return ENOMEM;
		}
	*pp = p;
	proc_start(p);
	return 0;
}

int proc_fork(struct trapframe *tf, uvix_pid_t *childpid)
{
	struct proc *parent = curproc(), *child;
	int error = proc_alloc(parent, parent->p_name, &child);

	if (error)
		return error;
	if ((error = uvmspace_fork(parent->p_vmspace, &child->p_vmspace)) != 0) {
		proc_unalloc(child);
		return error;
	}
	child->p_brk_base = parent->p_brk_base;
	child->p_brk = parent->p_brk;
	child->p_cwd = parent->p_cwd;
	vref(child->p_cwd);
	file_fork(parent, child);
	signal_init(child, parent);
	md_thread_fork(&child->p_thread->t_md);
	/* The child returns from fork with 0, from the parent's frame. */
	struct trapframe *ctf = proc_tf(child->p_thread);
	*ctf = *tf;
	md_syscall_set_result(ctf, 0);
	*childpid = child->p_pid;
	proc_start(child);
	return 0;
}

void proc_exit(int xstat)
{
	struct proc *p = curproc(), *c;

	KASSERT(p != NULL);
	callout_stop(&p->p_alarm);              /* it must not post to a freed proc */
	/* init exiting ends the system: kmain waits for it and halts. */
	file_close_all(p);
	vrele(p->p_cwd);
	p->p_cwd = NULL;
	/* Off this address space before freeing it. */
	pmap_activate(pmap_kernel());
	mutex_enter(&proc_lock);         /* ps and the OOM killer look at it */
	struct vmspace *vm = p->p_vmspace;
	p->p_vmspace = NULL;
	mutex_exit(&proc_lock);
	uvmspace_free(vm);

	mutex_enter(&proc_lock);
	while ((c = TAILQ_FIRST(&p->p_children)) != NULL) {
		TAILQ_REMOVE(&p->p_children, c, p_sibling);
		if (initproc && initproc != p) {
			c->p_parent = initproc;
			TAILQ_INSERT_TAIL(&initproc->p_children, c, p_sibling);
			if (c->p_state == PS_ZOMBIE)
				cv_broadcast(&initproc->p_waitcv);
		} else {
			/* No init to adopt it: it is reaped without a wait. */
			c->p_parent = NULL;
			c->p_orphan = true;
			if (c->p_state == PS_ZOMBIE)
				TAILQ_INSERT_TAIL(&orphan_zombies, c, p_sibling);
		}
	}
	p->p_xstat = xstat;
	p->p_state = PS_ZOMBIE;
	if (p->p_parent) {
		cv_broadcast(&p->p_parent->p_waitcv);
		signal_post(p->p_parent, SIGCHLD, NULL);
	} else if (p->p_orphan) {
		TAILQ_INSERT_TAIL(&orphan_zombies, p, p_sibling);
	} else {
		cv_broadcast(&p->p_waitcv);     /* a kernel caller waits (proc_wait_kernel) */
	}
	/* From here the thread is a kernel thread: p may be freed by wait. */
	curthread->t_proc = NULL;
	mutex_exit(&proc_lock);
	/* The thread's stack goes to the reaper; the struct proc to wait(). */
	thread_exit();
}

/* Frees a zombie child. => proc_lock held. */
static void proc_reap(struct proc *c)
{
	KASSERT(c->p_state == PS_ZOMBIE);
	struct proc *parent = c->p_parent;
	parent->p_cuticks += c->p_uticks + c->p_cuticks;
	parent->p_csticks += c->p_sticks + c->p_csticks;
	/* Its faults, and its children's, count as the parent's children's. */
	parent->p_cru.ru_minflt += c->p_ru.ru_minflt + c->p_cru.ru_minflt;
	parent->p_cru.ru_majflt += c->p_ru.ru_majflt + c->p_cru.ru_majflt;
	TAILQ_REMOVE(&c->p_parent->p_children, c, p_sibling);
	TAILQ_REMOVE(&allproc, c, p_list);
	nprocs--;
	proc_free(c);
}

static int wait_locked(struct proc *parent, uvix_pid_t pid, int options,
    uvix_pid_t *pidp, int *statusp)
{
	for (;;) {
		struct proc *c;
		bool any = false;
		TAILQ_FOREACH(c, &parent->p_children, p_sibling) {
			if (pid != -1 && c->p_pid != pid)
				continue;
			any = true;
			if (c->p_state == PS_ZOMBIE) {
				*pidp = c->p_pid;
				*statusp = c->p_xstat;
				proc_reap(c);
				return 0;
			}
		}
		if (!any)
			return ECHILD;
		if (options & WNOHANG) {
			*pidp = 0;
			return 0;
		}
		int error = cv_wait_sig(&parent->p_waitcv, &proc_lock);
		if (error)
			return error;
	}
}

int proc_wait(uvix_pid_t pid, int options, uvix_pid_t *pidp, int *statusp)
{
	mutex_enter(&proc_lock);
	int error = wait_locked(curproc(), pid, options, pidp, statusp);
	mutex_exit(&proc_lock);
	return error;
}

int proc_wait_kernel(struct proc *child)
{
	int status;

	mutex_enter(&proc_lock);
	KASSERT(child->p_parent == NULL);
	while (child->p_state != PS_ZOMBIE)
		cv_wait(&child->p_waitcv, &proc_lock);
	status = child->p_xstat;
	TAILQ_REMOVE(&allproc, child, p_list);
	nprocs--;
	if (initproc == child)
		initproc = NULL;
	proc_reap_orphans();
	mutex_exit(&proc_lock);
	proc_free(child);
	return status;
}

size_t proc_info(struct uvix_procinfo *buf, size_t n)
{
	struct proc *p;
	size_t i = 0;

	mutex_enter(&proc_lock);
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (i == n)
			break;
		struct uvix_procinfo *pi = &buf[i++];
		memset(pi, 0, sizeof(*pi));
		pi->pid = p->p_pid;
		pi->ppid = p->p_parent ? p->p_parent->p_pid : 0;
		pi->pgrp = p->p_pgrp;
		pi->state = p->p_state == PS_ZOMBIE ? 'Z' :
		    p->p_thread->t_state == TS_SLEEPING ? 'S' : 'R';
		if (p->p_vmspace) {
			struct uvmspace_stats st;
			uvmspace_stats(p->p_vmspace, &st);
			pi->vsize = p->p_vmspace->vm_map.size;
			pi->rss = (uint64_t)st.resident;
			pi->anon = (uint64_t)st.anon_resident;
			pi->swap = (uint64_t)st.anon_swapped;
			pi->wired = (uint64_t)st.wired;
		}
		pi->minflt = (uint64_t)p->p_ru.ru_minflt;
		pi->majflt = (uint64_t)p->p_ru.ru_majflt;
		strlcpy(pi->name, p->p_name, sizeof(pi->name));
	}
	mutex_exit(&proc_lock);
	return i;
}

void signal_pgrp(uvix_pid_t pgrp, int sig)
{
	struct proc *p;

	mutex_enter(&proc_lock);
	TAILQ_FOREACH(p, &allproc, p_list)
		if (p->p_pgrp == pgrp && p->p_state == PS_ALIVE)
			signal_post(p, sig, NULL);
	mutex_exit(&proc_lock);
}

/*
 * The OOM killer: kills the process with the largest footprint (pages
 * mapped and on swap), never init. While the last victim is still
 * alive (dying takes a moment: it must be scheduled to exit), nobody
 * else is killed.
 */
bool proc_oom_kill(void)
{
	static uvix_pid_t last_victim;
	struct proc *p, *victim = NULL;
	long size, victim_size = 0;

	mutex_enter(&proc_lock);
	if (last_victim != 0 && (p = proc_find(last_victim)) != NULL &&
	    p->p_state == PS_ALIVE) {
		mutex_exit(&proc_lock);
		return false;
	}
	TAILQ_FOREACH(p, &allproc, p_list) {
		if (p == initproc || p->p_state != PS_ALIVE || p->p_vmspace == NULL)
			continue;
		struct uvmspace_stats st;
		uvmspace_stats(p->p_vmspace, &st);
		/*
		 * Its footprint: what it maps, what it has on swap, and the
		 * wired pages it does not map (mprotect(PROT_NONE)): a wire
		 * hog is the largest even if it hides its wired memory.
		 */
		if ((size = st.resident + st.anon_swapped + st.wired_unmapped) > victim_size) {
			victim = p;
			victim_size = size;
		}
	}
	if (victim) {
		printf("uvm: out of memory%s: killed pid %d (%s), %ld pages\n",
		    uvmexp.swpages ? " and swap" : " (no swap)", victim->p_pid,
		    victim->p_name, victim_size);
		last_victim = victim->p_pid;
		signal_post(victim, SIGKILL, NULL);
	}
	mutex_exit(&proc_lock);
	return victim != NULL;
}
