/*
 * The printf engine (format.c), shared by the string functions in
 * format.c and the FILE functions in printf.c. A sink receives the output
 * in pieces; the engine never allocates.
 */
#ifndef _LIBC_FORMAT_H_
#define _LIBC_FORMAT_H_

#include <stdarg.h>
#include <stddef.h>

struct fmt_sink {
	/* Called with each piece of output, n > 0 bytes (not NUL-terminated). */
	void (*put)(struct fmt_sink *sink, const char *s, size_t n);
};

/*
 * Formats fmt with the arguments in ap into sink.
 * => returns the number of bytes produced, or -1 (EOVERFLOW) if that is
 *    more than INT_MAX (the output was still produced).
 */
int __vformat(struct fmt_sink *sink, const char *fmt, va_list ap);

#endif
