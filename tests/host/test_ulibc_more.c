/*
 * Host tests of the user libc's later additions (user/libc/): math.h,
 * strtod and atof, the scanf family, getopt_long, the calendar (gmtime,
 * strftime, timegm) and realpath, each against glibc's, under ASan and
 * UBSan. The objects are built as test_ulibc.c says (every name prefixed
 * uvix_ by ulibc_rename.h); what they call outside themselves is in
 * test_ulibc.c.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/host/hosttest.h"

extern int uvix_errno;

/* ---- math.h ------------------------------------------------------------- */

#define MATH1_FNS(X) X(fabs) X(floor) X(ceil) X(trunc) X(round) X(sqrt) \
	X(exp) X(log) X(log10) X(log2) X(sin) X(cos) X(tan)
#define DECLARE1(f) double uvix_##f(double);
MATH1_FNS(DECLARE1)
double uvix_fmod(double, double);
double uvix_pow(double, double);
double uvix_ldexp(double, int);
double uvix_frexp(double, int *);
double uvix_modf(double, double *);

/* The distance in units in the last place between a and b (0: the same bits). */
static uint64_t ulps(double a, double b)
{
	if (isnan(a) && isnan(b))
		return 0;
	if (isnan(a) || isnan(b))
		return UINT64_MAX;
	int64_t ia, ib;
	memcpy(&ia, &a, 8);
	memcpy(&ib, &b, 8);
	if (ia < 0)
		ia = INT64_MIN - ia;            /* a monotonic integer line */
	if (ib < 0)
		ib = INT64_MIN - ib;
	return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

/* A double from everywhere: tiny, huge, integers, halves, random bits. */
static double any_double(void)
{
	switch (host_rand_below(8)) {
	case 0: {
		uint64_t b = host_rand();
		double d;
		memcpy(&d, &b, 8);
		return d;
	}
	case 1: return (double)((int64_t)host_rand_below(2001) - 1000) / 2;
	case 2: return ldexp((double)(host_rand() >> 11), (int)host_rand_below(140) - 120);
	case 3: return ((double)host_rand() / (double)UINT64_MAX - 0.5) * 1500;  /* exp's range */
	case 4: return (double)host_rand() / (double)UINT64_MAX * 1e6;
	case 5: return ((double)host_rand() / (double)UINT64_MAX - 0.5) * 8;
	case 6: return (double)(int64_t)host_rand_below(100) - 50;
	default: return ldexp(1.0 + (double)host_rand_below(1000) / 1000, (int)host_rand_below(2100) - 1075);
	}
}

static const double specials[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 2.0, 10.0, 1e300, -1e300, 1e-310, -1e-310,
	DBL_MIN, DBL_MAX, -DBL_MAX, 709.78, 709.79, -745.1, -745.2, 1e-20, 0x1p52, 0x1p53 + 2,
	-0x1p52 - 0.5, 4503599627370495.5, INFINITY, -INFINITY, NAN, 3.14159265358979, 1e6 + 0.25,
};
#define NSPECIALS (sizeof(specials) / sizeof(specials[0]))

/* Same NaN-ness, same errno-relevant verdict, within `tol` ulps; exact ones have tol 0. */
#define CHECK_MATH1(f, tol, x) do {                                             \
	double _x = (x), _g = f(_x), _u = uvix_##f(_x);                         \
	CHECKF(ulps(_g, _u) <= (tol), #f "(%a = %.17g): glibc %a, ours %a",     \
	    _x, _x, _g, _u);                                                \
} while (0)

