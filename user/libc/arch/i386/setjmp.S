/*
 * setjmp and longjmp for i386. A jmp_buf (setjmp.h) keeps what the C ABI
 * says a callee preserves, and where setjmp returns to:
 *
 *   0 %ebx   4 %esi   8 %edi   12 %ebp   16 %esp after the return   20 the return address
 *
 * longjmp puts them back and jumps there with its value in %eax (1 for 0).
 * The signal mask is sigsetjmp's business (sigsetjmp.c).
 */
	.text
	.globl setjmp
	.type setjmp, @function
setjmp:
	movl 4(%esp), %eax
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx
	movl %ecx, 16(%eax)
	movl (%esp), %ecx
	movl %ecx, 20(%eax)
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp
	.type longjmp, @function
longjmp:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	testl %eax, %eax
	jnz 1f
	incl %eax
1:	movl 0(%edx), %ebx
	movl 4(%edx), %esi
	movl 8(%edx), %edi
	movl 12(%edx), %ebp
	movl 16(%edx), %esp
	jmp *20(%edx)
	.size longjmp, . - longjmp

	.section .note.GNU-stack, "", @progbits
