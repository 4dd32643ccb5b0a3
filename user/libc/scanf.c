/*
 * The scanf family over one engine, vscan(), that reads characters from a
 * source: a string (sscanf) or a FILE (fscanf, scanf; through getc and
 * ungetc, so at most one character is pushed back, as in every stdio).
 *
 * Conversions: %d %i %u %o %x %X %c %s %[...] %f %e %g %E %G %a %p %n %%,
 * with * (assign nothing), a width, and the length modifiers hh h l ll
 * j z t L (L and l with floats: double and long double). White space in
 * the format matches any amount of input white space. The result is the
 * number of assignments, or EOF if the input ended before the first
 * conversion.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct source {
	int (*get)(struct source *);
	void (*unget)(struct source *, int);
	const char *s;                  /* sscanf */
	FILE *f;                        /* fscanf */
	long count;                     /* characters consumed, for %n */
};

static int str_get(struct source *src)
{
	return *src->s ? (unsigned char)*src->s++ : EOF;
}

static void str_unget(struct source *src, int c)
{
	src->s--;
}

static int file_get(struct source *src)
{
	return getc(src->f);
}

static void file_unget(struct source *src, int c)
{
	ungetc(c, src->f);
}

static int next(struct source *src)
{
	int c = src->get(src);

	if (c != EOF)
		src->count++;
	return c;
}

static void back(struct source *src, int c)
{
	if (c != EOF) {
		src->unget(src, c);
		src->count--;
	}
}

static void skip_space(struct source *src)
{
	int c;

	while ((c = next(src)) != EOF && isspace(c))
		;
	back(src, c);
}

enum len { L_HH, L_H, L_NONE, L_L, L_LL, L_J, L_Z, L_T, L_LD };

