/* System calls about processes, signals and the current directory. */
#include "kernel/syscall.h"
#include "kernel/abi/limits.h"
#include "kernel/abi/proc.h"
#include "kernel/abi/wait.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/initrd.h"
#include "kernel/proc.h"
#include "kernel/vfs.h"
#include "kernel/signal.h"
#include "kernel/sleepq.h"
#include "kernel/string.h"
#include "kernel/thread.h"
#include "kernel/tty.h"
#include "vm/kmem.h"
#include "vm/uvm_vmspace.h"

SYSCALL(exit)
{
	proc_exit(UVIX_W_EXITCODE(args[0], 0));
}

SYSCALL(fork)
{
	uvix_pid_t pid;
	int error = proc_fork(tf, &pid);

	*ret = pid;
	return error;
}

SYSCALL(waitpid)
{
	uvix_pid_t pid;
	int status;
	int error = proc_wait((uvix_pid_t)args[0], (int)args[2], &pid, &status);

	if (error)
		return error == EINTR ? ERESTART : error;       /* nothing reaped yet */
	if (pid > 0 && args[1] && copyout(&status, (void *)args[1], sizeof(status)) != 0)
		return EFAULT;
	*ret = pid;
	return 0;
}

SYSCALL(execve)
{
	return sys_execve((const char *)args[0], (char *const *)args[1],
	    (char *const *)args[2], tf);
}

SYSCALL(getpid)
{
	*ret = curproc()->p_pid;
	return 0;
}

SYSCALL(getppid)
{
	struct proc *p = curproc();

	mutex_enter(&proc_lock);
	*ret = p->p_parent ? p->p_parent->p_pid : 0;
	mutex_exit(&proc_lock);
	return 0;
}

SYSCALL(kill)
{
	return sys_kill((uvix_pid_t)args[0], (int)args[1]);
}

SYSCALL(sigaction)
{
	return sys_sigaction((int)args[0], (const struct uvix_sigaction *)args[1],
	    (struct uvix_sigaction *)args[2]);
}

SYSCALL(sigprocmask)
{
	return sys_sigprocmask((int)args[0], (const uvix_sigset_t *)args[1],
	    (uvix_sigset_t *)args[2]);
}

SYSCALL(sigreturn)
{
	return sys_sigreturn(tf);
}

SYSCALL(sigpending)
{
	return sys_sigpending((uvix_sigset_t *)args[0]);
}

/*
 * sigsuspend(mask): waits for a signal with mask in force; always EINTR.
 * The handler runs with mask in force too, and its return (or, with no
 * handler, the end of delivery) puts the caller's mask back: p_sigoldmask,
 * which signal_deliver saves in the handler's frame.
 */
SYSCALL(sigsuspend)
{
	struct proc *p = curproc();
	uvix_sigset_t mask;
	struct sleepq never = SLEEPQ_INITIALIZER(never);

	if (copyin((const void *)args[0], &mask, sizeof(mask)) != 0)
		return EFAULT;
	spinlock_enter(&p->p_siglock);
	p->p_sigoldmask = p->p_sigmask;
	p->p_sigrestore = true;
	p->p_sigmask = mask & ~(UVIX_SIGBIT(SIGKILL) | UVIX_SIGBIT(SIGSTOP));
	spinlock_exit(&p->p_siglock);
	spinlock_enter(&sched_lock);
	while (sleepq_block_sig(&never, 0) != EINTR)
		;
	spinlock_exit(&sched_lock);
	return EINTR;           /* userret delivers, with the mask above */
}

SYSCALL(setpgid)
{
	struct proc *self = curproc(), *p;
	uvix_pid_t pid = args[0] ? (uvix_pid_t)args[0] : self->p_pid;
	uvix_pid_t pgrp = args[1] ? (uvix_pid_t)args[1] : pid;
	int error = 0;

	if (pgrp < 0)
		return EINVAL;
	mutex_enter(&proc_lock);
	p = proc_find(pid);
	if (!p || (p != self && p->p_parent != self))
		error = ESRCH;
	else
		p->p_pgrp = pgrp;
	mutex_exit(&proc_lock);
	return error;
}

SYSCALL(getpgrp)
{
	*ret = curproc()->p_pgrp;
	return 0;
}

SYSCALL(tcsetpgrp)
{
	struct file *fp = fd_get((int)args[0]);

	if (!fp)
		return EBADF;
	file_release(fp);
	if ((uvix_pid_t)args[1] <= 0)
		return EINVAL;
	tty_set_fgpgrp((uvix_pid_t)args[1]);
	return 0;
}

/* ps: up to n entries into buf; returns how many. */
SYSCALL(ps)
{
	size_t n = args[1], count = proc_count();

	if (n > count)
		n = count;              /* more cannot be there (a hint: it may change) */
	if (n == 0) {
		*ret = 0;
		return 0;
	}
	size_t len = n * sizeof(struct uvix_procinfo);
	struct uvix_procinfo *kbuf = kmem_alloc(len, KM_NOSLEEP);
	if (!kbuf)
		return ENOMEM;
	n = proc_info(kbuf, n);
	int error = copyout(kbuf, (void *)args[0], n * sizeof(*kbuf));
	kmem_free(kbuf, len);
	*ret = n;
	return error;
}

SYSCALL(chdir)
{
	struct proc *p = curproc();
	char path[UVIX_PATH_MAX];
	struct vnode *vp;
	int error = copyinstr((const char *)args[0], path, sizeof(path), NULL);

	if (!error)
		error = vfs_lookup(p->p_cwd, path, &vp);
	if (error)
		return error;
	if (vp->v_type != VDIR) {
		vrele(vp);
		return ENOTDIR;
	}
	vrele(p->p_cwd);
	p->p_cwd = vp;
	return 0;
}

/*
 * vfs_path builds the path from its end, walking up from the current
 * directory, so the depth needs no limit of its own: a path longer than
 * UVIX_PATH_MAX gives ERANGE, as one longer than the caller's buffer
 * does; a directory that was removed gives ENOENT.
 */
SYSCALL(getcwd)
{
	char buf[UVIX_PATH_MAX];
	size_t len;
	int error = vfs_path(curproc()->p_cwd, buf, sizeof(buf), &len);

	if (error)
		return error;
	if (len > args[1])
		return ERANGE;
	*ret = len;
	return copyout(buf, (void *)args[0], len);
}
