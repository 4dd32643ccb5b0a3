/*
 * i386 program entry. The kernel's exec starts a program at _start with
 *
 *   (%esp)     argc
 *   4(%esp)    argv[0] ... argv[argc - 1], NULL
 *              envp[0] ... NULL
 *
 * (System V i386 ABI) and no other register promised. _start ends the
 * frame-pointer chain (%ebp = 0, where backtraces stop), aligns the stack
 * to 16 bytes as GCC's code expects at a call, and passes the initial
 * stack pointer to __libc_start (start.c), which calls main and exit and
 * does not return.
 */
	.cfi_sections .debug_frame
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	.cfi_undefined %eip             /* the outermost frame, for GDB */
	xorl %ebp, %ebp
	movl %esp, %eax
	andl $-16, %esp
	subl $12, %esp                  /* 12 + the argument: 16 at the call */
	pushl %eax
	call __libc_start
	ud2
	.cfi_endproc
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
