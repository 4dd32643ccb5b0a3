/*
 * Host shim for <machine/cpu.h>: nothing. The vm/ code takes spinlocks
 * (kernel/lock.h), which host_shim.c implements as flags.
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_
#endif
