/*
 * The printf engine: __vformat reads a format and sends the result to a
 * sink (format.h); vsnprintf and friends, the sinks into strings, are at
 * the end of this file, and the FILE ones are in printf.c.
 *
 * A conversion is %[flags][width][.precision][length]conversion:
 *
 *   flags       -  left-justify      +  sign always     space  sign or space
 *               #  alternate form (0x, leading 0, a point)
 *               0  pad with zeros (not with -, nor for integers with a
 *                  precision)
 *   width       a number or *: the minimum field width
 *   precision   .number or .*: minimum digits (integers), digits after
 *               the point (%f %e), significant digits (%g), bytes (%s)
 *   length      hh h l ll z j t L
 *   conversion  d i u x X o c s p n %   f F e E g G a A
 *
 * The output matches glibc's for every defined combination
 * (tests/host/test_ulibc.c compares them), with two exceptions: long
 * double (L) is printed as a double, and %p and %s print glibc's
 * "(nil)" and "(null)" for NULL.
 *
 * Floating point is exact: a double is a 53-bit integer times a power of
 * two, so its decimal expansion is finite (at most 767 significant
 * digits); struct digits produces those digits with a little big-number
 * arithmetic, and rounding is to nearest, ties to even, on the exact
 * value, as glibc does.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "format.h"

struct spec {
	bool minus, plus, space, alt, zero;
	int width;                      /* 0: none */
	int prec;                       /* -1: none */
};

struct out {
	struct fmt_sink *sink;
	size_t count;
};

enum length { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_J, L_T, L_BIGL };

static void emit(struct out *o, const char *s, size_t n)
{
	if (n > 0)
		o->sink->put(o->sink, s, n);
	o->count += n;
}

/* n copies of c (a space or '0'); nothing if n <= 0. */
static void fill(struct out *o, char c, long n)
{
	static const char spaces[] = "                ", zeros[] = "0000000000000000";

	while (n > 0) {
		int k = n < 16 ? (int)n : 16;
		emit(o, c == ' ' ? spaces : zeros, k);
		n -= k;
	}
}

/*
 * Pads and emits a field made of a prefix (sign, 0x) and a body of
 * bodylen bytes that body_fn emits: spaces before or after by the width,
 * or zeros between prefix and body when zero_pad.
 */
static void field(struct out *o, const struct spec *sp, bool zero_pad, const char *prefix,
    size_t bodylen, void (*body_fn)(struct out *, const void *), const void *arg)
{
	size_t plen = strlen(prefix);
	long padn = (long)sp->width - (long)(plen + bodylen);

	if (!sp->minus && !zero_pad)
		fill(o, ' ', padn);
	emit(o, prefix, plen);
	if (!sp->minus && zero_pad)
		fill(o, '0', padn);
	body_fn(o, arg);
	if (sp->minus)
		fill(o, ' ', padn);
}

/* ---- integers, characters, strings ---------------------------------- */

struct int_body {
	long zeros;                     /* from the precision */
	const char *digits;
	size_t ndigits;
};

static void int_body(struct out *o, const void *arg)
{
	const struct int_body *b = arg;

	fill(o, '0', b->zeros);
	emit(o, b->digits, b->ndigits);
}

/* An integer of magnitude v (negative if neg) in base 8, 10 or 16. */
static void format_int(struct out *o, const struct spec *sp, uintmax_t v, bool neg,
    bool is_signed, int base, bool upper)
{
	const char *xdigits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[3 * sizeof(uintmax_t) + 1], *end = buf + sizeof(buf), *p = end;
	char prefix[3] = "";
	uintmax_t orig = v;
	int prec = sp->prec;

	if (v != 0 || prec != 0) {
		do {
			*--p = xdigits[v % base];
			v /= base;
		} while (v != 0);
	}
	size_t nd = end - p;
	if (is_signed)
		strcpy(prefix, neg ? "-" : sp->plus ? "+" : sp->space ? " " : "");
	else if (sp->alt && base == 16 && orig != 0)
		strcpy(prefix, upper ? "0X" : "0x");
	if (sp->alt && base == 8 && (nd == 0 || *p != '0') && prec < (int)nd + 1)
		prec = nd + 1;                  /* %#o: the first digit is a 0 */
	struct int_body b = { prec > (int)nd ? prec - (long)nd : 0, p, nd };
	field(o, sp, sp->zero && sp->prec < 0, prefix, b.zeros + nd, int_body, &b);
}

