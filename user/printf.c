/*
 * printf format [argument ...]: print the arguments under the format, as
 * printf(3) would, reusing the format while arguments are left. It knows
 * %s %b %c %d %i %u %o %x %X %e %f %g %%, flags, width and precision, and
 * the escapes \\ \a \b \f \n \r \t \v \NNN (octal) and \c (stop).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;

/* Writes the escape at *p (after the backslash); returns 1 for \c. */
static int escape(const char **p)
{
	static const char from[] = "\\abfnrtv", to[] = "\\\a\b\f\n\r\t\v";
	const char *e = **p ? strchr(from, **p) : NULL;

	if (**p == 'c')
		return 1;
	if (e) {
		putchar(to[e - from]);
		(*p)++;
	} else if (**p >= '0' && **p <= '7') {
		int v = 0;
		for (int i = 0; i < 3 && **p >= '0' && **p <= '7'; i++)
			v = v * 8 + *(*p)++ - '0';
		putchar(v);
	} else {
		putchar('\\');
	}
	return 0;
}

static long long int_arg(const char *s)
{
	char *end;

	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	long long v = strtoll(s, &end, 0);
	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "printf: %s: expected a number\n", s);
		status = 1;
	}
	return v;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fprintf(stderr, "usage: printf format [argument ...]\n");
		return 2;
	}
	const char *fmt = argv[1];
	int a = 2;
	do {
		int used = 0;
		for (const char *p = fmt; *p;) {
			if (*p == '\\') {
				p++;
				if (escape(&p))
					return status;
				continue;
			}
			if (*p != '%') {
				putchar(*p++);
				continue;
			}
			if (p[1] == '%') {
				putchar('%');
				p += 2;
				continue;
			}
			char spec[32];
			size_t n = strspn(p + 1, "-+ #0123456789.") + 1;
			if (n > sizeof(spec) - 4 || p[n] == '\0') {
				fprintf(stderr, "printf: %s: bad conversion\n", p);
				return 1;
			}
			char conv = p[n];
			const char *arg = a < argc ? argv[a++] : NULL;
			used = 1;
			memcpy(spec, p, n);
			p += n + 1;
			if (strchr("diouxX", conv)) {
				strcpy(spec + n, "ll");
				spec[n + 2] = conv;
				spec[n + 3] = '\0';
				printf(spec, arg ? int_arg(arg) : 0LL);
			} else if (strchr("eEfgG", conv)) {
				spec[n] = conv;
				spec[n + 1] = '\0';
				printf(spec, arg ? strtod(arg, NULL) : 0.0);
			} else if (conv == 'c') {
				if (arg && *arg)
					putchar(*arg);
			} else if (conv == 's' || conv == 'b') {
				spec[n] = 's';
				spec[n + 1] = '\0';
				if (conv == 'b') {
					for (const char *q = arg ? arg : ""; *q;) {
						if (*q == '\\') {
							q++;
							if (escape(&q))
								return status;
						} else {
							putchar(*q++);
						}
					}
				} else {
					printf(spec, arg ? arg : "");
				}
			} else {
				fprintf(stderr, "printf: %%%c: unknown conversion\n", conv);
				return 1;
			}
		}
		if (!used)
			break;
	} while (a < argc);
	return status;
}
