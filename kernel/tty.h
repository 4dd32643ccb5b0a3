/*
 * The console terminal: a line discipline over the serial console.
 * Input is cooked: characters are echoed and edited (backspace, ^U) until
 * a newline or ^D ends a line, which read(2) then returns. ^C posts
 * SIGINT to the foreground process group (tcsetpgrp), from a kernel
 * thread, since the receive interrupt cannot take the process lock.
 */
#ifndef _KERNEL_TTY_H_
#define _KERNEL_TTY_H_

#include <stdbool.h>
#include "kernel/abi/types.h"

/* Starts the tty thread; input goes to processes once the console is opened. */
void tty_init(void);
/* A received character (from the console's interrupt handler). */
void tty_input(int c);
/* The foreground process group: ^C goes there. */
void tty_set_fgpgrp(uvix_pid_t pgrp);
/* Turns the line discipline on or off (the UART loopback test); returns the old state. */
bool tty_set_active(bool on);

#endif
