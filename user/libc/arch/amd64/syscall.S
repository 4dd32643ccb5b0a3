/*
 * amd64 system calls: the only place the libc traps into the kernel.
 * The calling convention (kernel/abi/README.md):
 *
 *   int $0x80   number in %rax, arguments 1-6 in %rdi %rsi %rdx %r10 %r8
 *               %r9, result in %rax (a negated errno for an error); the
 *               kernel preserves every other register.
 *
 * (%r10 rather than the C ABI's %rcx for the fourth, as Linux does, so
 * that syscall/sysret, which clobber %rcx, can be a lab.)
 */
#include "kernel/abi/syscall.h"

	.cfi_sections .debug_frame
	.text

/*
 * long __syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
 * The C ABI passes n, a1-a5 in %rdi %rsi %rdx %rcx %r8 %r9 and a6 on the
 * stack: each moves one place. Returns the kernel's raw result;
 * __syscall_ret (syscalls.c) turns an error into errno and -1.
 */
	.globl __syscall
	.type __syscall, @function
__syscall:
	.cfi_startproc
	movq %rdi, %rax
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	movq 8(%rsp), %r9               /* a6, above the return address */
	int $0x80
	ret
	.cfi_endproc
	.size __syscall, . - __syscall

/*
 * __sigreturn_trampoline: where a signal handler returns to. sigaction()
 * passes its address as sa_restorer, and the kernel builds the handler's
 * frame with it as the return address. When the handler's ret lands here,
 * %rsp is where that ret left it (the frame's address plus 8); the
 * trampoline does not touch the stack, and SYS_sigreturn restores the
 * interrupted context from the frame. It does not return: ud2 (SIGILL)
 * if it ever does.
 */
	.globl __sigreturn_trampoline
	.type __sigreturn_trampoline, @function
__sigreturn_trampoline:
	movq $SYS_sigreturn, %rax
	int $0x80
	ud2
	.size __sigreturn_trampoline, . - __sigreturn_trampoline

	.section .note.GNU-stack, "", @progbits
