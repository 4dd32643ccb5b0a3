/*
 * i386 user-mode hooks (<x86/user.h>). System calls: int $0x80 with the
 * number in %eax and arguments in %ebx %ecx %edx %esi %edi %ebp; the
 * result in %eax (kernel/abi/README.md).
 */
#include <machine/user.h>
#include <x86/segments.h>
#include <x86/specialreg.h>
#include "kernel/string.h"

/* The flags user code may set: CF PF AF ZF SF TF DF OF. */
#define PSL_USERCHANGE  0x00000dd5
#define PSL_MBO         0x00000002      /* bit 1 must be one */

void md_user_tf_init(struct trapframe *tf, vaddr_t pc, vaddr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->tf_cs = GSEL(GSEL_UCODE32, SEL_UPL);
	tf->tf_ss = tf->tf_ds = tf->tf_es = tf->tf_fs = tf->tf_gs = GSEL(GSEL_UDATA, SEL_UPL);
	tf->tf_pc = pc;
	tf->tf_sp = sp;
	tf->tf_flags = PSL_IF | PSL_MBO;
}

register_t md_syscall_number(const struct trapframe *tf)
{
	return tf->tf_eax;
}

void md_syscall_args(const struct trapframe *tf, register_t args[6])
{
	args[0] = tf->tf_ebx;
	args[1] = tf->tf_ecx;
	args[2] = tf->tf_edx;
	args[3] = tf->tf_esi;
	args[4] = tf->tf_edi;
	args[5] = tf->tf_fp;
}

void md_syscall_set_result(struct trapframe *tf, register_t value)
{
	tf->tf_eax = value;
}

void md_syscall_restart(struct trapframe *tf, register_t num)
{
	tf->tf_pc -= MD_SYSCALL_INSN_LEN;
	tf->tf_eax = num;
}

/* The arguments are on the stack already, after the return address. */
void md_sendsig_args(struct trapframe *tf, int signo, vaddr_t info, vaddr_t ctx)
{
}

void md_sigreturn_restore(struct trapframe *tf, const struct trapframe *saved)
{
	tf->tf_eax = saved->tf_eax;
	tf->tf_ebx = saved->tf_ebx;
	tf->tf_ecx = saved->tf_ecx;
	tf->tf_edx = saved->tf_edx;
	tf->tf_esi = saved->tf_esi;
	tf->tf_edi = saved->tf_edi;
	tf->tf_fp = saved->tf_fp;
	tf->tf_pc = saved->tf_pc;
	tf->tf_sp = saved->tf_sp;
	tf->tf_flags = (tf->tf_flags & ~PSL_USERCHANGE) | (saved->tf_flags & PSL_USERCHANGE);
}