void test_ulibc_math_exact(void)
{
	for (size_t i = 0; i < NSPECIALS + 200000; i++) {
		double x = i < NSPECIALS ? specials[i] : any_double();
		CHECK_MATH1(fabs, 0, x);
		CHECK_MATH1(floor, 0, x);
		CHECK_MATH1(ceil, 0, x);
		CHECK_MATH1(trunc, 0, x);
		CHECK_MATH1(round, 0, x);
		CHECK_MATH1(sqrt, 0, x);
		double y = i < NSPECIALS ? specials[(i * 7) % NSPECIALS] : any_double();
		double g = fmod(x, y), u = uvix_fmod(x, y);
		CHECKF(ulps(g, u) == 0, "fmod(%a, %a): glibc %a, ours %a", x, y, g, u);
		int ge, ue;
		g = frexp(x, &ge);
		u = uvix_frexp(x, &ue);
		CHECKF(ulps(g, u) == 0 && (!isfinite(x) || ge == ue), "frexp(%a): glibc %a %d, ours %a %d",
		    x, g, ge, u, ue);
		int e = (int)host_rand_below(2300) - 1150;
		g = ldexp(x, e);
		u = uvix_ldexp(x, e);
		CHECKF(ulps(g, u) == 0, "ldexp(%a, %d): glibc %a, ours %a", x, e, g, u);
		double gi, ui;
		g = modf(x, &gi);
		u = uvix_modf(x, &ui);
		CHECKF(ulps(g, u) == 0 && ulps(gi, ui) == 0, "modf(%a)", x);
	}
}

void test_ulibc_math_transcendental(void)
{
	for (size_t i = 0; i < NSPECIALS + 200000; i++) {
		double x = i < NSPECIALS ? specials[i] : any_double();
		CHECK_MATH1(exp, 1, x);
		CHECK_MATH1(log, 1, x);
		CHECK_MATH1(log2, 1, x);
		CHECK_MATH1(log10, 1, x);
		double t = fabs(x) < 0x1p30 ? x : fmod(x, 0x1p30);   /* the documented range */
		CHECK_MATH1(sin, 1, t);
		CHECK_MATH1(cos, 1, t);
		CHECK_MATH1(tan, 1, t);
		double y = i < NSPECIALS ? specials[(i * 5) % NSPECIALS] : any_double();
		if (host_rand_below(4) == 0)
			y = (double)((int64_t)host_rand_below(41) - 20);   /* integer powers */
		double g = pow(x, y), u = uvix_pow(x, y);
		CHECKF(ulps(g, u) <= 1, "pow(%a, %a): glibc %a, ours %a", x, y, g, u);
	}
	/* Exact where glibc is exact, and errno as C99 says. */
	CHECK(uvix_pow(2, 10) == 1024 && uvix_pow(10, 2) == 100 && uvix_pow(-2, 3) == -8);
	CHECK(uvix_exp(0) == 1 && uvix_log(1) == 0 && uvix_sqrt(4) == 2);
	uvix_errno = 0;
	CHECK(isnan(uvix_sqrt(-1)) && uvix_errno == EDOM);
	uvix_errno = 0;
	CHECK(isnan(uvix_log(-1)) && uvix_errno == EDOM);
	uvix_errno = 0;
	CHECK(uvix_log(0) == -INFINITY && uvix_errno == ERANGE);
	uvix_errno = 0;
	CHECK(uvix_exp(1000) == INFINITY && uvix_errno == ERANGE);
	uvix_errno = 0;
	CHECK(isnan(uvix_pow(-8, 1.0 / 3)) && uvix_errno == EDOM);
	uvix_errno = 0;
	CHECK(isnan(uvix_fmod(1, 0)) && uvix_errno == EDOM);
}

/* ---- strtod, atof -------------------------------------------------------- */

double uvix_strtod(const char *s, char **end);
double uvix_atof(const char *s);

/* Compares one string: the same value within 1 ulp, the same end, errno for 0 and inf. */
static void check_strtod(const char *s, uint64_t tol)
{
	char *ge, *ue;
	errno = 0;
	uvix_errno = 0;
	double g = strtod(s, &ge), u = uvix_strtod(s, &ue);
	CHECKF(ulps(g, u) <= tol && ge - s == ue - s, "strtod(\"%s\"): glibc %a (end %td), ours %a (end %td)",
	    s, g, ge - s, u, ue - s);
	if (errno == ERANGE && (isinf(g) || g == 0))
		CHECKF(uvix_errno == ERANGE, "strtod(\"%s\"): errno %d, not ERANGE", s, uvix_errno);
}

