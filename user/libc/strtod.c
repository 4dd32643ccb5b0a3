/*
 * strtod and atof. The digits are gathered into a 64-bit integer (the
 * first 19 significant ones; the rest only move the exponent) and scaled
 * by a power of ten in x87 extended precision (long double, a 64-bit
 * mantissa), then rounded to double. That is within 1 ulp of the correctly
 * rounded result, and exact for the usual inputs; a correctly rounded
 * strtod would compare with big integers (not yet: glibc does, so the
 * host test allows 1 ulp). Accepted, as in C: leading white space, a
 * sign, decimal digits with a point and an exponent, hexadecimal
 * ("0x1.8p3"), "inf", "infinity" and "nan", in any case.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#define MAX_DIGITS      19              /* that fit in a uint64_t */
#define EXP_LIMIT       100000          /* beyond: surely 0 or inf */

/* 10^n for n >= 0 in long double, by squaring (exact up to 10^27). */
static long double pow10l(int n)
{
	long double r = 1, b = 10;

	for (; n; n >>= 1, b *= b)
		if (n & 1)
			r *= b;
	return r;
}

static int digit_value(int c, int base)
{
	int v = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
	return v < base ? v : -1;
}

/* Reads [+-]digits after an 'e' or 'p'; returns 0 (and leaves *sp) if there are none. */
static int read_exponent(const char **sp, long *exp)
{
	const char *s = *sp + 1;
	int neg = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (!isdigit((unsigned char)*s))
		return 0;
	long e = 0;
	for (; isdigit((unsigned char)*s); s++)
		if (e < EXP_LIMIT)
			e = e * 10 + (*s - '0');
	*exp = neg ? -e : e;
	*sp = s;
	return 1;
}

double strtod(const char *str, char **end)
{
	const char *s = str;
	int neg = 0, base = 10, ndig = 0, any = 0;
	uint64_t mant = 0;
	long exp = 0;                           /* value = mant * base^exp (2^exp for hex) */

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (strncasecmp(s, "inf", 3) == 0) {
		s += strncasecmp(s, "infinity", 8) == 0 ? 8 : 3;
		if (end)
			*end = (char *)s;
		return neg ? -HUGE_VAL : HUGE_VAL;
	}
	if (strncasecmp(s, "nan", 3) == 0) {
		s += 3;
		if (*s == '(') {
			const char *p = s + 1;
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (*p == ')')
				s = p + 1;
		}
		if (end)
			*end = (char *)s;
		return neg ? -NAN : NAN;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    (isxdigit((unsigned char)s[2]) || (s[2] == '.' && isxdigit((unsigned char)s[3])))) {
		base = 16;
		s += 2;
	}
	int max = base == 16 ? 15 : MAX_DIGITS, sticky = 0;
	for (int point = 0;; s++) {
		int v = digit_value((unsigned char)*s, base);
		if (*s == '.' && !point) {
			point = 1;
			continue;
		}
		if (v < 0)
			break;
		any = 1;
		if (mant == 0 && v == 0) {      /* leading zeros count for nothing */
			if (point)
				exp -= base == 16 ? 4 : 1;
			continue;
		}
		if (ndig < max) {
			mant = mant * base + v;
			ndig++;
			if (point)
				exp -= base == 16 ? 4 : 1;
		} else {
			sticky |= v != 0;
			if (!point)
				exp += base == 16 ? 4 : 1;
		}
	}
	if (!any) {
		if (end)
			*end = (char *)str;
		return 0;
	}
	long e2 = 0;
	if ((base == 10 && (*s == 'e' || *s == 'E')) || (base == 16 && (*s == 'p' || *s == 'P')))
		read_exponent(&s, &e2);
	if (end)
		*end = (char *)s;
	if (mant == 0)
		return neg ? -0.0 : 0.0;
	exp += e2;
	long double r;
	if (base == 16) {
		/* The dropped digits only matter for a tie: make it a little more. */
		mant = mant << 1 | sticky;
		r = (long double)mant;
		exp -= 1;
		/* 2^exp in steps that cannot overflow a long double exponent. */
		if (exp > 2000)
			exp = 2000;
		if (exp < -2200)
			exp = -2200;
		while (exp > 1000) { r *= 0x1p1000L; exp -= 1000; }
		while (exp < -1000) { r *= 0x1p-1000L; exp += 1000; }
		r *= (long double)ldexp(1.0, (int)exp);
	} else {
		long mag = exp + ndig;          /* the value is about 10^mag */
		if (mag > 310)
			r = HUGE_VAL;
		else if (mag < -330)
			r = 0;
		else
			r = exp < 0 ? (long double)mant / pow10l((int)-exp) :
			    (long double)mant * pow10l((int)exp);
	}
	double d = (double)r;
	if (isinf(d) || d == 0)
		errno = ERANGE;
	return neg ? -d : d;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
