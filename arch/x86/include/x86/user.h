/*
 * User-mode hooks, the same list on both arches (implemented in each
 * arch's md_user.c). Machine-independent code (kernel/proc.c, exec.c,
 * syscall.c, signal.c) reaches user mode only through these.
 */
#ifndef _X86_USER_H_
#define _X86_USER_H_

#include <stdbool.h>
#include <machine/types.h>
#include <machine/frame.h>

/* Words of stack below the user stack pointer the ABI lets a function use. */
#define MD_STACK_REDZONE        MD_USER_REDZONE

/* Sets tf up to enter user mode at pc with stack pointer sp, interrupts on. */
void md_user_tf_init(struct trapframe *tf, vaddr_t pc, vaddr_t sp);
/* Leaves the kernel through the trap exit with tf. (vectors.S) */
void md_enter_user(struct trapframe *tf) __attribute__((noreturn));
/* The kernel stack the CPU switches to on a trap from user mode. */
void md_set_kernel_stack(vaddr_t top);

/* System calls: the number, the six arguments, the result. */
register_t md_syscall_number(const struct trapframe *tf);
void md_syscall_args(const struct trapframe *tf, register_t args[6]);
void md_syscall_set_result(struct trapframe *tf, register_t value);
/*
 * Makes the return to user mode run the system call num again: the pc
 * back onto the int $0x80 (MD_SYSCALL_INSN_LEN bytes), num back in the
 * number register. The arguments are still in theirs.
 */
void md_syscall_restart(struct trapframe *tf, register_t num);
#define MD_SYSCALL_INSN_LEN     2       /* int $0x80: 0xcd 0x80 */

/* Signals: hand the handler its three arguments (in registers, if the ABI wants). */
void md_sendsig_args(struct trapframe *tf, int signo, vaddr_t info, vaddr_t ctx);
/*
 * Copies into tf what user code may change of a context it saved (a
 * signal frame): general registers, pc, sp, arithmetic flags. Segments,
 * privilege and interrupt flags stay the kernel's.
 */
void md_sigreturn_restore(struct trapframe *tf, const struct trapframe *saved);

#endif