struct str_body {
	const char *s;
	size_t n;
};

static void str_body(struct out *o, const void *arg)
{
	const struct str_body *b = arg;

	emit(o, b->s, b->n);
}

static void format_str(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	struct str_body b = { s, n };

	field(o, sp, false, "", n, str_body, &b);
}

/* ---- floating point: exact decimal digits --------------------------- */

/* A natural number in 32-bit words, least significant first. */
#define BIG_WORDS       40      /* 2^1024 and a 1074-bit fraction times 10 both fit */
struct big {
	uint32_t w[BIG_WORDS];
	int n;                          /* words in use; w[n..] are 0 */
};

/* b = m << shift. */
static void big_set(struct big *b, uint64_t m, int shift)
{
	memset(b, 0, sizeof(*b));
	int word = shift / 32, bit = shift % 32;
	uint64_t lo = m << bit, hi = bit ? m >> (64 - bit) : 0;
	b->w[word] = (uint32_t)lo;
	b->w[word + 1] = (uint32_t)(lo >> 32);
	b->w[word + 2] = (uint32_t)hi;
	b->n = word + 3;
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
}

/* b /= d; returns the remainder. */
static uint32_t big_div(struct big *b, uint32_t d)
{
	uint64_t r = 0;

	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t cur = r << 32 | b->w[i];
		b->w[i] = (uint32_t)(cur / d);
		r = cur % d;
	}
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
	return (uint32_t)r;
}

/* b *= m. */
static void big_mul(struct big *b, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t cur = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)cur;
		carry = cur >> 32;
	}
	if (carry != 0)
		b->w[b->n++] = (uint32_t)carry;
}

/*
 * The digits of a finite double v > 0, most significant first: those of
 * its integer part (intd), then those of its fraction F / 2^k, each the
 * integer part of F * 10 / 2^k, which is then cut back below 2^k.
 */
struct digit_source {
	char intd[320];                 /* 2^1024 has 309 digits */
	int nint, ipos;                 /* digits in intd, the next to hand out */
	struct big frac;
	int k;
};

static void source_init(struct digit_source *src, double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof(bits));
	int biased = (int)(bits >> 52) & 0x7ff;
	uint64_t mant = bits & ((1ull << 52) - 1);
	int e2 = -1074;                 /* subnormal: v = mant * 2^-1074 */
	if (biased != 0) {
		mant |= 1ull << 52;
		e2 = biased - 1075;
	}
	struct big ip;
	if (e2 >= 0) {
		big_set(&ip, mant, e2);
		big_set(&src->frac, 0, 0);
		src->k = 0;
	} else {
		src->k = -e2;
		big_set(&ip, src->k < 64 ? mant >> src->k : 0, 0);
		big_set(&src->frac, src->k < 64 ? mant & ((1ull << src->k) - 1) : mant, 0);
	}
	/* The integer part, nine digits at a time from the least significant. */
	char tmp[sizeof(src->intd)];
	int n = 0;
	while (ip.n > 0) {
		uint32_t chunk = big_div(&ip, 1000000000);
		for (int i = 0; i < 9; i++, chunk /= 10)
			tmp[n++] = (char)('0' + chunk % 10);
	}
	while (n > 0 && tmp[n - 1] == '0')
		n--;
	for (int i = 0; i < n; i++)
		src->intd[i] = tmp[n - 1 - i];
	src->nint = n;
	src->ipos = 0;
}

static int source_next(struct digit_source *src)
{
	if (src->ipos < src->nint)
		return src->intd[src->ipos++] - '0';
	if (src->frac.n == 0)
		return 0;
	big_mul(&src->frac, 10);
	int word = src->k / 32, bit = src->k % 32;
	uint64_t top = 0;
	if (word < src->frac.n)
		top = src->frac.w[word];
	if (word + 1 < src->frac.n)
		top |= (uint64_t)src->frac.w[word + 1] << 32;
	int digit = (int)(top >> bit) & 0xf;
	if (word < src->frac.n) {
		src->frac.w[word] &= (uint32_t)((1ull << bit) - 1);
		for (int i = word + 1; i < src->frac.n; i++)
			src->frac.w[i] = 0;
		src->frac.n = word + 1;
		while (src->frac.n > 0 && src->frac.w[src->frac.n - 1] == 0)
			src->frac.n--;
	}
	return digit;
}

