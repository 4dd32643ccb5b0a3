/*
 * amd64 trap and interrupt entry. Every vector has a stub that pushes an
 * error code (0 if the CPU pushed none) and the vector number, then jumps
 * to alltraps, which saves the registers as a struct trapframe (see
 * <machine/frame.h>) and calls trap(tf).
 *
 * Before the call, alltraps pushes { interrupted %rip, interrupted %rbp }
 * and points %rbp at it: a frame record for the code that trapped, so our
 * frame-pointer backtraces continue from trap() into the function that
 * faulted. GDB gets the same from the CFI below, which describes the
 * interrupted context exactly (even a function without a frame). The frame is 16-byte aligned at
 * the call: the CPU aligns before pushing 5 words, we push 2 + 15 + 2.
 */
#include <x86/segments.h>
#include <machine/frame.h>

	.cfi_sections .debug_frame

.macro VEC n, err=0
	.globl vec\n
vec\n:
	.if \err == 0
	pushq $0
	.endif
	pushq $\n
	jmp alltraps
.endm

	.text
	.p2align 4
	VEC 0
	VEC 1
	VEC 2
	VEC 3
	VEC 4
	VEC 5
	VEC 6
	VEC 7
	VEC 8, 1
	VEC 9
	VEC 10, 1
	VEC 11, 1
	VEC 12, 1
	VEC 13, 1
	VEC 14, 1
	VEC 15
	VEC 16
	VEC 17, 1
.irp n, 18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	VEC \n
.endr
	VEC 128
	VEC 255

	.globl alltraps
	.type alltraps, @function
alltraps:
	.cfi_startproc simple
	.cfi_signal_frame
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rbx
	pushq %rbp
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rbx                 /* %rbx = tf, callee-saved */
	/*
	 * For GDB: the caller's frame is the interrupted context. Its %rsp
	 * (the CFA) is tf->tf_sp, and its registers are in the frame, so the
	 * rules are DWARF expressions on %rbx (DW_OP_breg3 = 0x73, offsets
	 * in SLEB128): CFA = *(rbx + 160); each reg at rbx + its tf offset.
	 */
	.cfi_escape 0x0f, 0x04, 0x73, 0xa0, 0x01, 0x06  /* CFA = *(rbx+160) */
	.cfi_escape 0x10, 0x10, 0x03, 0x73, 0x88, 0x01  /* rip at rbx+136 */
	.cfi_escape 0x10, 0x06, 0x03, 0x73, 0xd0, 0x00  /* rbp at rbx+80 */
	.cfi_escape 0x10, 0x03, 0x03, 0x73, 0xd8, 0x00  /* rbx at rbx+88 */
	.cfi_escape 0x10, 0x0c, 0x02, 0x73, 0x18        /* r12 at rbx+24 */
	.cfi_escape 0x10, 0x0d, 0x02, 0x73, 0x10        /* r13 at rbx+16 */
	.cfi_escape 0x10, 0x0e, 0x02, 0x73, 0x08        /* r14 at rbx+8 */
	.cfi_escape 0x10, 0x0f, 0x02, 0x73, 0x00        /* r15 at rbx+0 */
	pushq TF_OFF_PC(%rbx)
	pushq TF_OFF_FP(%rbx)
	movq %rsp, %rbp
	movq %rbx, %rdi
	call trap
	movq %rbx, %rsp
	.globl trapret
trapret:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rbp
	popq %rbx
	popq %rdx
	popq %rcx
	popq %rax
	addq $16, %rsp                  /* vector number and error code */
	iretq
	.cfi_endproc
	.size alltraps, . - alltraps

	.section .rodata
	.globl idt_vectors
idt_vectors:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad vec\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad vec\n
.endr
	.quad vec128
	.quad vec255

	/*
	 * void md_enter_user(struct trapframe *tf): leaves the kernel through
	 * the ordinary trap exit, with tf (built on this thread's kernel
	 * stack) as the frame to return to.
	 */
	.text
	.globl md_enter_user
md_enter_user:
	movq %rdi, %rsp
	jmp trapret