/* Stores an integer through the next argument as the length says. */
static void store_int(va_list *ap, enum len len, uintmax_t v)
{
	switch (len) {
	case L_HH: *va_arg(*ap, char *) = (char)v; break;
	case L_H: *va_arg(*ap, short *) = (short)v; break;
	case L_L: *va_arg(*ap, long *) = (long)v; break;
	case L_LL: case L_LD: *va_arg(*ap, long long *) = (long long)v; break;
	case L_J: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
	case L_Z: *va_arg(*ap, size_t *) = (size_t)v; break;
	case L_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

#define FIELD_MAX       512             /* the longest number we read */

/*
 * Reads the longest prefix of the input (at most width characters) that
 * can start a number of this base (0: C's prefixes), into buf.
 * Returns its length.
 */
static int read_int_field(struct source *src, char *buf, int width, int base)
{
	int n = 0, c = next(src);

	if (n < width && (c == '+' || c == '-')) {
		buf[n++] = (char)c;
		c = next(src);
	}
	if (n < width && c == '0' && (base == 0 || base == 16)) {
		buf[n++] = (char)c;
		c = next(src);
		if (n < width && (c == 'x' || c == 'X')) {
			int d = next(src);
			back(src, d);
			if (isxdigit(d)) {
				buf[n++] = (char)c;
				c = next(src);
				base = 16;
			}
		}
		if (base == 0)
			base = 8;
	}
	if (base == 0)
		base = 10;
	while (n < width && n < FIELD_MAX - 1 && c != EOF &&
	    (base == 16 ? isxdigit(c) : isdigit(c) && c - '0' < base)) {
		buf[n++] = (char)c;
		c = next(src);
	}
	back(src, c);
	buf[n] = '\0';
	return n;
}

/* The same for a floating-point number (strtod's syntax; nan without its "(...)"). */
static int read_float_field(struct source *src, char *buf, int width)
{
	int n = 0, c = next(src), digits = 0, hex = 0, point = 0;

	if (n < width && (c == '+' || c == '-')) {
		buf[n++] = (char)c;
		c = next(src);
	}
	if (n < width && (c == 'i' || c == 'I' || c == 'n' || c == 'N')) {
		const char *word = tolower(c) == 'i' ? "infinity" : "nan";
		int k = 0;
		while (n < width && word[k] && tolower(c) == word[k]) {
			buf[n++] = (char)c;
			k++;
			c = next(src);
		}
		back(src, c);
		buf[n] = '\0';
		return k == 3 || k == 8 ? n : 0;
	}
	if (n < width && c == '0') {
		buf[n++] = (char)c;
		digits = 1;
		c = next(src);
		if (n < width && (c == 'x' || c == 'X')) {
			buf[n++] = (char)c;
			c = next(src);
			hex = 1;
		}
	}
	for (; n < width && n < FIELD_MAX - 1 && c != EOF; c = next(src)) {
		if (c == '.' && !point)
			point = 1;
		else if (hex ? isxdigit(c) : isdigit(c))
			digits = 1;
		else
			break;
		buf[n++] = (char)c;
	}
	if (digits && n < width - 1 && (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
		int m = n;
		buf[m++] = (char)c;
		c = next(src);
		if (m < width && (c == '+' || c == '-')) {
			buf[m++] = (char)c;
			c = next(src);
		}
		if (m < width && isdigit(c)) {
			n = m;
			while (n < width && n < FIELD_MAX - 1 && isdigit(c)) {
				buf[n++] = (char)c;
				c = next(src);
			}
		}
		/* else: "1e" reads as 1, and the 'e' is lost (only one push-back) */
	}
	back(src, c);
	buf[n] = '\0';
	return digits ? n : 0;
}

/* Parses a scanset after "%[" into set; returns the format after ']'. */
static const char *scanset(const char *fmt, unsigned char set[256])
{
	int invert = *fmt == '^';

	if (invert)
		fmt++;
	memset(set, 0, 256);
	if (*fmt == ']')
		set[(unsigned char)*fmt++] = 1;
	for (; *fmt && *fmt != ']'; fmt++) {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
			for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++)
				set[c] = 1;
			fmt += 2;
		} else {
			set[(unsigned char)*fmt] = 1;
		}
	}
	if (invert)
		for (int c = 0; c < 256; c++)
			set[c] = !set[c];
	return *fmt ? fmt + 1 : fmt;
}

static int vscan(struct source *src, const char *fmt, va_list ap0)
{
	va_list ap;
	int nassigned = 0, nconv = 0;
	char buf[FIELD_MAX];

	va_copy(ap, ap0);
	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(src);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				skip_space(src);
			}
			int c = next(src);
			if (c != (unsigned char)*fmt) {
				back(src, c);
				if (c == EOF && nconv == 0)
					nassigned = EOF;
				break;
			}
			continue;
		}
		fmt++;
		int skip = *fmt == '*', width = 0;
		if (skip)
			fmt++;
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		enum len len = L_NONE;
		switch (*fmt) {
		case 'h': len = fmt[1] == 'h' ? L_HH : L_H; fmt += len == L_HH ? 2 : 1; break;
		case 'l': len = fmt[1] == 'l' ? L_LL : L_L; fmt += len == L_LL ? 2 : 1; break;
		case 'j': len = L_J; fmt++; break;
		case 'z': len = L_Z; fmt++; break;
		case 't': len = L_T; fmt++; break;
		case 'L': len = L_LD; fmt++; break;
		}
		int conv = (unsigned char)*fmt;
		if (conv == '\0')
			break;
		if (conv == 'n') {
			if (!skip)
				store_int(&ap, len, (uintmax_t)src->count);
			continue;
		}
		if (conv != 'c' && conv != '[')
			skip_space(src);
		int c = next(src);
		if (c == EOF) {
			if (nconv == 0)
				nassigned = EOF;
			break;
		}
		back(src, c);
		nconv++;
		if (conv == 'c' || conv == 's' || conv == '[') {
			unsigned char set[256];
			if (conv == '[') {
				fmt = scanset(fmt + 1, set) - 1;
			} else {
				memset(set, 1, sizeof(set));
				if (conv == 's')
					for (int i = 0; i < 256; i++)
						set[i] = !isspace(i);
			}
			if (width == 0)
				width = conv == 'c' ? 1 : INT32_MAX;
			char *out = skip ? NULL : va_arg(ap, char *);
			int n = 0;
			while (n < width && (c = next(src)) != EOF && set[c]) {
				if (out)
					out[n] = (char)c;
				n++;
			}
			if (n < width)
				back(src, c);
			if (n == 0 || (conv == 'c' && n < width))
				break;
			if (out && conv != 'c')
				out[n] = '\0';
			nassigned += out != NULL;
			continue;
		}
		if (width == 0 || width > FIELD_MAX - 1)
			width = FIELD_MAX - 1;
		if (strchr("aefgAEFG", conv)) {
			if (read_float_field(src, buf, width) == 0)
				break;
			if (skip)
				continue;
			double d = strtod(buf, NULL);
			if (len == L_L)
				*va_arg(ap, double *) = d;
			else if (len == L_LD)
				*va_arg(ap, long double *) = d;
			else
				*va_arg(ap, float *) = (float)d;
			nassigned++;
			continue;
		}
		int base;
		switch (conv) {
		case 'd': case 'u': base = 10; break;
		case 'i': base = 0; break;
		case 'o': base = 8; break;
		case 'x': case 'X': case 'p': base = 16; break;
		default: goto out;              /* an unknown conversion ends the scan */
		}
		int n = read_int_field(src, buf, width, base);
		if (n == 0 || !isxdigit((unsigned char)buf[n - 1]))
			break;
		if (skip)
			continue;
		uintmax_t v = conv == 'd' || conv == 'i' ? (uintmax_t)strtoll(buf, NULL, base) :
		    (uintmax_t)strtoull(buf, NULL, base);
		if (conv == 'p')
			*va_arg(ap, void **) = (void *)(uintptr_t)v;
		else
			store_int(&ap, len, v);
		nassigned++;
	}
out:
	va_end(ap);
	return nassigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct source src = { .get = str_get, .unget = str_unget, .s = s };

	return vscan(&src, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct source src = { .get = file_get, .unget = file_unget, .f = f };

	return vscan(&src, fmt, ap);
}

int fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int scanf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
