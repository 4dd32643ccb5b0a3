/*
 * err.h (BSD): messages for utilities. warn("%s", path) prints
 * "prog: path: <strerror(errno)>" on stderr, warnx without the error;
 * err and errx do the same and then exit(status). "prog" is the last
 * component of argv[0].
 */
#ifndef _ERR_H_
#define _ERR_H_

#include <stdarg.h>

_Noreturn void err(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void errx(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* The program's name for messages (set at start from argv[0]). */
const char *getprogname(void);

#endif
