/*
 * Machine-dependent hooks used by machine-independent kernel code.
 * The list is the same on every arch; only the implementations differ.
 *
 *   cpu_intr_save/restore/disable/enable/enabled, cpu_halt, cpu_idle,
 *   cpu_spin_hint, cpu_cycles                    (x86/cpu.h)
 *   md_trapframe_pc/fp, md_trapframe_is_user     (x86/cpu.h)
 *   md_trapframe_sp                              (machine/frame.h)
 *   md_trapframe_print, md_regs_print            (machdep.c)
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_
#include <x86/cpu.h>
#endif
