/*
 * The console: output goes to the serial port (COM1) and the VGA text
 * screen; input comes from the serial port's receive interrupt.
 *
 * The console lock keeps one printf's output together: other threads and
 * interrupt handlers wait until it is out. It is a spinlock, so printf
 * works anywhere and never sleeps. Panic output always gets through:
 * cons_lock() does not wait for a lock its own thread holds (a panic in
 * the middle of a printf) or one that stays held for too long.
 */
#ifndef _KERNEL_CONSOLE_H_
#define _KERNEL_CONSOLE_H_

#include <stdbool.h>

void cons_init(void);           /* polled output works after this */
/* Registers the serial receive interrupt. => after md_intr_init. */
void cons_intr_init(void);
void cons_putc(int c);
int  cons_getc(void);           /* next input character, or -1 if none */
void cons_input(int c);         /* called by the UART interrupt handler */

/*
 * Takes the console lock (masking interrupts) for a run of output.
 * Returns whether it did; give that to cons_unlock.
 */
bool cons_lock(void);
void cons_unlock(bool locked);

#endif
