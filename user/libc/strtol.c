/*
 * The string-to-integer conversions of stdlib.h and inttypes.h. All of
 * them parse with parse_magnitude(), which reads an optional sign and the
 * digits into an unsigned long long and notes an overflow; each function
 * then clamps the magnitude to its own type's range (ERANGE).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (islower(c))
		return c - 'a' + 10;
	if (isupper(c))
		return c - 'A' + 10;
	return 99;
}

/*
 * Reads [space][+|-][0x|0X][digits] in base (2 to 36, or 0: a 0x prefix
 * means 16, a leading 0 means 8, else 10).
 * => *end (if end) is set after the last digit, or to s if there is none
 *    ("0x" followed by no hex digit is the number 0 and "x" is not read).
 * => returns the magnitude; *neg tells the sign; *over is set if the
 *    magnitude does not fit an unsigned long long (it is then ULLONG_MAX).
 * => base out of range: EINVAL, 0, *end = s.
 */
static unsigned long long parse_magnitude(const char *s, char **end, int base,
    bool *neg, bool *over)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false;

	*neg = *over = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		any = true;
		if (v > (ULLONG_MAX - d) / base)
			*over = true;
		else
			v = v * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return *over ? ULLONG_MAX : v;
}

/* A signed conversion: the magnitude clamped to [min, max]. */
static long long to_signed(const char *s, char **end, int base, long long min, long long max)
{
	bool neg, over;
	unsigned long long m = parse_magnitude(s, end, base, &neg, &over);

	if (!neg && (over || m > (unsigned long long)max)) {
		errno = ERANGE;
		return max;
	}
	if (neg && (over || m > (unsigned long long)max + 1)) {
		errno = ERANGE;
		return min;
	}
	return neg ? (long long)(0 - m) : (long long)m;
}

/* An unsigned conversion: "-n" is the negation of n in the type, as C says. */
static unsigned long long to_unsigned(const char *s, char **end, int base, unsigned long long max)
{
	bool neg, over;
	unsigned long long m = parse_magnitude(s, end, base, &neg, &over);

	if (over || m > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (0 - m) & max : m;
}

long strtol(const char *s, char **end, int base)
{
	return (long)to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *s, char **end, int base)
{
	return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
	return to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return (unsigned long)to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, UINTMAX_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
