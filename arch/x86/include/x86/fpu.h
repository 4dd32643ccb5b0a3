/*
 * The FPU and SSE state of a thread. The kernel itself never uses them
 * (it is built with -mgeneral-regs-only); user programs do (amd64's ABI
 * passes floating point in SSE registers), so each thread keeps its own
 * copy, switched on every context switch (eagerly: 512 bytes each way),
 * copied on fork, reset on exec, and saved in signal frames.
 *
 * fxsave/fxrstor when the CPU has them (CPUID FXSR), else the older
 * fnsave/frstor, which fit in the same area.
 */
#ifndef _X86_FPU_H_
#define _X86_FPU_H_

#include <stdint.h>

#define FPU_AREA_SIZE   512

struct md_fpu {
	uint8_t area[FPU_AREA_SIZE];
} __attribute__((aligned(16)));

/* Turns the FPU and SSE on (CR0, CR4) and records a clean state. Boot. */
void fpu_init(void);
/* A clean state: what a new program starts with. */
void md_fpu_clean(struct md_fpu *f);
/* Saves the registers into f / loads them from f. */
void md_fpu_save(struct md_fpu *f);
void md_fpu_restore(const struct md_fpu *f);
/* Makes a state that came from user space safe to load (reserved MXCSR bits). */
void md_fpu_sanitize(struct md_fpu *f);

#endif
