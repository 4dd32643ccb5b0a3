/*
 * The two cascaded 8259A interrupt controllers of the PC. The master
 * serves IRQ 0-7, the slave IRQ 8-15 through the master's line 2. We remap
 * them to vectors 32-47 so they do not collide with CPU exceptions.
 */
#include <x86/cpufunc.h>
#include <x86/segments.h>
#include <machine/intr.h>

#define PIC1_CMD        0x20
#define PIC1_DATA       0x21
#define PIC2_CMD        0xa0
#define PIC2_DATA       0xa1
#define ICW1_INIT_ICW4  0x11
#define ICW4_8086       0x01
#define OCW2_EOI        0x20
#define OCW3_READ_ISR   0x0b
#define PIC_CASCADE_IRQ 2

static uint16_t mask = 0xffff & ~(1 << PIC_CASCADE_IRQ);

static void pic_write_mask(void)
{
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void md_intr_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, T_IRQ0);                /* ICW2: vector base */
	outb(PIC2_DATA, T_IRQ0 + 8);
	outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);  /* ICW3: slave on line 2 */
	outb(PIC2_DATA, PIC_CASCADE_IRQ);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	pic_write_mask();
}

void md_intr_unmask(int irq)
{
	mask &= ~(1u << irq);
	pic_write_mask();
}

void md_intr_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}

/*
 * A spurious interrupt arrives as IRQ 7 (or 15) with its in-service bit
 * clear; it must not be acknowledged (except the master's cascade line
 * for a spurious IRQ 15).
 */
bool md_intr_spurious(int irq)
{
	if (irq != 7 && irq != 15)
		return false;
	uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
	outb(cmd, OCW3_READ_ISR);
	if (inb(cmd) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC1_CMD, OCW2_EOI);
	return true;
}
