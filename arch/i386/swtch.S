/*
 * i386 context switch and the start of a new thread (prototypes and
 * contract in kernel/thread.h).
 *
 * A switched-out thread's stack ends in a switch frame, lowest address
 * first (t_sp points at it):
 *
 *     %edi  %esi  %ebx  %ebp  return address
 *
 * These are the registers a C function must preserve; the caller of
 * md_switch saved the others (the cdecl ABI). A new thread's frame
 * returns into md_thread_trampoline with %ebp = 0.
 */
	.cfi_sections .debug_frame
	.text

	/* void md_switch(vaddr_t *save_sp, vaddr_t new_sp) */
	.globl md_switch
	.type md_switch, @function
md_switch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size md_switch, . - md_switch

#define SWITCH_FRAME_WORDS 5

	/* vaddr_t md_thread_stack_init(vaddr_t top) */
	.globl md_thread_stack_init
	.type md_thread_stack_init, @function
md_thread_stack_init:
	movl 4(%esp), %eax
	subl $(SWITCH_FRAME_WORDS * 4), %eax
	movl $0, 0(%eax)                /* %edi */
	movl $0, 4(%eax)                /* %esi */
	movl $0, 8(%eax)                /* %ebx */
	movl $0, 12(%eax)               /* %ebp: 0 ends the frame chain */
	movl $md_thread_trampoline, 16(%eax)
	ret
	.size md_thread_stack_init, . - md_thread_stack_init

	/*
	 * A new thread's first instruction, with %esp = top (page aligned, so
	 * 16-byte aligned at the call as the ABI wants) and %ebp = 0.
	 * thread_start never returns. The CFI tells GDB this is the outermost
	 * frame.
	 */
	.globl md_thread_trampoline
	.type md_thread_trampoline, @function
md_thread_trampoline:
	.cfi_startproc
	.cfi_undefined %eip
	call thread_start
	ud2
	.cfi_endproc
	.size md_thread_trampoline, . - md_thread_trampoline
