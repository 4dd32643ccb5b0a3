/*
 * math.h in software. Two kinds of function:
 *
 *  - exact ones (fabs, floor, ceil, trunc, round, fmod, ldexp, frexp,
 *    modf, sqrt) work on the bits of the double: an IEEE double is
 *
 *      63   62 ........ 52   51 ..................... 0
 *      sign  exponent + 1023  fraction (the leading 1 is implicit)
 *
 *    and their result is the correctly rounded one, as glibc's is;
 *
 *  - the others (exp, log, pow, sin, cos, tan) compute in x87 extended
 *    precision, long double (a 64-bit mantissa on both arches, and the
 *    FPU's precision control is left at extended by fninit), and round
 *    to double once at the end. Eleven spare bits cover the series'
 *    rounding errors, so the result is within 1 ulp (usually the
 *    correctly rounded one). A libm would use minimax polynomials and
 *    tables; plain Taylor series are slower but easy to check by eye.
 *
 * Errors as C99 says: NaN and EDOM outside the domain, +-HUGE_VAL or 0
 * and ERANGE on overflow or underflow to zero.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>

union dbl {
	double d;
	uint64_t u;
};

#define FRAC_BITS       52
#define FRAC_MASK       ((1ULL << FRAC_BITS) - 1)
#define EXP_MASK        0x7ffULL
#define EXP_BIAS        1023
#define SIGN_BIT        (1ULL << 63)

static uint64_t bits(double x)
{
	union dbl v = { .d = x };
	return v.u;
}

static double from_bits(uint64_t u)
{
	union dbl v = { .u = u };
	return v.d;
}

/* The unbiased exponent field (-1023 for zero and subnormals, 1024 for inf and NaN). */
static int exp_field(double x)
{
	return (int)((bits(x) >> FRAC_BITS) & EXP_MASK) - EXP_BIAS;
}

double fabs(double x)
{
	return from_bits(bits(x) & ~SIGN_BIT);
}

double copysign(double x, double y)
{
	return from_bits((bits(x) & ~SIGN_BIT) | (bits(y) & SIGN_BIT));
}

/*
 * Rounds x to an integer: toward zero (trunc), toward -inf (floor) or
 * +inf (ceil), by clearing its fraction bits and, when the dropped part
 * was not zero and the direction asks for it, adding one unit.
 */
enum rmode { R_TRUNC, R_FLOOR, R_CEIL };

static double round_int(double x, enum rmode mode)
{
	uint64_t u = bits(x);
	int e = exp_field(x);
	int neg = (u & SIGN_BIT) != 0;

	if (e >= FRAC_BITS)                     /* an integer already, inf or NaN */
		return x;
	if (e < 0) {                            /* |x| < 1 */
		if ((u & ~SIGN_BIT) == 0)
			return x;
		if (mode == R_FLOOR && neg)
			return -1.0;
		if (mode == R_CEIL && !neg)
			return 1.0;
		return from_bits(u & SIGN_BIT);
	}
	uint64_t frac = FRAC_MASK >> e;
	if ((u & frac) == 0)
		return x;
	if ((mode == R_FLOOR && neg) || (mode == R_CEIL && !neg))
		u += frac + 1;                  /* a carry into the exponent is right */
	return from_bits(u & ~frac);
}

double trunc(double x) { return round_int(x, R_TRUNC); }
double floor(double x) { return round_int(x, R_FLOOR); }
double ceil(double x) { return round_int(x, R_CEIL); }

/* Half-way cases away from zero. */
double round(double x)
{
	double t = trunc(x);

	if (fabs(x - t) >= 0.5)                 /* exact: x and t share the exponent */
		t += copysign(1.0, x);
	return t;
}

double modf(double x, double *ip)
{
	double t = trunc(x);

	*ip = t;
	if (isinf(x))
		return copysign(0.0, x);
	return copysign(x - t, x);
}