/* Stubs: scanf.c's FILE side, which these tests do not use. */
void *uvix_stdin;
int uvix_getc(void *f) { host_fail("getc called"); }
int uvix_ungetc(int c, void *f) { host_fail("ungetc called"); }

void test_ulibc_strtod(void)
{
	static const char *const cases[] = {
		"0", "-0", "1", "  +12.5xyz", "1e10", "1E-10", ".5", "5.", ".", "-.e1", "1e", "1e+",
		"0x1.8p3", "0X.8P-1", "0x", "0xg", "0x1p-1074", "0x1p-1075", "0x1.fffffffffffffp1023",
		"inf", "-INFINITY", "infinit", "nan", "NaN(123)", "nan(", "1e400", "-1e400", "1e-400",
		"2.2250738585072014e-308", "4.9e-324", "2e-324", "1.7976931348623157e308",
		"1.7976931348623158e308", "123456789012345678901234567890", "0.000000000000000000001234",
		"3.14159265358979323846264338327950288", "9007199254740993", "00000000001.5e0003",
		"1e22", "1e23", "8.98846567431158e307", "x", "", "+", "-", "   ", "1.5e3.4",
		"0x1.00000000000008p0", "0x1.000000000000080000000001p0", "0x1.00000000000018p0",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_strtod(cases[i], strncmp(cases[i], "0x", 2) == 0 ? 0 : 1);
	char buf[64];
	for (int i = 0; i < 100000; i++) {
		double d = any_double();
		switch (host_rand_below(4)) {
		case 0: snprintf(buf, sizeof(buf), "%.17g", d); break;
		case 1: snprintf(buf, sizeof(buf), "%.*e", (int)host_rand_below(25), d); break;
		case 2: snprintf(buf, sizeof(buf), "%a", d); break;
		default: snprintf(buf, sizeof(buf), "%.*f", (int)host_rand_below(8), fmod(d, 1e15)); break;
		}
		check_strtod(buf, buf[0] == '0' && buf[1] == 'x' ? 0 : 1);
		/* Shortest round trip: %.17g of a double reads back as the same bits. */
		snprintf(buf, sizeof(buf), "%.17g", d);
		CHECKF(isnan(d) || ulps(uvix_strtod(buf, NULL), d) <= 1, "%s", buf);
	}
	CHECK(uvix_atof("2.5e2") == 250 && uvix_atof("junk") == 0);
}

/* ---- the scanf family -------------------------------------------------- */

int uvix_sscanf(const char *s, const char *fmt, ...);

void test_ulibc_sscanf(void)
{
	/* The same format and input through both; every result compared. */
#define SCAN_CMP(input, fmt, T, n)                                                  \
	do {                                                                        \
		T g[4] = { 0 }, u[4] = { 0 };                                       \
		int gn = -1, un = -1;                                               \
		int gr = sscanf(input, fmt, &g[0], &g[1], &g[2], &g[3], &gn);       \
		int ur = uvix_sscanf(input, fmt, &u[0], &u[1], &u[2], &u[3], &un);  \
		CHECKF(gr == ur && memcmp(g, u, sizeof(g)) == 0 && gn == un,        \
		    "sscanf(\"%s\", \"%s\"): glibc %d, ours %d", input, fmt, gr, ur); \
		(void)(n);                                                          \
	} while (0)
	SCAN_CMP("12 -34 +56 0", "%d %d %d %d%n", int, 4);
	SCAN_CMP("0x1f 017 10 -0x10", "%i %i %i %i%n", int, 4);
	SCAN_CMP("ff 17 z", "%x %o %x %d%n", unsigned, 2);
	SCAN_CMP("123456", "%2d%3d%d%d%n", int, 3);
	SCAN_CMP("a=1, b=2", "a=%d, b=%d%n%d%d", int, 2);
	SCAN_CMP("a=1; b=2", "a=%d, b=%d%d%d%n", int, 1);
	SCAN_CMP("", "%d%d%d%d%n", int, 0);
	SCAN_CMP("   ", "%d%d%d%d%n", int, 0);
	SCAN_CMP("x", "%d%d%d%d%n", int, 0);
	SCAN_CMP("5 %", "%d %%%d%d%d%n", int, 1);
	SCAN_CMP("99999999999 -1", "%lld %lld %lld %lld%n", long long, 2);
	SCAN_CMP("1.5 -2e3 .25 0x1p4", "%lf %lf %lf %lf%n", double, 4);
	SCAN_CMP("1.5 nan", "%lf %lf %lf %lf%n", double, 1);
	SCAN_CMP("3.25e", "%lf%lf%lf%lf%n", double, 1);
	SCAN_CMP("1 2 3 4", "%*d %d %*d %d%n%d%d", int, 2);
	SCAN_CMP("-", "%d%d%d%d%n", int, 0);
	SCAN_CMP("0x", "%x%x%d%d%n", int, 1);
	char gs[3][32], us[3][32];
	static const char *const sfmts[][2] = {
		{ "  hello world  again", "%s %5s %s" },
		{ "abc123def", "%[a-z]%[0-9]%[^\n]" },
		{ "]]x-y", "%[]]%[-x]%s" },
		{ "xyz", "%c%2c%s" },
		{ "key: value", "%[^:]: %s%s" },
	};
	for (size_t i = 0; i < sizeof(sfmts) / sizeof(sfmts[0]); i++) {
		memset(gs, 0, sizeof(gs));
		memset(us, 0, sizeof(us));
		int gr = sscanf(sfmts[i][0], sfmts[i][1], gs[0], gs[1], gs[2]);
		int ur = uvix_sscanf(sfmts[i][0], sfmts[i][1], us[0], us[1], us[2]);
		CHECKF(gr == ur && memcmp(gs, us, sizeof(gs)) == 0, "sscanf(\"%s\", \"%s\"): glibc %d %s|%s|%s, ours %d %s|%s|%s",
		    sfmts[i][0], sfmts[i][1], gr, gs[0], gs[1], gs[2], ur, us[0], us[1], us[2]);
	}
	/* Random integers and doubles written by printf read back as glibc reads them. */
	char buf[128];
	for (int i = 0; i < 20000; i++) {
		long long a = (long long)host_rand() >> host_rand_below(64);
		double d = any_double();
		snprintf(buf, sizeof(buf), "%lld %.*g %llx", a, (int)host_rand_below(18) + 1, d, (unsigned long long)a);
		long long ga = 0, ua = 0;
		unsigned long long gx = 0, ux = 0;
		double gd = 0, ud = 0;
		int gr = sscanf(buf, "%lld %lf %llx", &ga, &gd, &gx);
		int ur = uvix_sscanf(buf, "%lld %lf %llx", &ua, &ud, &ux);
		CHECKF(gr == ur && ga == ua && gx == ux && ulps(gd, ud) <= 1, "\"%s\"", buf);
	}
}

/* ---- the calendar ----------------------------------------------------- */

#include <time.h>

struct uvix_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
struct uvix_tm *uvix_gmtime_r(const int64_t *t, struct uvix_tm *tm);
int64_t uvix_timegm(struct uvix_tm *tm);
size_t uvix_strftime(char *s, size_t max, const char *fmt, const struct uvix_tm *tm);

void test_ulibc_calendar(void)
{
	static const char fmt[] = "%a %A %b %h %B %c|%C %d %D %e %F %H %I %j %m %M %n %p %r %R "
	    "%s %S %t %T %u %w %y %Y %z %%";       /* %Z: glibc says GMT, we UTC */
	char gbuf[256], ubuf[256];

	setenv("TZ", "UTC", 1);                 /* glibc's %s is mktime's, in local time */
	tzset();
	for (int i = 0; i < 200000; i++) {
		int64_t t = (int64_t)(host_rand() % 20000000000ULL) - 5000000000LL;  /* 1811 to 2603 */
		if (i < 3)
			t = (int64_t[]){ 0, -1, 951782400 /* 2000-02-29 */ }[i];
		time_t ht = (time_t)t;
		struct tm g;
		struct uvix_tm u;
		gmtime_r(&ht, &g);
		uvix_gmtime_r(&t, &u);
		CHECKF(g.tm_sec == u.tm_sec && g.tm_min == u.tm_min && g.tm_hour == u.tm_hour &&
		    g.tm_mday == u.tm_mday && g.tm_mon == u.tm_mon && g.tm_year == u.tm_year &&
		    g.tm_wday == u.tm_wday && g.tm_yday == u.tm_yday, "gmtime(%lld)", (long long)t);
		CHECKF(uvix_timegm(&u) == t, "timegm(gmtime(%lld))", (long long)t);
		if (i % 10 == 0) {
			size_t gn = strftime(gbuf, sizeof(gbuf), fmt, &g);
			size_t un = uvix_strftime(ubuf, sizeof(ubuf), fmt, &u);
			CHECKF(gn == un && strcmp(gbuf, ubuf) == 0, "strftime at %lld:\n glibc %s\n ours  %s",
			    (long long)t, gbuf, ubuf);
		}
		/* Carrying over: a month 13, day 0, second -1. */
		u.tm_mon += 13;
		u.tm_mday -= 40;
		u.tm_sec -= 1;
		g.tm_mon += 13;
		g.tm_mday -= 40;
		g.tm_sec -= 1;
		CHECKF(uvix_timegm(&u) == timegm(&g), "timegm carry at %lld", (long long)t);
	}
	CHECK(uvix_strftime(ubuf, 5, "%Y-%m", &(struct uvix_tm){ .tm_year = 100 }) == 0);
}

/* ---- fnmatch (the shell's globbing) ------------------------------------ */

#include <fnmatch.h>

int uvix_fnmatch(const char *pattern, const char *string, int flags);

void test_ulibc_fnmatch(void)
{
	static const char *const pats[] = {
		"*", "?", "a*", "*c", "a?c", "[abc]", "[!a]*", "[^a-c]x", "[]]", "[]a]*", "[a-]",
		"[", "a[", "[a", "\\*", "a\\?c", "*.c", ".*", "*/*", "a/*/c", "[[:digit:]]*",
		"[[:alpha:][:digit:]]?", "**a", "*a*b*", "[z-a]", "a[/]b", "?/?", "\\", "[\\]]",
	};
	static const char *const strs[] = {
		"", "a", "abc", "ac", "a/c", "a/b/c", ".hidden", "x.c", "a.c", "]", "-", "[", "a[",
		"*", "a?c", "1x", "b", "bx", "dx", "aab", "axbxb", "a/b", "z", "\\", "./x", "9",
	};
	static const int flags[] = { 0, FNM_PATHNAME, FNM_PERIOD, FNM_PATHNAME | FNM_PERIOD,
		FNM_NOESCAPE };
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		for (size_t j = 0; j < sizeof(strs) / sizeof(strs[0]); j++)
			for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
				int g = fnmatch(pats[i], strs[j], flags[k]) == 0;
				int u = uvix_fnmatch(pats[i], strs[j], flags[k]) == 0;
				CHECKF(g == u, "fnmatch(\"%s\", \"%s\", %#x): glibc %d, ours %d",
				    pats[i], strs[j], flags[k], g, u);
			}
	/* Random patterns over a small alphabet against random strings. */
	static const char pal[] = "ab*?[]!-/.\\", sal[] = "ab/.-]";
	char p[12], s[12];
	for (int n = 0; n < 300000; n++) {
		size_t pl = host_rand_below(8), sl = host_rand_below(8);
		for (size_t i = 0; i < pl; i++)
			p[i] = pal[host_rand_below(sizeof(pal) - 1)];
		for (size_t i = 0; i < sl; i++)
			s[i] = sal[host_rand_below(sizeof(sal) - 1)];
		p[pl] = s[sl] = '\0';
		int f = flags[host_rand_below(4)];
		if (((f & FNM_PATHNAME) && strstr(p, "\\/")) || strstr(p, "[."))
			continue;       /* glibc's corner; collating symbols [.x.] (fnmatch.c) */
		int g = fnmatch(p, s, f) == 0, u = uvix_fnmatch(p, s, f) == 0;
		CHECKF(g == u, "fnmatch(\"%s\", \"%s\", %#x): glibc %d, ours %d", p, s, f, g, u);
	}
}

