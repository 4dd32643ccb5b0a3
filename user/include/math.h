/*
 * math.h: the usual double functions, in software (user/libc/math.c).
 * sqrt, floor, ceil, fabs, fmod, ldexp, frexp and modf are exact; exp,
 * log, log10, log2, pow, sin, cos and tan are computed in x87 extended
 * precision (long double, on both arches) and rounded once, so they stay
 * within 1 ulp of the exact result. sin, cos and tan reduce their argument
 * with a three-part pi/2, which is exact enough up to |x| of about 2^30;
 * beyond that they lose accuracy (there is no Payne-Hanek reduction).
 * Domain errors give NaN and errno EDOM, overflow HUGE_VAL and ERANGE.
 */
#ifndef _MATH_H_
#define _MATH_H_

#define HUGE_VAL        (__builtin_huge_val())
#define INFINITY        (__builtin_inff())
#define NAN             (__builtin_nanf(""))
#define M_E             2.7182818284590452354
#define M_LN2           0.69314718055994530942
#define M_LN10          2.30258509299404568402
#define M_PI            3.14159265358979323846
#define M_PI_2          1.57079632679489661923
#define M_SQRT2         1.41421356237309504880

#define isnan(x)        __builtin_isnan(x)
#define isinf(x)        __builtin_isinf_sign(x)
#define isfinite(x)     __builtin_isfinite(x)
#define signbit(x)      __builtin_signbit(x)

double fabs(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);
double fmod(double x, double y);
double modf(double x, double *ip);
double ldexp(double x, int e);
double frexp(double x, int *e);
double copysign(double x, double y);
double sqrt(double x);
double exp(double x);
double log(double x);
double log10(double x);
double log2(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);

#endif
