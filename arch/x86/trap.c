/*
 * Trap dispatch, shared by i386 and amd64. vectors.S builds a trapframe
 * and calls trap(); we decide what the trap is:
 *
 *   IRQ 0-15 (vectors 32-47)      -> intr_dispatch()
 *   int $0x80 from user mode      -> syscall()
 *   page fault at a user address  -> uvm_fault(); failing: a signal
 *   other exception in user mode  -> a signal (SIGSEGV, SIGILL, SIGFPE...)
 *   kernel fault with t_onfault   -> resume at the recovery address
 *   anything else                 -> a full report and panic
 *
 * Page faults at user addresses go to uvm_fault() on the process's map;
 * int $0x80 from user mode is a system call (kernel/syscall.c); other
 * user-mode exceptions become signals; user traps end in userret().
 */
#include <machine/cpu.h>
#include <x86/user.h>
#include <x86/segments.h>
#include "kernel/trap.h"
#include "kernel/intr.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/thread.h"
#include "vm/uvm_param.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_vmspace.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "vm/uvm_loan.h"
#include "pmap/pmap.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include <machine/vmparam.h>

const char *const x86_trap_names[T_NEXCEPTIONS] = {
	[T_DIVIDE] = "divide error",         [T_DEBUG] = "debug exception",
	[T_NMI] = "non-maskable interrupt",  [T_BPT] = "breakpoint",
	[T_OFLOW] = "overflow",              [T_BOUND] = "bound range exceeded",
	[T_ILLOP] = "invalid opcode",        [T_DNA] = "device not available",
	[T_DOUBLEFLT] = "double fault",      [9] = "coprocessor segment overrun",
	[T_TSS] = "invalid TSS",             [T_SEGNP] = "segment not present",
	[T_STK] = "stack-segment fault",     [T_GPFLT] = "general protection fault",
	[T_PAGEFLT] = "page fault",          [15] = "reserved",
	[T_FPERR] = "x87 floating-point error", [T_ALIGN] = "alignment check",
	[T_MCHK] = "machine check",          [T_SIMD] = "SIMD floating-point exception",
	[20] = "virtualization exception",   [21] = "control protection exception",
};

/* Page-fault error code bits (SDM Vol. 3A, 4.7). */
#define PGEX_P          0x01    /* 0: not present, 1: protection violation */
#define PGEX_W          0x02    /* write access */
#define PGEX_U          0x04    /* from user mode */
#define PGEX_RSVD       0x08    /* reserved bit set in a paging entry */
#define PGEX_I          0x10    /* instruction fetch */

static const char *trap_name(unsigned trapno)
{
	if (trapno < T_NEXCEPTIONS && x86_trap_names[trapno])
		return x86_trap_names[trapno];
	return "unknown trap";
}

bool trap_in_stack_guard(vaddr_t addr)
{
	struct thread *t = curthread;

	return t != NULL && addr < t->t_stack_lo && addr >= t->t_stack_lo - PAGE_SIZE;
}

static void __attribute__((noreturn)) trap_fatal(struct trapframe *tf)
{
	unsigned trapno = tf->tf_trapno;

	printf("\nfatal trap %u (%s) in %s mode, error code %#lx\n", trapno,
	    trap_name(trapno), md_trapframe_is_user(tf) ? "user" : "kernel",
	    (unsigned long)tf->tf_err);
	if (trapno == T_PAGEFLT) {
		vaddr_t va = rcr2();
		unsigned long e = tf->tf_err;
		printf("page fault at va %p: %s, %s access%s%s%s\n", (void *)va,
		    e & PGEX_P ? "protection violation" : "page not present",
		    e & PGEX_I ? "instruction fetch" : e & PGEX_W ? "write" : "read",
		    e & PGEX_U ? ", from user mode" : "",
		    e & PGEX_RSVD ? ", reserved bit set" : "",
		    trap_in_stack_guard(va) ? " (in the stack guard page)" : "");
		if (trap_in_stack_guard(va))
			panic_trap(tf, "trap: kernel stack overflow in thread '%s'",
			    curthread->t_name);
		panic_trap(tf, "trap: unhandled kernel page fault at %p", (void *)va);
	}
	panic_trap(tf, "trap: fatal %s", trap_name(trapno));
}

/*
 * A page fault at a user address, from user mode or from copyin/copyout
 * (t_onfault set): resolved by uvm_fault on the process's map. Returns
 * true if it is dealt with: resolved, or (from user mode) turned into a
 * signal. False sends a kernel fault on to the fault-recovery path.
 */
/*
 * Is va inside a mapping? A fault there that uvm_fault still refuses
 * with EFAULT was past the end of the mapping's object (a file cut short
 * by ftruncate, a mapping longer than its file): SIGBUS, as POSIX has
 * it; outside every mapping it is SIGSEGV.
 */
static bool trap_in_mapping(struct vm_map *map, vaddr_t va)
{
	struct vm_map_entry *e;

	mutex_enter(&map->lock);
	bool in = uvm_map_lookup_entry(map, va, &e);
	mutex_exit(&map->lock);
	return in;
}