/* Whether any digit after those handed out is not 0. */
static bool source_rest_nonzero(const struct digit_source *src)
{
	for (int i = src->ipos; i < src->nint; i++)
		if (src->intd[i] != '0')
			return true;
	return src->frac.n != 0;
}

/*
 * A rounded decimal: value = 0.d[0]d[1]...d[n-1] * 10^dp, digits past n
 * being 0; d[0] != '0' unless n == 0 (the value is 0).
 */
#define DIG_MAX 800                     /* > 767, the most a double has */
struct decimal {
	char d[DIG_MAX];
	int n, dp;
};

/* Adds one unit in the last kept digit: 9s carry; all 9s (or none kept) become 1, dp grows. */
static void round_up(struct decimal *dec)
{
	int i = dec->n - 1;

	while (i >= 0 && dec->d[i] == '9')
		dec->d[i--] = '0';
	if (i >= 0) {
		dec->d[i]++;
		return;
	}
	dec->d[0] = '1';
	if (dec->n == 0)
		dec->n = 1;
	dec->dp++;
}

/*
 * Rounds finite v >= 0 to nearest, ties to even: in mode 'f' to prec
 * digits after the point, in mode 'e' to prec + 1 significant digits.
 */
static void decimal_round(struct decimal *dec, double v, char mode, int prec)
{
	struct digit_source src;
	int first;

	dec->n = 0;
	dec->dp = 1;                    /* 0 is 0.(no digits) * 10^1: "0" before the point */
	if (v == 0)
		return;
	source_init(&src, v);
	if (src.nint > 0) {
		dec->dp = src.nint;
		first = source_next(&src);
	} else {
		dec->dp = 0;
		while ((first = source_next(&src)) == 0)
			dec->dp--;
	}
	long want = mode == 'e' ? (long)prec + 1 : (long)dec->dp + prec;
	int next;                       /* the first digit not kept */
	if (want <= 0) {
		next = want == 0 ? first : 0;
	} else {
		dec->d[dec->n++] = (char)('0' + first);
		while (dec->n < want && dec->n < DIG_MAX)
			dec->d[dec->n++] = (char)('0' + source_next(&src));
		next = dec->n < DIG_MAX ? source_next(&src) : 0;
	}
	bool sticky = want < 0 || source_rest_nonzero(&src);   /* want < 0: next is 0 */
	bool odd = dec->n > 0 && (dec->d[dec->n - 1] - '0') % 2 == 1;
	if (next > 5 || (next == 5 && (sticky || odd)))
		round_up(dec);
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')
		dec->n--;
	if (dec->n == 0 && mode == 'f')
		dec->dp = 1;
}

/* The i-th digit of dec, counting from the first after the point as 0. */
static char frac_digit(const struct decimal *dec, long i)
{
	long idx = dec->dp + i;

	return idx >= 0 && idx < dec->n ? dec->d[idx] : '0';
}

struct float_body {
	const struct decimal *dec;
	char style;                     /* 'f' or 'e' */
	int prec;
	bool point;                     /* print the decimal point */
	bool upper;
	int exp10;                      /* style 'e': the exponent */
};

/* Emits the digits of dec from index from to index to (exclusive), '0' outside. */
static void emit_digits(struct out *o, const struct decimal *dec, long from, long to)
{
	if (from < 0) {
		fill(o, '0', (to < 0 ? to : 0) - from);
		from = 0;
	}
	if (from < to && from < dec->n) {
		long end = to < dec->n ? to : dec->n;
		emit(o, dec->d + from, end - from);
		from = end;
	}
	fill(o, '0', to - from);
}

static void float_body(struct out *o, const void *arg)
{
	const struct float_body *b = arg;
	const struct decimal *dec = b->dec;

	if (b->style == 'f') {
		if (dec->dp > 0)
			emit_digits(o, dec, 0, dec->dp);
		else
			emit(o, "0", 1);
		if (b->point)
			emit(o, ".", 1);
		emit_digits(o, dec, dec->dp, (long)dec->dp + b->prec);
		return;
	}
	emit_digits(o, dec, 0, 1);
	if (b->point)
		emit(o, ".", 1);
	emit_digits(o, dec, 1, 1 + (long)b->prec);
	char exp[8];
	int e = b->exp10 < 0 ? -b->exp10 : b->exp10, n = 0;
	do {
		exp[n++] = (char)('0' + e % 10);
		e /= 10;
	} while (e != 0 || n < 2);
	emit(o, b->upper ? "E" : "e", 1);
	emit(o, b->exp10 < 0 ? "-" : "+", 1);
	while (n > 0)
		emit(o, &exp[--n], 1);
}

