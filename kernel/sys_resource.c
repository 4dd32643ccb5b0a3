/*
 * Resource limits and usage: getrlimit, setrlimit, getrusage
 * (kernel/abi/resource.h). The limits are per process, inherited by fork
 * and kept across exec; every process may lower its limits, nobody may
 * raise a hard limit. Where each is enforced:
 *
 *   RLIMIT_DATA     brk: the heap may not grow past it (ENOMEM)
 *   RLIMIT_STACK    the stack is a fixed 8 MiB reserve: reported, and
 *                   setrlimit refuses any other value (EINVAL)
 *   RLIMIT_NOFILE   new descriptors (open, pipe, dup: EMFILE; dup2: EBADF)
 *                   are below it; at most NOFILE
 *   RLIMIT_MEMLOCK  mlock, mlockall and MCL_FUTURE (vm/uvm_wire.h): the
 *                   user-wired pages of the space; 0 forbids them (EPERM)
 */
#include "kernel/syscall.h"
#include "kernel/abi/resource.h"
#include "kernel/copy.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/proc.h"

SYSCALL(getrlimit)
{
	int resource = (int)args[0];

	if (resource < 0 || resource >= RLIM_NLIMITS)
		return EINVAL;
	return copyout(&curproc()->p_rlimit[resource], (void *)args[1], sizeof(struct uvix_rlimit));
}

SYSCALL(setrlimit)
{
	struct proc *p = curproc();
	int resource = (int)args[0];
	struct uvix_rlimit lim;

	if (resource < 0 || resource >= RLIM_NLIMITS)
		return EINVAL;
	if (copyin((const void *)args[1], &lim, sizeof(lim)) != 0)
		return EFAULT;
	if (lim.rlim_cur > lim.rlim_max)
		return EINVAL;
	if (lim.rlim_max > p->p_rlimit[resource].rlim_max)
		return EPERM;
	if (resource == RLIMIT_STACK && (lim.rlim_cur != USTACK_SIZE || lim.rlim_max != USTACK_SIZE))
		return EINVAL;
	p->p_rlimit[resource] = lim;
	return 0;
}

/* getrusage(who, ru): RUSAGE_SELF, or RUSAGE_CHILDREN (those waited for). */
SYSCALL(getrusage)
{
	struct proc *p = curproc();
	struct uvix_rusage ru;

	uint64_t ut, st;

	if ((int)args[0] == RUSAGE_SELF) {
		ru = p->p_ru;
		mutex_enter(&proc_lock);
		ut = p->p_uticks, st = p->p_sticks;
		mutex_exit(&proc_lock);
	} else if ((int)args[0] == RUSAGE_CHILDREN) {
		mutex_enter(&proc_lock);
		ru = p->p_cru;
		ut = p->p_cuticks, st = p->p_csticks;
		mutex_exit(&proc_lock);
	} else {
		return EINVAL;
	}
	ru.ru_utime_us = (int64_t)(ut * (1000000 / HZ));
	ru.ru_stime_us = (int64_t)(st * (1000000 / HZ));
	return copyout(&ru, (void *)args[1], sizeof(ru));
}