/* x * 2^e with a single rounding (only when the result is subnormal). */
double ldexp(double x, int e)
{
	if (x == 0 || !isfinite(x))
		return x;
	if (e > 2 * 1100)
		e = 2 * 1100;
	if (e < -2 * 1100)
		e = -2 * 1100;
	/* Long double has the range for any finite double times 2^+-2200. */
	long double r = x;
	while (e > 1000) {
		r *= 0x1p1000L;
		e -= 1000;
	}
	while (e < -1000) {
		r *= 0x1p-1000L;
		e += 1000;
	}
	r *= (long double)from_bits((uint64_t)(e + EXP_BIAS) << FRAC_BITS);
	double d = (double)r;
	if (isinf(d) || (d == 0 && r != 0))
		errno = ERANGE;
	return d;
}

/* x = m * 2^e with 0.5 <= |m| < 1. */
double frexp(double x, int *e)
{
	int k = exp_field(x);

	*e = 0;
	if (x == 0 || !isfinite(x))
		return x;
	if (k == -EXP_BIAS) {                   /* subnormal: make it normal first */
		x *= 0x1p64;
		*e = -64;
		k = exp_field(x);
	}
	*e += k + 1;
	return from_bits((bits(x) & ~(EXP_MASK << FRAC_BITS)) | ((uint64_t)(EXP_BIAS - 1) << FRAC_BITS));
}

/*
 * fmod by long division in binary: subtract from |x| the largest |y| * 2^k
 * not above it until what is left is below |y|. Each subtraction is exact
 * (t <= a < 2t), so the result is exact, as C requires.
 */
double fmod(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0) {
		errno = EDOM;
		return NAN;
	}
	double a = fabs(x), b = fabs(y);
	if (isinf(y) || a < b)
		return x;
	int eb;
	frexp(b, &eb);
	while (a >= b) {
		int ea;
		frexp(a, &ea);
		double t = ldexp(b, ea - eb);
		if (t > a)
			t = ldexp(b, ea - eb - 1);
		a -= t;
	}
	return copysign(a, x);
}

/*
 * sqrt digit by digit, in binary: with x = m * 2^e (m the 53-bit integer
 * mantissa, e made even), sqrt(m * 2^54) is found one bit at a time into
 * a 54-bit q (53 bits and a rounding bit), the remainder saying whether
 * anything is left below. The remainder stays under 2q + 1 < 2^56.
 */
double sqrt(double x)
{
	if (isnan(x) || x == 0 || (isinf(x) && x > 0))
		return x + x;                   /* NaN, +-0, +inf */
	if (x < 0) {
		errno = EDOM;
		return NAN;
	}
	int e = exp_field(x) - FRAC_BITS;
	uint64_t m = bits(x) & FRAC_MASK;
	if (exp_field(x) == -EXP_BIAS) {        /* subnormal */
		e = 1 - EXP_BIAS - FRAC_BITS;
		while (!(m & (1ULL << FRAC_BITS))) {
			m <<= 1;
			e--;
		}
	} else {
		m |= 1ULL << FRAC_BITS;
	}
	if (e & 1) {
		m <<= 1;
		e--;
	}
	/* M = m * 2^54; bits 2i+1 and 2i of M are bits 2i-53 and 2i-54 of m. */
	uint64_t q = 0, r = 0;
	for (int i = 53; i >= 0; i--) {
		int lo = 2 * i - 54;
		uint64_t pair = lo >= 0 ? (m >> lo) & 3 : 0;
		r = (r << 2) | pair;
		uint64_t t = (q << 2) | 1;
		if (r >= t) {
			r -= t;
			q = (q << 1) | 1;
		} else {
			q <<= 1;
		}
	}
	/* sqrt(x) = q * 2^((e - 54) / 2); q has 54 bits. */
	uint64_t mant = q >> 1;
	if ((q & 1) && (r != 0 || (mant & 1)))
		mant++;
	int re = (e - 54) / 2 + 1;
	if (mant >> (FRAC_BITS + 1)) {
		mant >>= 1;
		re++;
	}
	return from_bits(((uint64_t)(re + FRAC_BITS + EXP_BIAS) << FRAC_BITS) | (mant & FRAC_MASK));
}

/* ---- the extended-precision cores ----------------------------------- */

