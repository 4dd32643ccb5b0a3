/* Machine-independent view of traps (the dispatcher is arch/x86/trap.c). */
#ifndef _KERNEL_TRAP_H_
#define _KERNEL_TRAP_H_

#include <stdbool.h>
#include <stdint.h>
#include <machine/types.h>
#include "kernel/backtrace.h"

struct trapframe;

void trap(struct trapframe *tf);
/* True if addr lies in the unmapped guard page below curthread's stack. */
bool trap_in_stack_guard(vaddr_t addr);
/* Reports a double fault, given the faulting context, and panics. */
void trap_double_fault(uintptr_t pc, uintptr_t sp, uintptr_t fp) __attribute__((noreturn));

#endif