static bool trap_pagefault(struct trapframe *tf, bool user, int *errorp)
{
	vaddr_t va = rcr2();
	unsigned long e = tf->tf_err;
	struct proc *p = curproc();

	if (!p || va >= VM_MAXUSER_ADDRESS || (e & PGEX_RSVD))
		return false;
	if (!user && curthread->t_onfault == 0)
		return false;   /* the kernel touched user memory without copyin: a bug */
	vm_prot_t access = e & PGEX_I ? VM_PROT_EXECUTE : e & PGEX_W ? VM_PROT_WRITE :
	    VM_PROT_READ;
	/* uvm_fault may sleep; the faulting code had interrupts on. */
	if (tf->tf_flags & PSL_IF)
		cpu_intr_enable();
	bool major;
	int error = uvm_fault_user(&p->p_vmspace->vm_map, va, access, &major);
	if (error == 0)
		major ? p->p_ru.ru_majflt++ : p->p_ru.ru_minflt++;      /* getrusage */
	/* A signal ended a wait for memory: deliver it; the access faults again. */
	if (error == 0 || (error == EINTR && user))
		return true;
	if (!user) {
		*errorp = error == EINTR ? EINTR : EFAULT;
		return false;
	}
	bool bus = error == EIO || (error == EFAULT && trap_in_mapping(&p->p_vmspace->vm_map, va));
	struct uvix_siginfo info = { .si_signo = bus ? SIGBUS : SIGSEGV,
	    .si_errno = error, .si_pid = p->p_pid, .si_addr = va };
	signal_trap(p, info.si_signo, &info);
	return true;
}

/* The signal a user-mode exception means. */
static int trap_signal(unsigned trapno)
{
	switch (trapno) {
	case T_DIVIDE: case T_FPERR: case T_SIMD:       return SIGFPE;
	case T_BPT: case T_DEBUG:                       return SIGTRAP;
	case T_ALIGN:                                   return SIGBUS;
	case T_GPFLT: case T_SEGNP: case T_STK: case T_PAGEFLT: return SIGSEGV;
	default:                                        return SIGILL;
	}
}

void trap(struct trapframe *tf)
{
	unsigned trapno = tf->tf_trapno;
	bool user = md_trapframe_is_user(tf);

	/*
	 * A process in virtual-8086 mode. Uvix never puts one there, and a
	 * real processor lets only an iret at CPL 0 set EFLAGS.VM (sigreturn
	 * keeps user flags to PSL_USERCHANGE); QEMU's TCG let a user's own
	 * iret do it (tests/uprog/iretsig.c). No handler can run from there:
	 * the process dies of SIGSEGV. (amd64: long mode has no such mode.)
	 */
	if (user && (tf->tf_flags & PSL_VM) && trapno != T_SPURIOUS) {
		if (trapno >= T_IRQ0 && trapno < T_IRQ0 + T_NIRQ) {
			intr_user = true;
			intr_dispatch(trapno - T_IRQ0);
		}
		struct proc *p = curproc();
		struct uvix_siginfo info = { .si_signo = SIGSEGV, .si_pid = p->p_pid,
		    .si_addr = tf->tf_pc };
		signal_fatal(p, SIGSEGV, &info);
		userret(tf);
		return;
	}
	if (trapno >= T_IRQ0 && trapno < T_IRQ0 + T_NIRQ) {
		intr_user = user;
		intr_dispatch(trapno - T_IRQ0);
		if (user)
			userret(tf);
		return;
	}
	if (trapno == T_SPURIOUS)
		return;
	if (trapno == T_DOUBLEFLT)      /* amd64; i386 takes a task gate */
		trap_double_fault(tf->tf_pc, md_trapframe_sp(tf), tf->tf_fp);
	if (trapno == T_SYSCALL && user) {
		syscall(tf);
		return;
	}
	/*
	 * A kernel write into the loan arena: a borrower of lent pages wrote
	 * them. Before the copyin/copyout recovery below, which would turn it
	 * into a quiet EFAULT.
	 */
	if (trapno == T_PAGEFLT && !user && (tf->tf_err & PGEX_W) &&
	    uvm_loan_arena_contains(rcr2())) {
		paddr_t pa = 0;
		pmap_extract(pmap_kernel(), trunc_page(rcr2()), &pa);
		panic_trap(tf, "trap: kernel write to loaned page pa %#llx at va %p",
		    (unsigned long long)pa, (void *)rcr2());
	}
	int onfault_error = EFAULT;
	if (trapno == T_PAGEFLT && trap_pagefault(tf, user, &onfault_error)) {
		if (user)
			userret(tf);
		return;
	}
	if (user) {
		struct proc *p = curproc();
		struct uvix_siginfo info = { .si_signo = trap_signal(trapno),
		    .si_pid = p->p_pid, .si_addr = tf->tf_pc };
		signal_trap(p, info.si_signo, &info);
		userret(tf);
		return;
	}
	if ((trapno == T_PAGEFLT || trapno == T_GPFLT) &&
	    curthread != NULL && curthread->t_onfault != 0) {
		/* The recovery code returns what the result register holds. */
		md_syscall_set_result(tf, onfault_error);
		tf->tf_pc = curthread->t_onfault;
		return;
	}
	trap_fatal(tf);
}

void trap_double_fault(uintptr_t pc, uintptr_t sp, uintptr_t fp)
{
	vaddr_t va = rcr2();

	printf("\nfatal trap 8 (double fault) in kernel mode\n");
	printf("faulting context: pc %p sp %p fp %p, cr2 %p\n",
	    (void *)pc, (void *)sp, (void *)fp, (void *)va);
	if (trap_in_stack_guard(sp) || trap_in_stack_guard(va))
		printf("kernel stack overflow in thread '%s': stack [%p, %p)\n",
		    curthread->t_name, (void *)curthread->t_stack_lo,
		    (void *)curthread->t_stack_hi);
	printf("backtrace of the faulting context:\n");
	backtrace_print(pc, fp);
	panic("trap: double fault%s", trap_in_stack_guard(sp) || trap_in_stack_guard(va) ?
	    " (kernel stack overflow)" : "");
}
