/*
 * The amd64 trap frame, as built by alltraps in vectors.S (lowest address
 * first). The hardware always pushes tf_pc..tf_ss in long mode; the stub
 * pushes the error code (or 0), the vector number and the registers.
 */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

#define TF_OFF_FP       80
#define TF_OFF_PC       136

#define MD_USER_REDZONE 128     /* the System V amd64 red zone */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trapframe {
	uint64_t tf_r15, tf_r14, tf_r13, tf_r12, tf_r11, tf_r10, tf_r9, tf_r8;
	uint64_t tf_rdi, tf_rsi;
	uint64_t tf_fp;                 /* %rbp */
	uint64_t tf_rbx, tf_rdx, tf_rcx, tf_rax;
	uint64_t tf_trapno, tf_err;
	uint64_t tf_pc;                 /* %rip */
	uint64_t tf_cs;
	uint64_t tf_flags;              /* %rflags */
	uint64_t tf_sp, tf_ss;
};

static inline uintptr_t md_trapframe_sp(struct trapframe *tf)
{
	return tf->tf_sp;
}

#endif /* !__ASSEMBLER__ */

#endif