static size_t float_body_len(const struct float_body *b)
{
	size_t len = (b->point ? 1 : 0) + (size_t)b->prec;

	if (b->style == 'f')
		return len + (b->dec->dp > 0 ? (size_t)b->dec->dp : 1);
	int e = b->exp10 < 0 ? -b->exp10 : b->exp10, ndig = 1;
	while (e >= 10) {
		e /= 10;
		ndig++;
	}
	return len + 1 + 2 + (ndig < 2 ? 2 : ndig);
}

/* The i-th digit after the point in b (counting from 0). */
static char point_digit(const struct float_body *b, long i)
{
	if (b->style == 'f')
		return frac_digit(b->dec, i);
	return 1 + i < b->dec->n ? b->dec->d[1 + i] : '0';
}

/* %f %e %g (conv in either case): v is finite and not negative. */
static void format_decimal(struct out *o, const struct spec *sp, double v, char conv,
    const char *sign)
{
	struct decimal dec;
	struct float_body b = { .dec = &dec, .upper = conv >= 'A' && conv <= 'Z' };
	char c = (char)(conv | 0x20);
	int prec = sp->prec < 0 ? 6 : sp->prec;

	if (c == 'g') {
		/* P significant digits; %e style if the exponent X < -4 or X >= P. */
		int P = prec == 0 ? 1 : prec;
		decimal_round(&dec, v, 'e', P - 1);
		int X = dec.n == 0 ? 0 : dec.dp - 1;
		if (X >= -4 && X < P) {
			b.style = 'f';
			b.prec = P - 1 - X;
		} else {
			b.style = 'e';
			b.prec = P - 1;
			b.exp10 = X;
		}
		while (!sp->alt && b.prec > 0 && point_digit(&b, b.prec - 1) == '0')
			b.prec--;               /* %g: no trailing zeros, nor a bare point */
	} else if (c == 'e') {
		decimal_round(&dec, v, 'e', prec);
		b.style = 'e';
		b.prec = prec;
		b.exp10 = dec.n == 0 ? 0 : dec.dp - 1;
	} else {
		decimal_round(&dec, v, 'f', prec);
		b.style = 'f';
		b.prec = prec;
	}
	b.point = b.prec > 0 || sp->alt;
	field(o, sp, sp->zero, sign, float_body_len(&b), float_body, &b);
}

/* %a: hexadecimal, 0x1.hhhp+d (0x0.hhhp-1022 for subnormals), as glibc prints it. */
struct hex_body {
	char lead;
	bool point;
	char digits[13];
	int nd;
	long zeros;                     /* a precision above 13 digits */
	char exp[8];                    /* "p+1023" */
};

static void hex_body(struct out *o, const void *arg)
{
	const struct hex_body *b = arg;

	emit(o, &b->lead, 1);
	if (b->point)
		emit(o, ".", 1);
	emit(o, b->digits, b->nd);
	fill(o, '0', b->zeros);
	emit(o, b->exp, strlen(b->exp));
}

