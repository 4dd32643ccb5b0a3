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
	pushl %esi
	pushl %edi
	movl curthread, %eax
	movl $1f, (%eax)
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	cld
	rep movsb
	movl curthread, %eax
	movl $0, (%eax)
	xorl %eax, %eax
	popl %edi
	popl %esi
	ret
1:	movl curthread, %ecx
	movl $0, (%ecx)
	/* %eax: the error trap() put there (EFAULT, or EINTR) */
	popl %edi
	popl %esi
	ret
