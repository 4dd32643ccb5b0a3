/*
 * The console: output goes to the serial port (COM1) and the VGA text
 * screen; input comes from the serial port's receive interrupt.
 */
#ifndef _KERNEL_CONSOLE_H_
#define _KERNEL_CONSOLE_H_

void cons_init(void);           /* polled output works after this */
void cons_putc(int c);
int  cons_getc(void);           /* next input character, or -1 if none */
void cons_input(int c);         /* called by the UART interrupt handler */

#endif
