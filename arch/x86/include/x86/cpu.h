/*
 * CPU hooks shared by both x86 arches and used by machine-independent
 * code through <machine/cpu.h>: interrupt masking, halting, features.
 */
#ifndef _X86_CPU_H_
#define _X86_CPU_H_

#include <stdbool.h>
#include <stdint.h>
#include <x86/cpufunc.h>
#include <x86/specialreg.h>
#include <machine/frame.h>

/* Disables interrupts and returns whether they were enabled. */
static inline unsigned long cpu_intr_save(void)
{
	unsigned long f = x86_read_flags();
	x86_cli();
	return f & PSL_IF;
}

static inline void cpu_intr_restore(unsigned long was_enabled)
{
	if (was_enabled)
		x86_sti();
}

static inline void cpu_intr_disable(void) { x86_cli(); }
static inline void cpu_intr_enable(void) { x86_sti(); }
static inline bool cpu_intr_enabled(void) { return (x86_read_flags() & PSL_IF) != 0; }
static inline void cpu_halt(void) { x86_hlt(); }
/* Waits for the next interrupt with interrupts enabled (the idle loop). */
static inline void cpu_idle(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
static inline void cpu_spin_hint(void) { x86_pause(); }
static inline uint64_t cpu_cycles(void) { return rdtsc(); }

/* Trap frames: both arches name the fields alike (machine/frame.h). */
static inline uintptr_t md_trapframe_pc(struct trapframe *tf) { return tf->tf_pc; }
static inline uintptr_t md_trapframe_fp(struct trapframe *tf) { return tf->tf_fp; }
/*
 * From user mode: a user code segment, or virtual-8086 mode, whose CS is
 * a real-mode segment and may look like a kernel selector (see trap()).
 */
static inline bool md_trapframe_is_user(struct trapframe *tf)
{
	return (tf->tf_cs & 3) != 0 || (tf->tf_flags & PSL_VM) != 0;
}

/* Prints every register of the frame, and CR0, CR2, CR3, CR4 (machdep.c). */
void md_trapframe_print(struct trapframe *tf);
/* Prints the current control registers (for a panic outside a trap). */
void md_regs_print(void);

struct x86_cpu_features {
	bool nx;                /* no-execute PTE bit, enabled in EFER */
	bool pge;               /* global pages */
	char vendor[13];
};
extern struct x86_cpu_features cpu_features;

/* Reads CPUID and turns on the features the kernel uses (EFER.NXE). */
void x86_cpu_init(void);
/* Prints the CPU vendor and features on the console. */
void x86_cpu_print(void);

#endif
