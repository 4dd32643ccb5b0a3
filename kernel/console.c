/*
 * Console multiplexer. Output is polled (it must work inside panic with
 * interrupts off); input is buffered in a ring filled from interrupt
 * context and drained by cons_getc().
 */
#include <machine/cpu.h>
#include "kernel/console.h"
#include "kernel/intr.h"
#include "kernel/lock.h"
#include "kernel/tty.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"

#define CONS_RINGSIZE   256
/* cons_lock's wait before it prints anyway; only a broken lock is held so long. */
#define CONS_LOCK_TRIES 10000000u

/* Lock legend: [i] cons_in_lock */
static struct spinlock cons_out_lock = SPINLOCK_INITIALIZER("cons");
static struct spinlock cons_in_lock = SPINLOCK_INITIALIZER("cons input");
static struct {
	char buf[CONS_RINGSIZE];        /* [i] */
	unsigned rpos, wpos;            /* [i] free-running; wpos - rpos <= CONS_RINGSIZE */
} ring;

void cons_init(void)
{
	uart_init();
	vga_init();
}

static void cons_uart_intr(void *arg)
{
	uart_intr();
}

void cons_intr_init(void)
{
	intr_establish(UART_IRQ, cons_uart_intr, NULL, "com1");
}

void cons_putc(int c)
{
	uart_putc(c);
	vga_putc(c);
}

bool cons_lock(void)
{
	/* A panic or fault in the middle of our own output: go ahead. */
	if (spinlock_held(&cons_out_lock))
		return false;
	for (unsigned tries = 0; tries < CONS_LOCK_TRIES; tries++) {
		if (spinlock_tryenter(&cons_out_lock))
			return true;
		cpu_spin_hint();
	}
	/* Stuck (a broken lock, another CPU panicking): garbled beats silent. */
	return false;
}

void cons_unlock(bool locked)
{
	if (locked)
		spinlock_exit(&cons_out_lock);
}

void cons_input(int c)
{
	spinlock_enter(&cons_in_lock);
	if (ring.wpos - ring.rpos < CONS_RINGSIZE)
		ring.buf[ring.wpos++ % CONS_RINGSIZE] = (char)c;
	spinlock_exit(&cons_in_lock);
	tty_input(c);                   /* the terminal, once a process opened it */
}

int cons_getc(void)
{
	int c = -1;

	spinlock_enter(&cons_in_lock);
	if (ring.rpos != ring.wpos)
		c = (unsigned char)ring.buf[ring.rpos++ % CONS_RINGSIZE];
	spinlock_exit(&cons_in_lock);
	return c;
}
