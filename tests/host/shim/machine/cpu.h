/*
 * Host shim for <machine/cpu.h>: only the interrupt mask, which is the
 * vm/ code's lock on one CPU. It is a flag here instead of EFLAGS.IF, so a
 * test can check that every vm/ call returns with the lock released
 * (host_intr_off false).
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_

#include <stdbool.h>

extern bool host_intr_off;      /* "interrupts masked": a vm/ lock is held */

/* Masks interrupts and returns whether they were enabled. */
static inline unsigned long cpu_intr_save(void)
{
	unsigned long was_enabled = !host_intr_off;
	host_intr_off = true;
	return was_enabled;
}

static inline void cpu_intr_restore(unsigned long was_enabled)
{
	if (was_enabled)
		host_intr_off = false;
}

#endif
