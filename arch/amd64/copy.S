/*
 * int md_copy(void *dst, const void *src, size_t len): copies with the
 * fault-recovery pc set (struct thread.t_onfault, offset 0), so a fault
 * on a bad user address returns EFAULT (kernel/copy.c checks the range
 * first; the fault handler resolves faults on good ones), or EINTR if a
 * signal ended the fault's wait for memory: trap() sets the result.
 */

	.text
	.globl md_copy
md_copy:
	movq curthread(%rip), %rax
	leaq 1f(%rip), %r8
	movq %r8, (%rax)
	movq %rdx, %rcx
	cld
	rep movsb
	movq curthread(%rip), %rax
	movq $0, (%rax)
	xorl %eax, %eax
	ret
1:	movq curthread(%rip), %rcx
	movq $0, (%rcx)
	/* %eax: the error trap() put there (EFAULT, or EINTR) */
	ret