static void format_hex_float(struct out *o, const struct spec *sp, double v, const char *sign,
    bool upper)
{
	const char *xd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	struct hex_body b = { .zeros = sp->prec > 13 ? sp->prec - 13 : 0 };
	uint64_t bits;

	memcpy(&bits, &v, sizeof(bits));
	int biased = (int)(bits >> 52) & 0x7ff;
	uint64_t frac = bits & ((1ull << 52) - 1);
	int lead = biased != 0;
	int exp = biased != 0 ? biased - 1023 : frac != 0 ? -1022 : 0;
	int nd = 13;                    /* hex digits in frac */
	if (sp->prec >= 0 && sp->prec < 13) {
		/*
		 * Round lead.frac to prec digits, to nearest, ties to even
		 * (with prec 0 the lead is the last digit kept); a carry may
		 * make the lead 2, as in glibc.
		 */
		int drop = 4 * (13 - sp->prec);
		uint64_t full = (uint64_t)lead << 52 | frac;
		uint64_t rest = full & ((1ull << drop) - 1), half = 1ull << (drop - 1);
		full >>= drop;
		if (rest > half || (rest == half && (full & 1)))
			full++;
		nd = sp->prec;
		lead = (int)(full >> (4 * nd));
		frac = full & ((1ull << (4 * nd)) - 1);
	} else if (sp->prec < 0) {
		while (nd > 0 && (frac & 0xf) == 0) {
			frac >>= 4;
			nd--;
		}
	}
	b.lead = xd[lead];
	b.nd = nd;
	for (int i = 0; i < nd; i++)
		b.digits[i] = xd[(frac >> (4 * (nd - 1 - i))) & 0xf];
	b.point = nd > 0 || b.zeros > 0 || sp->alt;
	int e = exp < 0 ? -exp : exp, n = 0;
	char rev[8];
	do {
		rev[n++] = (char)('0' + e % 10);
		e /= 10;
	} while (e != 0);
	char *p = b.exp;
	*p++ = upper ? 'P' : 'p';
	*p++ = exp < 0 ? '-' : '+';
	while (n > 0)
		*p++ = rev[--n];
	*p = '\0';
	char prefix[4];
	strcpy(prefix, sign);
	strcat(prefix, upper ? "0X" : "0x");
	field(o, sp, sp->zero, prefix, 1 + b.point + nd + b.zeros + strlen(b.exp), hex_body, &b);
}

static void format_float(struct out *o, const struct spec *sp, double v, char conv)
{
	uint64_t bits;
	bool upper = conv >= 'A' && conv <= 'Z';

	memcpy(&bits, &v, sizeof(bits));
	bool neg = bits >> 63;
	const char *sign = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	if (((bits >> 52) & 0x7ff) == 0x7ff) {  /* inf and nan: never zero-padded */
		const char *s = (bits & ((1ull << 52) - 1)) ? (upper ? "NAN" : "nan") :
		    (upper ? "INF" : "inf");
		struct str_body b = { s, 3 };
		field(o, sp, false, sign, 3, str_body, &b);
		return;
	}
	if (neg)
		v = -v;
	if ((conv | 0x20) == 'a')
		format_hex_float(o, sp, v, sign, upper);
	else
		format_decimal(o, sp, v, conv, sign);
}

/* ---- the driver ----------------------------------------------------- */

/* Reads a decimal number at *fmt (a width or precision), saturating at INT_MAX. */
static int read_number(const char **fmt)
{
	long n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		n = n * 10 + (*(*fmt)++ - '0');
		if (n > INT_MAX)
			n = INT_MAX;
	}
	return (int)n;
}

static enum length read_length(const char **fmt)
{
	switch (*(*fmt)++) {
	case 'h':
		if (**fmt == 'h') {
			(*fmt)++;
			return L_HH;
		}
		return L_H;
	case 'l':
		if (**fmt == 'l') {
			(*fmt)++;
			return L_LL;
		}
		return L_L;
	case 'z': return L_Z;
	case 'j': return L_J;
	case 't': return L_T;
	case 'L': return L_BIGL;
	default:
		(*fmt)--;
		return L_NONE;
	}
}

