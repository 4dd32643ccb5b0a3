/*
 * Fault-recovering probes (see kernel/probe.h). Each sets the current
 * thread's t_onfault (offset 0 of struct thread) to its recovery label;
 * trap() resumes there if the access faults.
 */
#define EFAULT 14

	.text
	/* int kprobe_read_word(const void *addr, uintptr_t *val) */
	.globl kprobe_read_word
kprobe_read_word:
	movl curthread, %ecx
	movl $1f, (%ecx)
	movl 4(%esp), %edx
	movl (%edx), %eax
	movl 8(%esp), %edx
	movl %eax, (%edx)
	movl $0, (%ecx)
	xorl %eax, %eax
	ret
1:	movl curthread, %ecx
	movl $0, (%ecx)
	movl $EFAULT, %eax
	ret

	/* int kprobe_write_byte(void *addr, uint8_t val) */
	.globl kprobe_write_byte
kprobe_write_byte:
	movl curthread, %ecx
	movl $2f, (%ecx)
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	movb %al, (%edx)
	movl $0, (%ecx)
	xorl %eax, %eax
	ret
2:	movl curthread, %ecx
	movl $0, (%ecx)
	movl $EFAULT, %eax
	ret

	/* int kprobe_call(void (*fn)(void)): %ebx keeps our stack pointer. */
	.globl kprobe_call
kprobe_call:
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	movl %esp, %ebx
	movl curthread, %ecx
	movl $3f, (%ecx)
	call *8(%ebp)
	movl curthread, %ecx
	movl $0, (%ecx)
	xorl %eax, %eax
	jmp 4f
3:	movl %ebx, %esp                 /* trap() restored %ebx from the frame */
	movl curthread, %ecx
	movl $0, (%ecx)
	movl $EFAULT, %eax
4:	popl %ebx
	popl %ebp
	ret

	.globl kprobe_ret
kprobe_ret:
	ret
