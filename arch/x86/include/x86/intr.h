/* Interrupt controller hooks (the 8259 PIC pair, arch/x86/pic.c). */
#ifndef _X86_INTR_H_
#define _X86_INTR_H_

#include <stdbool.h>

void md_intr_init(void);                /* remap to vectors 32-47, all masked */
void md_intr_unmask(int irq);
void md_intr_eoi(int irq);
bool md_intr_spurious(int irq);         /* true for a spurious IRQ 7 or 15 */

#endif
