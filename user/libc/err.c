/* err.h: warn, warnx, err, errx ("prog: message: error"), and getprogname. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libc.h"

const char *getprogname(void)
{
	return __progname;
}

/* Prints "prog: fmt..." and, if with_errno, ": strerror(e)", then a newline. */
static void message(int e, int with_errno, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", __progname);
	if (fmt != NULL) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(e), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)
{
	message(errno, 1, fmt, ap);
}

void vwarnx(const char *fmt, va_list ap)
{
	message(0, 0, fmt, ap);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	message(e, 1, fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(0, 0, fmt, ap);
	va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	message(e, 1, fmt, ap);
	va_end(ap);
	exit(status);
}

_Noreturn void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message(0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s: %s:%d: %s: assertion failed: %s\n", __progname, file, line,
	    func, expr);
	abort();
}
