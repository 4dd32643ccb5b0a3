/*
 * 16550 UART driver for COM1 at 115200 8N1.
 *
 *   port   register (DLAB=0)         port   register
 *   +0     data (RBR/THR)            +3     line control (LCR)
 *   +1     interrupt enable (IER)    +4     modem control (MCR)
 *   +2     FIFO control (FCR)        +5     line status (LSR)
 */
#include <x86/cpufunc.h>
#include "kernel/dev/uart.h"
#include "kernel/console.h"

#define COM1            0x3f8
#define UART_DATA       0
#define UART_IER        1
#define UART_FCR        2
#define UART_LCR        3
#define UART_MCR        4
#define UART_LSR        5
#define IER_RX          0x01
#define LCR_DLAB        0x80
#define LCR_8N1         0x03
#define MCR_DTR_RTS_OUT2 0x0b   /* OUT2 gates the interrupt line */
#define MCR_LOOPBACK    0x10
#define FCR_ENABLE_CLEAR 0x07
#define LSR_RX_READY    0x01
#define LSR_TX_EMPTY    0x20
#define DIVISOR_115200  1

static int uart_present;

void uart_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, DIVISOR_115200);
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
	/* A missing UART reads back as 0xff. */
	uart_present = inb(COM1 + UART_LSR) != 0xff;
	if (uart_present)
		outb(COM1 + UART_IER, IER_RX);
}

static void uart_tx(int c)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1 + UART_LSR) & LSR_TX_EMPTY)
			break;
	outb(COM1 + UART_DATA, (unsigned char)c);
}

void uart_putc(int c)
{
	if (!uart_present)
		return;
	if (c == '\n')
		uart_tx('\r');
	uart_tx(c);
}

void uart_intr(void)
{
	while (inb(COM1 + UART_LSR) & LSR_RX_READY) {
		int c = inb(COM1 + UART_DATA);
		cons_input(c == '\r' ? '\n' : c);
	}
}

void uart_set_loopback(bool on)
{
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2 | (on ? MCR_LOOPBACK : 0));
}
