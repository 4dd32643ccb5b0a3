/*
 * i386 trap and interrupt entry. Every vector has a stub that pushes an
 * error code (0 if the CPU pushed none) and the vector number, then jumps
 * to alltraps, which saves the registers as a struct trapframe (see
 * <machine/frame.h>) and calls trap(tf).
 *
 * Before the call, alltraps pushes { interrupted %eip, interrupted %ebp }
 * and points %ebp at it: a frame record for the code that trapped, so our
 * frame-pointer backtraces continue from trap() into the function that
 * faulted. GDB gets the same from the CFI below, which describes the
 * interrupted context exactly (even a function without a frame).
 */
#include <x86/segments.h>
#include <machine/frame.h>

	.cfi_sections .debug_frame

.macro VEC n, err=0
	.globl vec\n
vec\n:
	.if \err == 0
	pushl $0
	.endif
	pushl $\n
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
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movl $KDATA_SEL, %eax
	movw %ax, %ds
	movw %ax, %es
	movl %esp, %ebx                 /* %ebx = tf, callee-saved */
	/*
	 * For GDB: the caller's frame is the interrupted context, whose %esp
	 * (a kernel trap pushes none) is &tf->tf_sp = %ebx + 68, and whose
	 * registers are in the frame. Offsets are from that CFA.
	 */
	.cfi_def_cfa %ebx, 68
	.cfi_offset %eip, -12           /* tf_pc  at 56 */
	.cfi_offset %ebp, -60           /* tf_fp  at 8 */
	.cfi_offset %ebx, -52           /* tf_ebx at 16 */
	.cfi_offset %esi, -64           /* tf_esi at 4 */
	.cfi_offset %edi, -68           /* tf_edi at 0 */
	pushl TF_OFF_PC(%ebx)
	pushl TF_OFF_FP(%ebx)
	movl %esp, %ebp
	pushl %ebx
	call trap
	movl %ebx, %esp
	.globl trapret
trapret:
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp                   /* vector number and error code */
	iret
	.cfi_endproc
	.size alltraps, . - alltraps

	.section .rodata
	.globl idt_vectors
idt_vectors:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long vec\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.long vec\n
.endr
	.long vec128
	.long vec255

	/*
	 * void md_enter_user(struct trapframe *tf): leaves the kernel through
	 * the ordinary trap exit, with tf (built on this thread's kernel
	 * stack) as the frame to return to.
	 */
	.text
	.globl md_enter_user
md_enter_user:
	movl 4(%esp), %esp
	jmp trapret