/* ---- getopt_long --------------------------------------------------------- */

#include <getopt.h>

struct uvix_option {
	const char *name;
	int has_arg;
	int *flag;
	int val;
};
int uvix_getopt_long(int argc, char *const argv[], const char *optstring,
    const struct uvix_option *longopts, int *longindex);
extern char *uvix_optarg;
extern int uvix_optind, uvix_opterr, uvix_optopt;
void *uvix_stderr;
int uvix_fprintf(void *f, const char *fmt, ...) { host_fail("fprintf called with opterr 0"); }

void test_ulibc_getopt_long(void)
{
	static int gflag, uflag;
	const struct option gl[] = {
		{ "verbose", no_argument, NULL, 'v' }, { "output", required_argument, NULL, 'o' },
		{ "level", optional_argument, NULL, 'l' }, { "flag", no_argument, &gflag, 7 },
		{ "verify", no_argument, NULL, 'V' }, { NULL, 0, NULL, 0 },
	};
	const struct uvix_option ul[] = {
		{ "verbose", no_argument, NULL, 'v' }, { "output", required_argument, NULL, 'o' },
		{ "level", optional_argument, NULL, 'l' }, { "flag", no_argument, &uflag, 7 },
		{ "verify", no_argument, NULL, 'V' }, { NULL, 0, NULL, 0 },
	};
	static const char *const lines[][8] = {
		{ "p", "--verbose", "-a", "--output=x", "--output", "y", "file", NULL },
		{ "p", "--verb", "--out", "z", "--flag", "--", "--verbose", NULL },
		{ "p", "--ver", "--nope", "--verbose=1", "-b", "q", NULL },
		{ "p", "--level", "--level=3", "--output", NULL },
		{ "p", "-ab", "x", "--fl", "-", "--level", NULL },
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char *argv[8];
		int argc = 0;
		for (; lines[i][argc]; argc++)
			argv[argc] = (char *)lines[i][argc];
		argv[argc] = NULL;
		optind = 0;                     /* glibc: start afresh */
		opterr = 0;
		uvix_optind = 1;
		uvix_opterr = 0;
		gflag = uflag = 0;
		for (int step = 0; step < 20; step++) {
			int gi = -1, ui = -1;
			int g = getopt_long(argc, argv, "+ab:", gl, &gi);
			const char *garg = optarg;
			int u = uvix_getopt_long(argc, argv, "+ab:", ul, &ui);
			CHECKF(g == u && optind == uvix_optind && gflag == uflag &&
			    (g == '?' || gi == ui) && (garg == NULL) == (uvix_optarg == NULL) &&
			    (garg == NULL || strcmp(garg, uvix_optarg) == 0),
			    "line %zu step %d: glibc %d optind %d arg %s index %d, ours %d optind %d arg %s index %d",
			    i, step, g, optind, garg ? garg : "-", gi, u, uvix_optind,
			    uvix_optarg ? uvix_optarg : "-", ui);
			if (g == -1)
				break;
		}
	}
}
