/*
 * Machine-dependent hooks used by machine-independent kernel code.
 * The list is the same on every arch; only the implementations differ.
 *
 *   cpu_intr_save/restore/disable/enable/enabled, cpu_halt, cpu_idle,
 *   cpu_spin_hint, cpu_cycles                    (x86/cpu.h)
 *   md_trapframe_pc/fp/sp, md_trapframe_is_user  (here, machine/frame.h)
 *   md_trapframe_print, md_regs_print            (machdep.c)
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_

#include <stdint.h>
#include <stdbool.h>
#include <x86/cpu.h>
#include <machine/frame.h>

static inline uintptr_t md_trapframe_pc(struct trapframe *tf) { return tf->tf_pc; }
static inline uintptr_t md_trapframe_fp(struct trapframe *tf) { return tf->tf_fp; }
static inline bool md_trapframe_is_user(struct trapframe *tf) { return (tf->tf_cs & 3) != 0; }

/* Prints every register of the frame, and CR0, CR2, CR3, CR4. */
void md_trapframe_print(struct trapframe *tf);
/* Prints the current control registers (for a panic outside a trap). */
void md_regs_print(void);

#endif
