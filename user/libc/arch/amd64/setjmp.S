/*
 * setjmp and longjmp for amd64. A jmp_buf (setjmp.h) keeps what the C ABI
 * says a callee preserves, and where setjmp returns to:
 *
 *   0 %rbx  8 %rbp  16 %r12  24 %r13  32 %r14  40 %r15  48 %rsp after the return  56 the return address
 *
 * longjmp puts them back and jumps there with its value in %eax (1 for 0).
 * The signal mask is sigsetjmp's business (sigsetjmp.c).
 */
	.text
	.globl setjmp
	.type setjmp, @function
setjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rdx
	movq %rdx, 48(%rdi)
	movq (%rsp), %rdx
	movq %rdx, 56(%rdi)
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp
	.type longjmp, @function
longjmp:
	movl %esi, %eax
	testl %eax, %eax
	jnz 1f
	incl %eax
1:	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp

	.section .note.GNU-stack, "", @progbits
