/*
 * i386 system calls: the only place the libc traps into the kernel.
 * The calling convention (kernel/abi/README.md):
 *
 *   int $0x80   number in %eax, arguments 1-6 in %ebx %ecx %edx %esi %edi
 *               %ebp, result in %eax (a negated errno for an error); the
 *               kernel preserves every other register.
 */
#include "kernel/abi/syscall.h"

	.cfi_sections .debug_frame
	.text

/*
 * long __syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
 * Returns the kernel's raw result; __syscall_ret (syscalls.c) turns an
 * error into errno and -1. %ebx %esi %edi %ebp belong to our caller in
 * the C ABI, so they are saved around the trap.
 */
	.globl __syscall
	.type __syscall, @function
__syscall:
	.cfi_startproc
	pushl %ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %ebp, 0
	pushl %edi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %edi, 0
	pushl %esi
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %esi, 0
	pushl %ebx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %ebx, 0
	movl 20(%esp), %eax             /* n: past 4 saved registers and the return address */
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	movl 44(%esp), %ebp
	int $0x80
	popl %ebx
	.cfi_adjust_cfa_offset -4
	.cfi_restore %ebx
	popl %esi
	.cfi_adjust_cfa_offset -4
	.cfi_restore %esi
	popl %edi
	.cfi_adjust_cfa_offset -4
	.cfi_restore %edi
	popl %ebp
	.cfi_adjust_cfa_offset -4
	.cfi_restore %ebp
	ret
	.cfi_endproc
	.size __syscall, . - __syscall

/*
 * __sigreturn_trampoline: where a signal handler returns to. sigaction()
 * passes its address as sa_restorer, and the kernel builds the handler's
 * frame with it as the return address. When the handler's ret lands here,
 * %esp is where that ret left it (the frame's address plus 4); the
 * trampoline does not touch the stack, and SYS_sigreturn restores the
 * interrupted context from the frame. It does not return: ud2 (SIGILL)
 * if it ever does.
 */
	.globl __sigreturn_trampoline
	.type __sigreturn_trampoline, @function
__sigreturn_trampoline:
	movl $SYS_sigreturn, %eax
	int $0x80
	ud2
	.size __sigreturn_trampoline, . - __sigreturn_trampoline

	.section .note.GNU-stack, "", @progbits
