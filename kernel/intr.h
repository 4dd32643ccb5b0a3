/*
 * Device interrupts: drivers register a handler for an IRQ line; trap()
 * calls intr_dispatch(). The interrupt controller is behind the
 * <machine/intr.h> hooks (the 8259 PIC on x86).
 */
#ifndef _KERNEL_INTR_H_
#define _KERNEL_INTR_H_

#include <stdbool.h>
#include <stdint.h>

#define NIRQ 16

typedef void (*intr_handler_t)(void *arg);

/* Installs fn for irq and unmasks the line. One handler per line. */
void intr_establish(int irq, intr_handler_t fn, void *arg, const char *name);
/* Called from trap() with interrupts disabled. */
void intr_dispatch(int irq);
/* How many interrupts irq has delivered since boot. */
uint64_t intr_count(int irq);
/* Nesting depth: > 0 while running an interrupt handler. */
extern int intr_depth;
/* The interrupt being handled came from user mode (set by trap() before intr_dispatch). */
extern bool intr_user;

#endif
