/*
 * 8254 PIT, channel 0. Its input clock runs at 1193182 Hz; in mode 2
 * (rate generator) the channel counts down from a divisor and raises
 * IRQ 0 each time it reaches 1, so it interrupts PIT_INPUT_HZ / divisor
 * times a second (HZ 100: divisor 11932, 99.998 Hz).
 *
 *   port 0x43, mode/command byte:
 *     7-6 channel (00: 0)   5-4 access (11: low byte, then high byte)
 *     3-1 mode (010: rate generator)   0 BCD (0: binary)  = 0x34
 *   port 0x40, channel 0 data: the divisor, low byte then high byte.
 */
#include <stddef.h>
#include <x86/cpufunc.h>
#include "kernel/dev/pit.h"
#include "kernel/clock.h"
#include "kernel/intr.h"
#include "kernel/panic.h"

#define PIT_INPUT_HZ    1193182u
#define PIT_CH0_DATA    0x40
#define PIT_MODE_CMD    0x43
#define PIT_CMD_CH0_LOHI_RATEGEN 0x34
#define PIT_DIVISOR_MAX 0xffffu

static void pit_intr(void *arg)
{
	hardclock();
}

void pit_init(unsigned hz)
{
	KASSERT(hz > 0);
	unsigned divisor = (PIT_INPUT_HZ + hz / 2) / hz;
	KASSERTMSG(divisor >= 2 && divisor <= PIT_DIVISOR_MAX, "%u Hz is out of range", hz);
	outb(PIT_MODE_CMD, PIT_CMD_CH0_LOHI_RATEGEN);
	outb(PIT_CH0_DATA, divisor & 0xff);
	outb(PIT_CH0_DATA, divisor >> 8);
	intr_establish(PIT_IRQ, pit_intr, NULL, "pit");
}