int __vformat(struct fmt_sink *sink, const char *fmt, va_list ap)
{
	struct out o = { sink, 0 };

	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		if (pct == NULL) {
			emit(&o, fmt, strlen(fmt));
			break;
		}
		emit(&o, fmt, pct - fmt);
		fmt = pct + 1;

		struct spec sp = { .prec = -1 };
		for (;; fmt++) {
			if (*fmt == '-')
				sp.minus = true;
			else if (*fmt == '+')
				sp.plus = true;
			else if (*fmt == ' ')
				sp.space = true;
			else if (*fmt == '#')
				sp.alt = true;
			else if (*fmt == '0')
				sp.zero = true;
			else
				break;
		}
		if (*fmt == '*') {
			fmt++;
			int w = va_arg(ap, int);
			if (w < 0) {
				sp.minus = true;
				w = w == INT_MIN ? INT_MAX : -w;
			}
			sp.width = w;
		} else {
			sp.width = read_number(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				int p = va_arg(ap, int);
				sp.prec = p < 0 ? -1 : p;
			} else {
				sp.prec = read_number(&fmt);
			}
		}
		enum length len = read_length(&fmt);
		char conv = *fmt;
		if (conv == '\0') {           /* an unfinished conversion at the end: as is */
			emit(&o, pct, fmt - pct);
			break;
		}
		fmt++;

		uintmax_t u;
		intmax_t s;
		switch (conv) {
		case 'd':
		case 'i':
			switch (len) {
			case L_HH: s = (signed char)va_arg(ap, int); break;
			case L_H: s = (short)va_arg(ap, int); break;
			case L_L: s = va_arg(ap, long); break;
			case L_LL: s = va_arg(ap, long long); break;
			case L_Z: s = va_arg(ap, ptrdiff_t); break;     /* ssize_t */
			case L_J: s = va_arg(ap, intmax_t); break;
			case L_T: s = va_arg(ap, ptrdiff_t); break;
			default: s = va_arg(ap, int); break;
			}
			format_int(&o, &sp, s < 0 ? -(uintmax_t)s : (uintmax_t)s, s < 0, true, 10, false);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			switch (len) {
			case L_HH: u = (unsigned char)va_arg(ap, unsigned int); break;
			case L_H: u = (unsigned short)va_arg(ap, unsigned int); break;
			case L_L: u = va_arg(ap, unsigned long); break;
			case L_LL: u = va_arg(ap, unsigned long long); break;
			case L_Z: u = va_arg(ap, size_t); break;
			case L_J: u = va_arg(ap, uintmax_t); break;
			case L_T: u = (uintmax_t)(uintptr_t)va_arg(ap, ptrdiff_t); break;
			default: u = va_arg(ap, unsigned int); break;
			}
			format_int(&o, &sp, u, false, false,
			    conv == 'o' ? 8 : conv == 'u' ? 10 : 16, conv == 'X');
			break;
		case 'p': {
			void *p = va_arg(ap, void *);
			if (p == NULL) {
				sp.prec = -1;
				format_str(&o, &sp, "(nil)", 5);
			} else {
				sp.alt = true;
				format_int(&o, &sp, (uintptr_t)p, false, false, 16, false);
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			format_str(&o, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (str == NULL)
				str = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			format_str(&o, &sp, str, strnlen(str, sp.prec < 0 ? SIZE_MAX : (size_t)sp.prec));
			break;
		}
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A': {
			double v = len == L_BIGL ? (double)va_arg(ap, long double) : va_arg(ap, double);
			format_float(&o, &sp, v, conv);
			break;
		}
		case 'n':
			switch (len) {
			case L_HH: *va_arg(ap, signed char *) = (signed char)o.count; break;
			case L_H: *va_arg(ap, short *) = (short)o.count; break;
			case L_L: *va_arg(ap, long *) = (long)o.count; break;
			case L_LL: *va_arg(ap, long long *) = (long long)o.count; break;
			case L_Z: *va_arg(ap, size_t *) = o.count; break;
			case L_J: *va_arg(ap, intmax_t *) = (intmax_t)o.count; break;
			case L_T: *va_arg(ap, ptrdiff_t *) = (ptrdiff_t)o.count; break;
			default: *va_arg(ap, int *) = (int)o.count; break;
			}
			break;
		case '%':
			emit(&o, "%", 1);
			break;
		default:                        /* unknown: print it as it was written */
			emit(&o, pct, fmt - pct);
			break;
		}
	}
	if (o.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.count;
}

/* ---- into strings ---------------------------------------------------- */

/* Keeps the first size - 1 bytes of the output (and counts the rest). */
struct string_sink {
	struct fmt_sink sink;
	char *buf;
	size_t size, len;
};

static void string_put(struct fmt_sink *sink, const char *s, size_t n)
{
	struct string_sink *ss = (struct string_sink *)sink;

	if (ss->len + 1 < ss->size) {
		size_t room = ss->size - 1 - ss->len;
		memcpy(ss->buf + ss->len, s, n < room ? n : room);
	}
	ss->len += n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct string_sink ss = { { string_put }, buf, size, 0 };
	int r = __vformat(&ss.sink, fmt, ap);

	if (size > 0)
		buf[ss.len < size ? ss.len : size - 1] = '\0';
	return r;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}
