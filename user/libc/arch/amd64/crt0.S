/*
 * amd64 program entry. The kernel's exec starts a program at _start with
 *
 *   (%rsp)     argc            (%rsp is 16-byte aligned here)
 *   8(%rsp)    argv[0] ... argv[argc - 1], NULL
 *              envp[0] ... NULL
 *
 * (System V AMD64 ABI) and no other register promised. _start ends the
 * frame-pointer chain (%rbp = 0, where backtraces stop), makes sure of the
 * alignment and passes the initial stack pointer to __libc_start
 * (start.c), which calls main and exit and does not return.
 */
	.cfi_sections .debug_frame
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	.cfi_undefined %rip             /* the outermost frame, for GDB */
	xorl %ebp, %ebp
	movq %rsp, %rdi
	andq $-16, %rsp                 /* 16-byte aligned at the call */
	call __libc_start
	ud2
	.cfi_endproc
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
