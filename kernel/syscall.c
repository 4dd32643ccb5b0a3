/*
 * The system-call dispatcher: trap() calls syscall(tf) for int $0x80.
 * The number and arguments come from the registers (<machine/user.h>),
 * the result goes back in the return register: the value, or a negated
 * errno (kernel/abi/README.md). Interrupts are enabled for the call: it
 * may sleep. A call a signal interrupted may be restarted (ERESTART,
 * kernel/syscall.h): the trap frame is set back to the int $0x80 with
 * the call's number, the arguments still in their registers.
 */
#include <machine/cpu.h>
#include <machine/user.h>
#include "kernel/syscall.h"
#include "kernel/abi/syscall.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"

static const sy_call_t sysent[SYS_MAXSYSCALL] = {
#define E(n) [SYS_##n] = sys_##n##_
	E(exit), E(fork), E(read), E(write), E(open), E(close), E(waitpid), E(execve),
	E(getpid), E(getppid), E(kill), E(dup), E(dup2), E(pipe), E(lseek), E(fstat),
	E(getdents), E(mmap), E(munmap), E(mprotect), E(madvise), E(minherit), E(brk),
	E(nanosleep), E(clock_gettime), E(sched_yield), E(getpagesize), E(sigaction),
	E(sigprocmask), E(sigreturn), E(uvmexp), E(reboot), E(stat), E(chdir), E(getcwd),
	E(setpgid), E(getpgrp), E(tcsetpgrp), E(sigpending), E(sigsuspend), E(ps),
	E(pageinfo), E(sysctl), E(sysctl_list), E(faulttrace), E(vmmap), E(alarm),
	E(mlock), E(munlock), E(mlockall), E(munlockall), E(getrlimit), E(setrlimit), E(getrusage),
	E(ftruncate), E(fsync), E(unlink), E(rename), E(link), E(mkdir), E(rmdir),
	E(access), E(mkfifo),
#undef E
};

/*
 * A call that returned ERESTART: its result is EINTR for now, and
 * p_sysrestart tells signal_deliver that it may make it a restart. If no
 * handler ran (the signal was ignored meanwhile, or was not deliverable),
 * the call is made again.
 */
static void syscall_interrupted(struct trapframe *tf, struct proc *p, register_t num)
{
	md_syscall_set_result(tf, (register_t)-EINTR);
	p->p_sysrestart = true;
	p->p_sysnum = num;
	userret(tf);
	if (p->p_sysrestart) {
		p->p_sysrestart = false;
		md_syscall_restart(tf, num);
	}
}

void userret(struct trapframe *tf)
{
	struct proc *p = curproc();

	if (signal_deliverable(p) || p->p_sigrestore)
		signal_deliver(tf);
}

void syscall(struct trapframe *tf)
{
	register_t args[6], ret = 0;
	register_t num = md_syscall_number(tf);
	int error;

	cpu_intr_enable();
	md_syscall_args(tf, args);
	if (num < SYS_MAXSYSCALL && sysent[num])
		error = sysent[num](args, &ret, tf);
	else
		error = ENOSYS;
	if (error == ERESTART) {
		syscall_interrupted(tf, curproc(), num);
		return;
	}
	if (error != EJUSTRETURN)
		md_syscall_set_result(tf, error ? (register_t)-error : ret);
	userret(tf);
}
