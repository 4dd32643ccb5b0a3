/*
 * Console multiplexer. Output is polled (it must work inside panic with
 * interrupts off); input is buffered in a ring filled from interrupt
 * context and drained by cons_getc().
 */
#include "kernel/console.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"

#define CONS_RINGSIZE 256

static struct {
	char buf[CONS_RINGSIZE];
	unsigned rpos, wpos;    /* free-running; wpos - rpos <= CONS_RINGSIZE */
} ring;

void cons_init(void)
{
	uart_init();
	vga_init();
}

void cons_putc(int c)
{
	uart_putc(c);
	vga_putc(c);
}

void cons_input(int c)
{
	if (ring.wpos - ring.rpos < CONS_RINGSIZE)
		ring.buf[ring.wpos++ % CONS_RINGSIZE] = (char)c;
}

int cons_getc(void)
{
	if (ring.rpos == ring.wpos)
		return -1;
	return (unsigned char)ring.buf[ring.rpos++ % CONS_RINGSIZE];
}
