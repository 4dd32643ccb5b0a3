/*
 * amd64 context switch and the start of a new thread (prototypes and
 * contract in kernel/thread.h).
 *
 * A switched-out thread's stack ends in a switch frame, lowest address
 * first (t_sp points at it):
 *
 *     %r15  %r14  %r13  %r12  %rbx  %rbp  return address
 *
 * These are the registers a C function must preserve; the caller of
 * md_switch saved the others (the System V ABI). A new thread's frame
 * returns into md_thread_trampoline with %rbp = 0.
 */
	.cfi_sections .debug_frame
	.text

	/* void md_switch(vaddr_t *save_sp [%rdi], vaddr_t new_sp [%rsi]) */
	.globl md_switch
	.type md_switch, @function
md_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size md_switch, . - md_switch

#define SWITCH_FRAME_WORDS 7

	/* vaddr_t md_thread_stack_init(vaddr_t top [%rdi]) */
	.globl md_thread_stack_init
	.type md_thread_stack_init, @function
md_thread_stack_init:
	leaq -(SWITCH_FRAME_WORDS * 8)(%rdi), %rax
	movq $0, 0(%rax)                /* %r15 */
	movq $0, 8(%rax)                /* %r14 */
	movq $0, 16(%rax)               /* %r13 */
	movq $0, 24(%rax)               /* %r12 */
	movq $0, 32(%rax)               /* %rbx */
	movq $0, 40(%rax)               /* %rbp: 0 ends the frame chain */
	leaq md_thread_trampoline(%rip), %rcx
	movq %rcx, 48(%rax)
	ret
	.size md_thread_stack_init, . - md_thread_stack_init

	/*
	 * A new thread's first instruction, with %rsp = top (page aligned, so
	 * 16-byte aligned at the call as the ABI wants) and %rbp = 0.
	 * thread_start never returns. The CFI tells GDB this is the outermost
	 * frame.
	 */
	.globl md_thread_trampoline
	.type md_thread_trampoline, @function
md_thread_trampoline:
	.cfi_startproc
	.cfi_undefined %rip
	call thread_start
	ud2
	.cfi_endproc
	.size md_thread_trampoline, . - md_thread_trampoline
