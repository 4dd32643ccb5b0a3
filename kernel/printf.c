/*
 * One formatter, two sinks: kvformat() calls an output function per
 * character, which is either the console or a bounded buffer.
 */
#include <stdint.h>
#include <stdbool.h>
#include "kernel/printf.h"
#include "kernel/console.h"

typedef void (*putc_fn)(int c, void *arg);

/* prefix is "-" for a negative number, "0x" for %#x, or "". */
static void out_num(putc_fn put, void *arg, uintmax_t v, unsigned base,
    bool upper, const char *prefix, int width, bool zero, bool left, int *count)
{
	char buf[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0, len, plen = 0;

	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (prefix[plen])
		plen++;
	len = n + plen;
	if (zero)
		for (int i = 0; i < plen; i++)
			put(prefix[i], arg), (*count)++;
	if (!left)
		for (; width > len; width--)
			put(zero ? '0' : ' ', arg), (*count)++;
	if (!zero)
		for (int i = 0; i < plen; i++)
			put(prefix[i], arg), (*count)++;
	while (n)
		put(buf[--n], arg), (*count)++;
	for (; left && width > len; width--)
		put(' ', arg), (*count)++;
}

static int kvformat(putc_fn put, void *arg, const char *fmt, va_list ap)
{
	int count = 0;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(*fmt, arg), count++;
			continue;
		}
		bool zero = false, left = false, alt = false;
		int width = 0, lng = 0;
		for (fmt++; *fmt == '0' || *fmt == '-' || *fmt == '#'; fmt++)
			*fmt == '0' ? (zero = true) : *fmt == '-' ? (left = true) : (alt = true);
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 'j')
				lng = (*fmt == 'z') ? 1 : 2;
			else
				break;
		}
		uintmax_t u;
		intmax_t s;
		switch (*fmt) {
		case 'd': case 'i':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			out_num(put, arg, s < 0 ? -(uintmax_t)s : (uintmax_t)s, 10,
			    false, s < 0 ? "-" : "", width, zero, left, &count);
			break;
		case 'u': case 'x': case 'X': case 'o':
			u = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			out_num(put, arg, u, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
			    *fmt == 'X', alt && u && (*fmt == 'x' || *fmt == 'X') ? "0x" : "",
			    width, zero, left, &count);
			break;
		case 'p':
			out_num(put, arg, (uintptr_t)va_arg(ap, void *), 16, false,
			    "0x", (int)sizeof(void *) * 2 + 2, true, false, &count);
			break;
		case 'c':
			put(va_arg(ap, int), arg), count++;
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len = 0;
			if (!str)
				str = "(null)";
			while (str[len])
				len++;
			for (; !left && width > len; width--)
				put(' ', arg), count++;
			for (int i = 0; i < len; i++)
				put(str[i], arg), count++;
			for (; left && width > len; width--)
				put(' ', arg), count++;
			break;
		}
		case '%':
			put('%', arg), count++;
			break;
		case '\0':
			return count;
		default:
			put('%', arg), put(*fmt, arg), count += 2;
		}
	}
	return count;
}

static void cons_sink(int c, void *arg)
{
	cons_putc(c);
}

/* One call's output stays together: see cons_lock. */
int vprintf(const char *fmt, va_list ap)
{
	bool locked = cons_lock();
	int n = kvformat(cons_sink, NULL, fmt, ap);

	cons_unlock(locked);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

struct bufsink {
	char *buf;
	size_t size, len;
};

static void buf_sink(int c, void *arg)
{
	struct bufsink *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = (char)c;
	b->len++;
}

/* Returns the length the full output would have had (like C99). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n = kvformat(buf_sink, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
