/*
 * amd64 user-mode hooks (<x86/user.h>). System calls: int $0x80 (not
 * syscall/sysret: one trap path on both arches) with the number in %rax
 * and arguments in %rdi %rsi %rdx %r10 %r8 %r9, as the System V syscall
 * convention has them; the result in %rax (kernel/abi/README.md).
 */
#include <machine/user.h>
#include <x86/segments.h>
#include <x86/specialreg.h>
#include "kernel/string.h"

/* The flags user code may set: CF PF AF ZF SF TF DF OF. */
#define PSL_USERCHANGE  0x00000dd5
#define PSL_MBO         0x00000002

void md_user_tf_init(struct trapframe *tf, vaddr_t pc, vaddr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->tf_cs = GSEL(GSEL_UCODE64, SEL_UPL);
	tf->tf_ss = GSEL(GSEL_UDATA, SEL_UPL);
	tf->tf_pc = pc;
	tf->tf_sp = sp;
	tf->tf_flags = PSL_IF | PSL_MBO;
}

register_t md_syscall_number(const struct trapframe *tf)
{
	return tf->tf_rax;
}

void md_syscall_args(const struct trapframe *tf, register_t args[6])
{
	args[0] = tf->tf_rdi;
	args[1] = tf->tf_rsi;
	args[2] = tf->tf_rdx;
	args[3] = tf->tf_r10;
	args[4] = tf->tf_r8;
	args[5] = tf->tf_r9;
}

void md_syscall_set_result(struct trapframe *tf, register_t value)
{
	tf->tf_rax = value;
}

void md_syscall_restart(struct trapframe *tf, register_t num)
{
	tf->tf_pc -= MD_SYSCALL_INSN_LEN;
	tf->tf_rax = num;
}

void md_sendsig_args(struct trapframe *tf, int signo, vaddr_t info, vaddr_t ctx)
{
	tf->tf_rdi = signo;
	tf->tf_rsi = info;
	tf->tf_rdx = ctx;
}

void md_sigreturn_restore(struct trapframe *tf, const struct trapframe *saved)
{
	const uint64_t *src = &saved->tf_r15;
	uint64_t *dst = &tf->tf_r15;

	/* r15 .. rax: the general registers, in frame order. */
	for (int i = 0; i <= (int)(&tf->tf_rax - &tf->tf_r15); i++)
		dst[i] = src[i];
	tf->tf_pc = saved->tf_pc;
	tf->tf_sp = saved->tf_sp;
	tf->tf_flags = (tf->tf_flags & ~PSL_USERCHANGE) | (saved->tf_flags & PSL_USERCHANGE);
}