/* ln 2 as a double and the rest, so that k * LN2_HI is exact for |k| < 2^11. */
static const double LN2_HI = 0x1.62e42fefa39efp-1;
static const long double LN2_LO = 2.3190468138462996154948554638754786504e-17L;
static const long double LN2 = 0.69314718055994530941723212145817656808L;
static const long double INV_LN2 = 1.4426950408889634073599246810018921374L;

/* x * 2^k for long doubles, in the range the cores need (|k| < 16000). */
static long double scale2(long double x, int k)
{
	union {
		long double ld;
		struct {
			uint64_t mant;
			uint16_t sexp;
		} p;
	} v;

	v.p.mant = 1ULL << 63;
	v.p.sexp = (uint16_t)(k + 16383);
	return x * v.ld;
}

/* e^x for |x| < about 12000: e^x = 2^k * e^r, |r| <= ln 2 / 2. */
static long double expl_core(long double x)
{
	long double kf = x * INV_LN2;
	long k = (long)(kf + (kf < 0 ? -0.5L : 0.5L));
	long double r = (x - k * (long double)LN2_HI) - k * LN2_LO;
	long double sum = 1, term = 1;

	for (int n = 1; n <= 22; n++) {
		term *= r / n;
		sum += term;
	}
	return scale2(sum, (int)k);
}

/* ln x for a finite x > 0: x = m * 2^e, sqrt(1/2) <= m < sqrt(2). */
static long double logl_core(double x)
{
	int e;
	long double m = frexp(x, &e);           /* [0.5, 1) */

	if (m < 0.70710678118654752440L) {
		m *= 2;
		e--;
	}
	/* ln m = 2 atanh f = 2 (f + f^3/3 + f^5/5 + ...), f = (m-1)/(m+1), |f| < 0.172. */
	long double f = (m - 1) / (m + 1), s = f * f, sum = 0;
	for (int n = 31; n >= 1; n -= 2)
		sum = sum * s + 1.0L / n;
	return e * LN2 + 2 * f * sum;
}

/* Rounds a core's result to double, with ERANGE for overflow and underflow. */
static double to_double(long double r)
{
	double d = (double)r;

	if (isinf(d) || (d == 0 && r != 0))
		errno = ERANGE;
	return d;
}

/* The exponent beyond which e^x is no double (overflow), or rounds to 0. */
#define EXP_OVER        709.79
#define EXP_UNDER       (-745.2)

static double exp_of(long double z)
{
	if (z > EXP_OVER) {
		errno = ERANGE;
		return HUGE_VAL;
	}
	if (z < EXP_UNDER) {
		errno = ERANGE;
		return 0;
	}
	return to_double(expl_core(z));
}

double exp(double x)
{
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return x > 0 ? x : 0;
	return exp_of(x);
}

/* NaN and EDOM below 0, -inf and ERANGE at 0; else f(ln x). */
static int log_special(double x, double *res)
{
	if (isnan(x) || (isinf(x) && x > 0)) {
		*res = x + x;
		return 1;
	}
	if (x == 0) {
		errno = ERANGE;
		*res = -HUGE_VAL;
		return 1;
	}
	if (x < 0) {
		errno = EDOM;
		*res = NAN;
		return 1;
	}
	return 0;
}

double log(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	return (double)logl_core(x);
}

double log2(double x)
{
	double r;
	int e;

	if (log_special(x, &r))
		return r;
	if (frexp(x, &e) == 0.5)                /* powers of two exactly */
		return e - 1;
	return (double)(logl_core(x) / LN2);
}

double log10(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	return (double)(logl_core(x) / 2.30258509299404568401799145468436421L);
}

/* y is an integer; an odd one. */
static int is_int(double y) { return isfinite(y) && floor(y) == y; }
static int is_odd(double y) { return is_int(y) && fabs(y) < 0x1p53 && fmod(y, 2) != 0; }

