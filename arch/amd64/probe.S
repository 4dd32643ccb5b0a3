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
	movq curthread(%rip), %rcx
	leaq 1f(%rip), %rax
	movq %rax, (%rcx)
	movq (%rdi), %rax
	movq %rax, (%rsi)
	movq $0, (%rcx)
	xorl %eax, %eax
	ret
1:	movq curthread(%rip), %rcx
	movq $0, (%rcx)
	movl $EFAULT, %eax
	ret

	/* int kprobe_write_byte(void *addr, uint8_t val) */
	.globl kprobe_write_byte
kprobe_write_byte:
	movq curthread(%rip), %rcx
	leaq 2f(%rip), %rax
	movq %rax, (%rcx)
	movb %sil, (%rdi)
	movq $0, (%rcx)
	xorl %eax, %eax
	ret
2:	movq curthread(%rip), %rcx
	movq $0, (%rcx)
	movl $EFAULT, %eax
	ret

	/* int kprobe_call(void (*fn)(void)): %rbx keeps our stack pointer. */
	.globl kprobe_call
kprobe_call:
	pushq %rbp
	movq %rsp, %rbp
	pushq %rbx
	pushq %rbx                      /* keeps the stack 16-byte aligned */
	movq %rsp, %rbx
	movq curthread(%rip), %rcx
	leaq 3f(%rip), %rax
	movq %rax, (%rcx)
	call *%rdi
	movq curthread(%rip), %rcx
	movq $0, (%rcx)
	xorl %eax, %eax
	jmp 4f
3:	movq %rbx, %rsp                 /* trap() restored %rbx from the frame */
	movq curthread(%rip), %rcx
	movq $0, (%rcx)
	movl $EFAULT, %eax
4:	popq %rbx
	popq %rbx
	popq %rbp
	ret

	.globl kprobe_ret
kprobe_ret:
	ret
