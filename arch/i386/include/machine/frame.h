/*
 * The i386 trap frame, as built by alltraps in vectors.S (lowest address
 * first, so the last thing pushed comes first). The hardware pushes
 * tf_pc..tf_flags, and tf_sp/tf_ss only when the trap came from user mode;
 * the stub pushes the error code (or 0) and the vector number, then %ds,
 * %es, %fs, %gs, then pushal's eight registers (%edi lowest).
 */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

#define TF_OFF_FP       8
#define TF_OFF_PC       56

#define MD_USER_REDZONE 0       /* the i386 ABI has no red zone */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <x86/specialreg.h>

struct trapframe {
	uint32_t tf_edi, tf_esi;
	uint32_t tf_fp;                 /* %ebp */
	uint32_t tf_isp;                /* %esp from pushal, ignored */
	uint32_t tf_ebx, tf_edx, tf_ecx, tf_eax;
	uint32_t tf_gs, tf_fs, tf_es, tf_ds;    /* 16-bit values in 32-bit slots */
	uint32_t tf_trapno, tf_err;
	uint32_t tf_pc;                 /* %eip */
	uint32_t tf_cs;
	uint32_t tf_flags;              /* %eflags */
	uint32_t tf_sp, tf_ss;          /* user traps only */
};

/*
 * Kernel-mode traps push no %esp: the interrupted one is where tf_sp is.
 * User mode (a user segment, or virtual-8086 mode) pushes it.
 */
static inline uintptr_t md_trapframe_sp(struct trapframe *tf)
{
	return (tf->tf_cs & 3) || (tf->tf_flags & PSL_VM) ? tf->tf_sp : (uintptr_t)&tf->tf_sp;
}

#endif /* !__ASSEMBLER__ */

#endif
