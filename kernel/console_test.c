/* Tests of the console devices: VGA output and serial input interrupts. */
#include "kernel/ktest.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/intr.h"
#include "kernel/printf.h"
#include "kernel/thread.h"
#include "kernel/tty.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"

KTEST(console_output_reaches_vga)
{
	char marker[32];

	snprintf(marker, sizeof(marker), "vga-marker-%u", (unsigned)ktest_random(kt));
	KT_ASSERT(!vga_screen_contains(marker));
	printf("console test: %s\n", marker);
	KT_ASSERT(vga_screen_contains(marker));
}

/*
 * With the UART in loopback, what we send comes back through the receive
 * interrupt (IRQ 4) into the console's input ring.
 */
KTEST(console_serial_input_interrupt)
{
	const char *msg = "uvix!";
	uint64_t irqs = intr_count(UART_IRQ);
	char got[8];
	int n = 0;

	while (cons_getc() != -1)       /* drop anything typed earlier */
		;
	bool tty_was = tty_set_active(false);   /* its echo would loop back */
	uart_set_loopback(true);
	for (const char *p = msg; *p; p++)
		uart_putc(*p);
	for (int waited = 0; n < 5 && waited < 50; waited++) {
		int c;
		while (n < 5 && (c = cons_getc()) != -1)
			got[n++] = (char)c;
		if (n < 5)
			thread_sleep(1);
	}
	uart_set_loopback(false);
	tty_set_active(tty_was);
	KT_ASSERT_EQ(n, 5);
	for (int i = 0; i < 5; i++)
		KT_ASSERT_EQ(got[i], msg[i]);
	KT_ASSERT(intr_count(UART_IRQ) > irqs);
}
