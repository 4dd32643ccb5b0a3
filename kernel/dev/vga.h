/* VGA text mode (80x25 at physical 0xb8000), output only. */
#ifndef _KERNEL_DEV_VGA_H_
#define _KERNEL_DEV_VGA_H_

#include <stdbool.h>

void vga_init(void);
void vga_putc(int c);
/* True if s appears on one row of the screen (for tests). */
bool vga_screen_contains(const char *s);

#endif
