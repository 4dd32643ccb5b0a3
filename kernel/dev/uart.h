/* 16550 UART on COM1: polled output, interrupt-driven input (IRQ 4). */
#ifndef _KERNEL_DEV_UART_H_
#define _KERNEL_DEV_UART_H_

#include <stdbool.h>

#define UART_IRQ 4

void uart_init(void);
void uart_putc(int c);
void uart_intr(void);           /* drains received bytes into the console */
/*
 * Loopback (for tests): what is sent is received, through the receive
 * interrupt, and nothing leaves on the line.
 */
void uart_set_loopback(bool on);

#endif