/* pow's special cases, C99 F.9.4.4, in its order. */
static int pow_special(double x, double y, double *res)
{
	if (y == 0 || x == 1) {
		*res = 1;
		return 1;
	}
	if (isnan(x) || isnan(y)) {
		*res = x + y;
		return 1;
	}
	if (x == 0) {
		if (y < 0) {
			errno = ERANGE;
			*res = is_odd(y) ? copysign(HUGE_VAL, x) : HUGE_VAL;
		} else {
			*res = is_odd(y) ? x : 0;
		}
		return 1;
	}
	if (isinf(y)) {
		double ax = fabs(x);
		if (ax == 1)
			*res = 1;
		else
			*res = (ax < 1) == (y < 0) ? HUGE_VAL : 0;
		return 1;
	}
	if (isinf(x)) {
		double mag = y > 0 ? HUGE_VAL : 0;
		if (x < 0 && is_odd(y))
			mag = -mag;
		*res = mag;
		return 1;
	}
	if (x < 0 && !is_int(y)) {
		errno = EDOM;
		*res = NAN;
		return 1;
	}
	return 0;
}

double pow(double x, double y)
{
	double r;

	if (pow_special(x, y, &r))
		return r;
	long double z = y * logl_core(fabs(x));
	r = exp_of(z);
	return x < 0 && is_odd(y) ? -r : r;
}

/*
 * x - k pi/2 with k the nearest integer, and k mod 4. pi/2 is cut in
 * three: P1 and P2 have 32 bits each, so k * P1 and k * P2 are exact in
 * a 64-bit mantissa while |k| < 2^32, and x - k * P1 is exact too.
 */
static const long double P1 = 0x1.921fb544p+0L;
static const long double P2 = 0x1.0b4611a6p-34L;
static const long double P3 = 2.0222662487959507323996846200947577e-21L;
static const long double TWO_OVER_PI = 0.63661977236758134307553505349005744814L;

static long double reduce(double x, int *quadrant)
{
	long double kf = x * TWO_OVER_PI;
	kf = kf < 0 ? kf - 0.5L : kf + 0.5L;
	long double k = (long double)(long long)kf;

	*quadrant = (int)((long long)kf & 3);
	return ((x - k * P1) - k * P2) - k * P3;
}

/* sin r and cos r for |r| <= pi/4, by their series. */
static long double sin_core(long double r)
{
	long double s = r * r, t = 1;

	/* r (1 - s/(2*3) (1 - s/(4*5) (1 - ...))) */
	for (int n = 25; n >= 3; n -= 2)
		t = 1 - s * t / ((long double)n * (n - 1));
	return r * t;
}

static long double cos_core(long double r)
{
	long double s = r * r, t = 1;

	/* 1 - s/(1*2) (1 - s/(3*4) (1 - ...)) */
	for (int n = 24; n >= 2; n -= 2)
		t = 1 - s * t / ((long double)n * (n - 1));
	return t;
}

/* NaN and EDOM for +-inf; true if x needs no reduction. */
static int trig_special(double x, double *res)
{
	if (isnan(x)) {
		*res = x + x;
		return 1;
	}
	if (isinf(x)) {
		errno = EDOM;
		*res = NAN;
		return 1;
	}
	if (x == 0) {
		*res = x;
		return 1;
	}
	return 0;
}

double sin(double x)
{
	double res;
	int q;

	if (trig_special(x, &res))
		return res;
	long double r = reduce(x, &q);
	switch (q) {
	case 0: return (double)sin_core(r);
	case 1: return (double)cos_core(r);
	case 2: return (double)-sin_core(r);
	default: return (double)-cos_core(r);
	}
}

double cos(double x)
{
	double res;
	int q;

	if (trig_special(x, &res))
		return x == 0 ? 1 : res;
	long double r = reduce(x, &q);
	switch (q) {
	case 0: return (double)cos_core(r);
	case 1: return (double)-sin_core(r);
	case 2: return (double)-cos_core(r);
	default: return (double)sin_core(r);
	}
}

double tan(double x)
{
	double res;
	int q;

	if (trig_special(x, &res))
		return res;
	long double r = reduce(x, &q);
	long double s = sin_core(r), c = cos_core(r);
	return (double)(q & 1 ? -c / s : s / c);
}
