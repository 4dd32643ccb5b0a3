/*
 * Kernel formatted output. Supported: %d %i %u %x %X %o %p %s %c %%, the
 * length modifiers l, ll, z, j, flags '-', '0' and '#', and a field width
 * (number or '*'). printf goes to every console (serial and VGA).
 */
#ifndef _KERNEL_PRINTF_H_
#define _KERNEL_PRINTF_H_

#include <stdarg.h>
#include <stddef.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
