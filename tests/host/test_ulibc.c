/*
 * Host tests of the user libc (user/libc/): its printf engine, string,
 * number conversion, ctype and sorting functions against glibc's, and its
 * malloc against a model, all under ASan and UBSan.
 *
 * The Makefile builds user/libc/{format,string,strtol,ctype,stdlib,malloc}.c
 * for the host with every name prefixed (ulibc_rename.h): uvix_snprintf
 * is ours, snprintf is glibc's. What those files need from the rest of
 * the libc is provided here: errno, a break (sbrk) in a private arena,
 * mmap and munmap, write and abort.
 *
 * The printf test draws formats and values at random from the seed and
 * compares the two outputs, return values and truncations; on the first
 * difference it fails with the format and the value, which reproduce it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tests/host/hosttest.h"

/* ---- the user libc, prefixed ------------------------------------------ */

int uvix_snprintf(char *buf, size_t size, const char *fmt, ...);
int uvix_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int uvix_sprintf(char *buf, const char *fmt, ...);
void *uvix_memcpy(void *dst, const void *src, size_t n);
void *uvix_memmove(void *dst, const void *src, size_t n);
void *uvix_memset(void *p, int c, size_t n);
int uvix_memcmp(const void *a, const void *b, size_t n);
void *uvix_memchr(const void *p, int c, size_t n);
size_t uvix_strlen(const char *s);
size_t uvix_strnlen(const char *s, size_t max);
int uvix_strcmp(const char *a, const char *b);
int uvix_strncmp(const char *a, const char *b, size_t n);
char *uvix_strcpy(char *dst, const char *src);
char *uvix_stpcpy(char *dst, const char *src);
char *uvix_strncpy(char *dst, const char *src, size_t n);
char *uvix_strcat(char *dst, const char *src);
char *uvix_strncat(char *dst, const char *src, size_t n);
size_t uvix_strlcpy(char *dst, const char *src, size_t size);
size_t uvix_strlcat(char *dst, const char *src, size_t size);
char *uvix_strchr(const char *s, int c);
char *uvix_strrchr(const char *s, int c);
char *uvix_strstr(const char *h, const char *n);
char *uvix_strpbrk(const char *s, const char *accept);
size_t uvix_strspn(const char *s, const char *accept);
size_t uvix_strcspn(const char *s, const char *reject);
char *uvix_strtok_r(char *s, const char *delim, char **save);
char *uvix_strsep(char **sp, const char *delim);
char *uvix_strdup(const char *s);
char *uvix_strndup(const char *s, size_t n);
int uvix_strcasecmp(const char *a, const char *b);
int uvix_strncasecmp(const char *a, const char *b, size_t n);
long uvix_strtol(const char *s, char **end, int base);
unsigned long uvix_strtoul(const char *s, char **end, int base);
long long uvix_strtoll(const char *s, char **end, int base);
unsigned long long uvix_strtoull(const char *s, char **end, int base);
int uvix_atoi(const char *s);
void uvix_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *uvix_bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
void *uvix_malloc(size_t n);
void *uvix_calloc(size_t n, size_t size);
void *uvix_realloc(void *p, size_t n);
void uvix_free(void *p);
#define CTYPE_FNS(X) X(isalnum) X(isalpha) X(isblank) X(iscntrl) X(isdigit) X(isgraph) \
	X(islower) X(isprint) X(ispunct) X(isspace) X(isupper) X(isxdigit) X(tolower) X(toupper)
#define DECLARE(f) int uvix_##f(int c);
CTYPE_FNS(DECLARE)
#undef DECLARE

/* ---- what those files call ------------------------------------------- */

int uvix_errno;

/* A break in a private arena, so malloc's heap is ours to inspect. */
#define ARENA_SIZE      (64u << 20)
static char *arena, *arena_brk;
static size_t arena_limit = ARENA_SIZE;        /* lower it to make sbrk fail */

void *uvix_sbrk(intptr_t incr)
{
	if (arena == NULL) {
		arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(arena != MAP_FAILED);
		arena_brk = arena + 8;  /* a break that is not 16-byte aligned */
	}
	if (incr > 0 && (size_t)(arena_brk - arena) + (size_t)incr > arena_limit) {
		uvix_errno = ENOMEM;
		return (void *)-1;
	}
	char *old = arena_brk;
	arena_brk += incr;
	return old;
}

int uvix_getpagesize(void)
{
	return 4096;
}

static long nmapped;                    /* large blocks mapped and not unmapped */

/* Only what malloc asks for: anonymous private memory (the flag values are Uvix's). */
void *uvix_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	CHECK(addr == NULL && prot == 3 && fd == -1 && off == 0);
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	nmapped++;
	return p;
}

int uvix_munmap(void *addr, size_t len)
{
	nmapped--;
	return munmap(addr, len);
}

long uvix_write(int fd, const void *buf, size_t n)
{
	return write(fd, buf, n);
}

/* malloc's verdict on a bad free: the tests that expect it look for this status. */
#define ABORT_STATUS    77
void uvix_abort(void)
{
	_exit(ABORT_STATUS);
}

/* ---- printf ------------------------------------------------------------- */

enum vtype { V_INT, V_UINT, V_DOUBLE, V_STR, V_PTR, V_CHAR };

/* One random conversion: its format and the value to print with it. */
struct conv {
	char fmt[64];
	enum vtype type;
	int nstar;                      /* * arguments before the value */
	int star[2];
	long long i;                    /* V_INT, V_UINT (already cast to the length's type) */
	bool wide;                      /* passed as a long long, else as an int */
	double d;
	const char *s;
	void *p;
};

static const char *const strings[] = {
	"", "a", "hello", "hello, world", "with\ttab", "0123456789abcdefghij", "%d not a format",
};

/* A double from the interesting places: integers, halves, powers, random bits. */
static double random_double(void)
{
	switch (host_rand_below(10)) {
	case 0: {
		uint64_t bits = host_rand();    /* anything: subnormals, inf, nan */
		double d;
		memcpy(&d, &bits, sizeof(d));
		return d;
	}
	case 1: return (double)(int64_t)host_rand_below(2000001) - 1000000;
	case 2: return ((double)(int64_t)host_rand_below(20001) - 10000) / 2;  /* ties */
	case 3: return ((double)(int64_t)host_rand_below(2000001) - 1000000) / 1000;
	case 4: return ldexp((double)(host_rand() >> 11), (int)host_rand_below(2100) - 1100);
	case 5: return pow(10, (int)host_rand_below(40) - 20) * (host_rand_below(2) ? 1 : -1);
	case 6: return (double)host_rand_below(100) / 8 + 0.0625 * host_rand_below(3);
	case 7: return host_rand_below(2) ? DBL_MAX : DBL_MIN * (1 + host_rand_below(3));
	case 8: return 0.0 * (host_rand_below(2) ? 1 : -1);
	default: return (double)host_rand() / (double)UINT64_MAX * pow(10, (int)host_rand_below(30) - 10);
	}
}

/* Appends n random flags out of allowed to p. */
static char *add_flags(char *p, const char *allowed)
{
	int n = (int)host_rand_below(4);

	for (int i = 0; i < n; i++)
		*p++ = allowed[host_rand_below(strlen(allowed))];
	return p;
}

/* Width or precision: nothing, a number, or * (an argument). */
static char *add_number(char *p, struct conv *c, bool prec, int max)
{
	int r = (int)host_rand_below(4);

	if (r == 0)
		return p;
	if (prec)
		*p++ = '.';
	if (r == 3) {
		*p++ = '*';
		int v = (int)host_rand_below(max + 1);
		if (host_rand_below(5) == 0)
			v = -v;                 /* a negative width means '-'; precision: none */
		c->star[c->nstar++] = v;
		return p;
	}
	if (r == 2 && prec)
		return p;                       /* "." alone: precision 0 */
	return p + sprintf(p, "%d", (int)host_rand_below(max + 1));
}

static void random_conv(struct conv *c)
{
	static const char *const int_lengths[] = { "", "hh", "h", "l", "ll", "z", "j", "t" };
	char *p = c->fmt;
	int kind = (int)host_rand_below(8);

	memset(c, 0, sizeof(*c));
	p = c->fmt;
	if (host_rand_below(3) == 0)
		p += sprintf(p, "<%s>", strings[host_rand_below(4)]);
	*p++ = '%';
	if (kind <= 2) {                        /* integers */
		bool is_signed = kind == 0;
		const char *len = int_lengths[host_rand_below(8)];
		char conv = is_signed ? "di"[host_rand_below(2)] : "uxXo"[host_rand_below(4)];
		p = add_flags(p, is_signed ? "-+ 0" : "-0#");
		p = add_number(p, c, false, 30);
		p = add_number(p, c, true, 30);
		p += sprintf(p, "%s%c", len, conv);
		uint64_t r = host_rand() >> host_rand_below(64);
		if (host_rand_below(8) == 0)
			r = host_rand_below(3);         /* 0 with precision 0 is a corner */
		long long v = (long long)r;
		if (is_signed && host_rand_below(2))
			v = -v;
		/* The value as the length's type, so both printfs read the same. */
		if (!strcmp(len, "hh")) v = is_signed ? (signed char)v : (unsigned char)v;
		else if (!strcmp(len, "h")) v = is_signed ? (short)v : (unsigned short)v;
		else if (!strcmp(len, "")) v = is_signed ? (long long)(int)v : (long long)(unsigned int)v;
		else if (!strcmp(len, "l") || !strcmp(len, "z") || !strcmp(len, "t"))
			v = is_signed ? (long)v : (long)(unsigned long)v;
		c->type = is_signed ? V_INT : V_UINT;
		c->i = v;
		c->wide = len[0] == 'l' || len[0] == 'z' || len[0] == 'j' || len[0] == 't';
	} else if (kind <= 5) {                 /* floating point */
		p = add_flags(p, "-+ 0#");
		p = add_number(p, c, false, 40);
		p = add_number(p, c, true, host_rand_below(10) == 0 ? 120 : 20);
		*p++ = "fFeEgGaA"[host_rand_below(8)];
		c->type = V_DOUBLE;
		c->d = random_double();
	} else if (kind == 6) {                 /* strings and characters */
		p = add_flags(p, "-");
		p = add_number(p, c, false, 20);
		if (host_rand_below(2)) {
			p = add_number(p, c, true, 20);
			*p++ = 's';
			c->type = V_STR;
			c->s = strings[host_rand_below(sizeof(strings) / sizeof(strings[0]))];
		} else {
			*p++ = 'c';
			c->type = V_CHAR;
			c->i = 32 + (int)host_rand_below(95);
		}
	} else {                                /* pointers */
		p = add_flags(p, "-");
		p = add_number(p, c, false, 30);
		*p++ = 'p';
		c->type = V_PTR;
		c->p = host_rand_below(8) == 0 ? NULL : (void *)(uintptr_t)(host_rand() >> host_rand_below(64));
	}
	if (host_rand_below(3) == 0)
		strcat(p, "|end");
}

/* Calls fn (snprintf or uvix_snprintf) with c's arguments. */
#define CALL_CONV(fn, buf, size, c) ({                                          \
	int _r = 0;                                                             \
	switch ((c)->type) {                                                    \
	case V_INT: case V_UINT:                                                \
		_r = (c)->wide ? CALL_ARGS(fn, buf, size, c, (c)->i) :          \
		    CALL_ARGS(fn, buf, size, c, (int)(c)->i);                   \
		break;                                                          \
	case V_CHAR:                                                            \
		_r = CALL_ARGS(fn, buf, size, c, (int)(c)->i); break;           \
	case V_DOUBLE:                                                          \
		_r = CALL_ARGS(fn, buf, size, c, (c)->d); break;                \
	case V_STR:                                                             \
		_r = CALL_ARGS(fn, buf, size, c, (c)->s); break;                \
	case V_PTR:                                                             \
		_r = CALL_ARGS(fn, buf, size, c, (c)->p); break;                \
	}                                                                       \
	_r;                                                                     \
})
#define CALL_ARGS(fn, buf, size, c, v)                                          \
	((c)->nstar == 0 ? fn(buf, size, (c)->fmt, v) :                         \
	 (c)->nstar == 1 ? fn(buf, size, (c)->fmt, (c)->star[0], v) :           \
	 fn(buf, size, (c)->fmt, (c)->star[0], (c)->star[1], v))

/* The formats are built at run time, and some fixed cases are odd on purpose. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"

static void describe(const struct conv *c, char *out, size_t size)
{
	switch (c->type) {
	case V_INT: case V_UINT: case V_CHAR:
		snprintf(out, size, "%lld", c->i);
		break;
	case V_DOUBLE:
		snprintf(out, size, "%a (%.17g)", c->d, c->d);
		break;
	case V_STR:
		snprintf(out, size, "\"%s\"", c->s);
		break;
	case V_PTR:
		snprintf(out, size, "%p", c->p);
		break;
	}
}

#define PRINTF_ROUNDS   200000

void test_ulibc_printf_random(void)
{
	static char want[4096], got[4096], what[128];

	for (int round = 0; round < PRINTF_ROUNDS; round++) {
		struct conv c;
		random_conv(&c);
		int rw = CALL_CONV(snprintf, want, sizeof(want), &c);
		int rg = CALL_CONV(uvix_snprintf, got, sizeof(got), &c);
		if (rw != rg || strcmp(want, got) != 0) {
			describe(&c, what, sizeof(what));
			host_fail("round %d: format \"%s\" stars %d %d value %s: glibc \"%s\" (%d), "
			    "ours \"%s\" (%d)", round, c.fmt, c.star[0], c.star[1], what, want, rw,
			    got, rg);
		}
		/* Truncated: the first size - 1 bytes and a NUL, the same return value. */
		size_t size = host_rand_below(rw + 2);
		memset(got, 'Z', size + 2);
		rg = CALL_CONV(uvix_snprintf, got, size, &c);
		CHECKF(rg == rw, "format \"%s\": %d into %zu bytes returned %d", c.fmt, rw, size, rg);
		if (size > 0) {
			CHECKF(memcmp(got, want, size - 1) == 0 && got[size - 1] == '\0',
			    "format \"%s\" into %zu bytes: \"%.*s\"", c.fmt, size, (int)size, got);
		}
		CHECKF(got[size] == 'Z', "format \"%s\": wrote past %zu bytes", c.fmt, size);
	}
}

/* Fixed cases: each is glibc's output, and a few that random formats do not reach. */
void test_ulibc_printf_cases(void)
{
	char buf[512], want[512];
	int n = -1;

#define SAME(...) do {                                                          \
	int _w = snprintf(want, sizeof(want), __VA_ARGS__);                     \
	int _g = uvix_snprintf(buf, sizeof(buf), __VA_ARGS__);                  \
	CHECKF(_w == _g && strcmp(want, buf) == 0, "%s: glibc \"%s\" (%d), ours \"%s\" (%d)", \
	    #__VA_ARGS__, want, _w, buf, _g);                                   \
} while (0)
	SAME("%d %i %u %x %X %o %c %s %p %%", -42, 42, 42u, 255u, 255u, 8u, 'c', "str", (void *)0x1234);
	SAME("%5d|%-5d|%05d|%+d|% d|%+05d", 42, 42, 42, 42, 42, 42);
	SAME("%.0d|%.0x|%#.0o|%#o|%#x|%#X", 0, 0u, 0u, 0u, 0u, 0u);
	SAME("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	SAME("%ld %lu %lld %llu %zd %zu %jd %ju %td", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX,
	    (ssize_t)-1, SIZE_MAX, INTMAX_MIN, UINTMAX_MAX, (ptrdiff_t)-5);
	SAME("%s|%.3s|%10.3s|%-10s|", "abcdef", "abcdef", "abcdef", "abc");
	SAME("%s|%.8s", (char *)NULL, (char *)NULL);
	SAME("%p|%10p|%-10p|", (void *)NULL, (void *)NULL, (void *)NULL);
	SAME("%*d|%-*d|%.*d|%*.*s|", 6, 1, 6, 1, 4, 1, 8, 2, "xyz");
	SAME("%*d|%.*d", -6, 1, -3, 1);
	SAME("%f %e %g %a", 1.0, 1.0, 1.0, 1.0);
	SAME("%.2f %.2f %.2f %.0f %.0f %.0f", 2.675, 1.005, 0.125, 0.5, 1.5, 2.5);
	SAME("%f %e %g %a %F %E %G %A", INFINITY, -INFINITY, NAN, -NAN, INFINITY, NAN, -INFINITY, NAN);
	SAME("%010f|%-10f|%+f|% f|%010.3e|", -1.5, 1.5, 1.5, 1.5, 1234.5678);
	SAME("%g %g %g %g %g %g", 100000.0, 1000000.0, 0.0001, 0.00001, 123456789.0, 1e-300);
	SAME("%#g %#.0f %#.0e %#x %#o", 1.0, 1.0, 1.0, 0u, 0u);
	SAME("%.20f %.30e", 0.1, 1e-300);
	SAME("%f", 1e308);
	SAME("%.17g %.17g %.17g", DBL_MAX, DBL_MIN, 4.9406564584124654e-324);
	SAME("%.3a %.0a %.1a %a %a", 1.0 / 3, 1.5, 1.96875, 4.9406564584124654e-324, DBL_MAX);
	SAME("%Lf", 0.0L);
	SAME("%c%c%c", 'a', 0, 'b');
#undef SAME
	CHECK(uvix_snprintf(buf, sizeof(buf), "abc%n def", &n) == 7 && n == 3);
	CHECK(uvix_snprintf(NULL, 0, "%d", 12345) == 5);
	CHECK(uvix_sprintf(buf, "%s-%d", "x", 7) == 3 && strcmp(buf, "x-7") == 0);
}

/* ---- strings ------------------------------------------------------------ */

/* Random bytes from a small alphabet (so that searches find things), NUL-terminated. */
static void random_string(char *s, size_t len, const char *alphabet)
{
	size_t k = strlen(alphabet);

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[host_rand_below(k)];
	s[len] = '\0';
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

#define STR_ROUNDS      20000

void test_ulibc_memory(void)
{
	static unsigned char a[600], b[600], want[600];

	for (int round = 0; round < STR_ROUNDS; round++) {
		size_t n = host_rand_below(300), da = host_rand_below(16), sa = host_rand_below(16);
		for (size_t i = 0; i < sizeof(a); i++)
			a[i] = (unsigned char)host_rand(), b[i] = (unsigned char)host_rand();
		memcpy(want, a, sizeof(a));
		memcpy(want + da, b + sa, n);
		CHECK(uvix_memcpy(a + da, b + sa, n) == a + da);
		CHECKF(memcmp(a, want, sizeof(a)) == 0, "memcpy %zu bytes, offsets %zu %zu", n, da, sa);

		/* Overlapping moves both ways. */
		size_t from = host_rand_below(300), to = host_rand_below(300);
		memcpy(want, a, sizeof(a));
		memmove(want + to, want + from, n);
		CHECK(uvix_memmove(a + to, a + from, n) == a + to);
		CHECKF(memcmp(a, want, sizeof(a)) == 0, "memmove %zu bytes from %zu to %zu", n, from, to);

		int c = (int)host_rand_below(512) - 128;
		memcpy(want, a, sizeof(a));
		memset(want + da, c, n);
		CHECK(uvix_memset(a + da, c, n) == a + da);
		CHECKF(memcmp(a, want, sizeof(a)) == 0, "memset %zu bytes at %zu with %d", n, da, c);

		memcpy(b, a, sizeof(a));
		if (n > 0 && host_rand_below(2))
			b[host_rand_below(n)] ^= (unsigned char)(1 + host_rand_below(255));
		CHECK(sign(uvix_memcmp(a, b, n)) == sign(memcmp(a, b, n)));
		CHECK(uvix_memchr(a + sa, c, n) == memchr(a + sa, c, n));
	}
}

void test_ulibc_strings(void)
{
	static char s[300], t[300], u[700], v[700];
	const char *alpha = "abcab,; \t";

	for (int round = 0; round < STR_ROUNDS; round++) {
		size_t ls = host_rand_below(100), lt = host_rand_below(8), n = host_rand_below(120);
		random_string(s, ls, alpha);
		random_string(t, lt, alpha);
		int c = alpha[host_rand_below(strlen(alpha))];
		if (host_rand_below(10) == 0)
			c = 0;

		CHECK(uvix_strlen(s) == strlen(s));
		CHECK(uvix_strnlen(s, n) == strnlen(s, n));
		CHECK(sign(uvix_strcmp(s, t)) == sign(strcmp(s, t)));
		CHECK(sign(uvix_strncmp(s, t, n % 4)) == sign(strncmp(s, t, n % 4)));
		CHECK(uvix_strchr(s, c) == strchr(s, c));
		CHECK(uvix_strrchr(s, c) == strrchr(s, c));
		CHECKF(uvix_strstr(s, t) == strstr(s, t), "strstr(\"%s\", \"%s\")", s, t);
		CHECK(uvix_strspn(s, t) == strspn(s, t));
		CHECK(uvix_strcspn(s, t) == strcspn(s, t));
		CHECK(uvix_strpbrk(s, t) == strpbrk(s, t));
		CHECK(sign(uvix_strcasecmp(s, t)) == sign(strcasecmp(s, t)));
		CHECK(sign(uvix_strncasecmp(s, t, n % 5)) == sign(strncasecmp(s, t, n % 5)));

		memset(u, 'Z', sizeof(u));
		memset(v, 'Z', sizeof(v));
		CHECK(uvix_strcpy(u, s) == u && strcmp(u, s) == 0 && u[ls + 1] == 'Z');
		CHECK(uvix_stpcpy(u, t) == u + lt);
		strcpy(v, s);
		strcpy(u, s);
		CHECK(uvix_strcat(u, t) == u && strcmp(u, strcat(v, t)) == 0);
		strcpy(v, s);
		strcpy(u, s);
		CHECK(uvix_strncat(u, t, n % 6) == u && strcmp(u, strncat(v, t, n % 6)) == 0);
		memset(u, 'Z', sizeof(u));
		memset(v, 'Z', sizeof(v));
		uvix_strncpy(u, s, n);
		strncpy(v, s, n);
		CHECK(memcmp(u, v, sizeof(u)) == 0);

		/* strlcpy and strlcat against what BSD documents. */
		memset(u, 'Z', sizeof(u));
		size_t size = host_rand_below(120);
		CHECK(uvix_strlcpy(u, s, size) == ls);
		if (size > 0) {
			size_t k = ls < size - 1 ? ls : size - 1;
			CHECK(memcmp(u, s, k) == 0 && u[k] == '\0');
		}
		CHECK(u[size] == 'Z' || size == 0);
		strcpy(u, t);
		size_t want = lt + ls;
		CHECK(uvix_strlcat(u, s, size) == (lt < size ? want : size + ls));
		if (lt < size)
			CHECK(strlen(u) == (want < size ? want : size - 1) && strncmp(u + lt, s, strlen(u) - lt) == 0);

		char *d = uvix_strdup(s);
		CHECK(d != NULL && strcmp(d, s) == 0);
		uvix_free(d);
		d = uvix_strndup(s, n % 10);
		CHECK(d != NULL && strlen(d) == (ls < n % 10 ? ls : n % 10) && strncmp(d, s, strlen(d)) == 0);
		uvix_free(d);

		/* Tokenizers: the same tokens in the same order. */
		strcpy(u, s);
		strcpy(v, s);
		char *su, *sv, *pu = uvix_strtok_r(u, ",; ", &su), *pv = strtok_r(v, ",; ", &sv);
		for (;;) {
			CHECK((pu == NULL) == (pv == NULL));
			if (pu == NULL)
				break;
			CHECK(pu - u == pv - v && strcmp(pu, pv) == 0);
			pu = uvix_strtok_r(NULL, ",; ", &su);
			pv = strtok_r(NULL, ",; ", &sv);
		}
		strcpy(u, s);
		strcpy(v, s);
		su = u;
		sv = v;
		for (;;) {
			pu = uvix_strsep(&su, ",;");
			pv = strsep(&sv, ",;");
			CHECK((pu == NULL) == (pv == NULL) && (su == NULL) == (sv == NULL));
			if (pu == NULL)
				break;
			CHECK(pu - u == pv - v && strcmp(pu, pv) == 0);
		}
	}
	CHECK(uvix_strstr("abc", "") != NULL && *uvix_strstr("abc", "") == 'a');
}

/* ---- numbers and characters ----------------------------------------------- */

void test_ulibc_strtol(void)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };
	char s[64];

	for (int round = 0; round < 100000; round++) {
		size_t len = host_rand_below(30);
		random_string(s, len, host_rand_below(2) ? " +-0123456789" : " \t+-0xX19afAFzZ8");
		if (host_rand_below(4) == 0)    /* long runs of digits: overflow */
			random_string(s + host_rand_below(len + 1), 25, "9f7");
		int base = bases[host_rand_below(sizeof(bases) / sizeof(bases[0]))];
		char *ew = s, *eg;
		/* With a bad base, glibc leaves end as it was: ours sets it to s. */
#define SAME_CONV(fn) do {                                                      \
	errno = 0;                                                              \
	uvix_errno = 0;                                                         \
	__typeof__(fn(s, &ew, base)) w = fn(s, &ew, base);                      \
	__typeof__(w) g = uvix_##fn(s, &eg, base);                              \
	bool valid_base = base == 0 || (base >= 2 && base <= 36);               \
	CHECKF(w == g && (ew == eg || !valid_base) && errno == uvix_errno,      \
	    #fn "(\"%s\", %d): glibc %lld end %td errno %d, ours %lld end %td errno %d", \
	    s, base, (long long)w, ew - s, errno, (long long)g, eg - s, uvix_errno); \
} while (0)
		SAME_CONV(strtol);
		SAME_CONV(strtoul);
		SAME_CONV(strtoll);
		SAME_CONV(strtoull);
#undef SAME_CONV
		if (base == 10)
			CHECK(uvix_atoi(s) == (int)strtol(s, NULL, 10));
	}
}

void test_ulibc_ctype(void)
{
#define SAME_CLASS(f) CHECKF(!uvix_##f(c) == !f(c), #f "(%d)", c);
	for (int c = -1; c < 256; c++) {
		CTYPE_FNS(SAME_CLASS)
		if (c >= 0)
			CHECKF(uvix_tolower(c) == tolower(c) && uvix_toupper(c) == toupper(c), "%d", c);
	}
#undef SAME_CLASS
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

void test_ulibc_qsort(void)
{
	static int a[3000], b[3000];

	for (int round = 0; round < 300; round++) {
		size_t n = host_rand_below(3000);
		int range = 1 + (int)host_rand_below(round % 2 ? 10 : 100000);
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (int)host_rand_below(range);
		if (round % 7 == 0)             /* sorted input: quicksort's bad case */
			qsort(a, n, sizeof(int), cmp_int);
		memcpy(b, a, n * sizeof(int));
		uvix_qsort(a, n, sizeof(int), cmp_int);
		qsort(b, n, sizeof(int), cmp_int);
		CHECKF(memcmp(a, b, n * sizeof(int)) == 0, "round %d, %zu elements", round, n);
		for (int k = 0; k < 20 && n > 0; k++) {
			int key = (int)host_rand_below(range + 1);
			int *found = uvix_bsearch(&key, a, n, sizeof(int), cmp_int);
			CHECK(found == NULL ? bsearch(&key, b, n, sizeof(int), cmp_int) == NULL : *found == key);
		}
	}
}

/* ---- malloc ------------------------------------------------------------------ */

struct block {
	unsigned char *p;
	size_t n;
	unsigned char fill;
};

/* Whether p[0..n) still holds fill everywhere. */
static bool intact(const struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i] != b->fill)
			return false;
	return true;
}

/*
 * Random malloc, calloc, realloc and free against a table of live blocks,
 * each filled with its own byte: a block must be 16-byte aligned, must not
 * overlap another (its bytes stay intact), and calloc's must be zero.
 */
void test_ulibc_malloc(void)
{
	static struct block live[500];
	size_t nlive = 0;

	for (int round = 0; round < 50000; round++) {
		int op = (int)host_rand_below(10);
		if ((op < 4 || nlive == 0) && nlive < 500) {
			size_t n = host_rand_below(50) == 0 ? host_rand_below(300000) : host_rand_below(2000);
			bool zero = op == 1;
			unsigned char *p = zero ? uvix_calloc(1, n) : uvix_malloc(n);
			CHECKF(p != NULL, "round %d: malloc(%zu) failed", round, n);
			CHECKF(((uintptr_t)p & 15) == 0, "malloc(%zu) = %p: not 16-byte aligned", n, p);
			if (zero)
				for (size_t i = 0; i < n; i++)
					CHECKF(p[i] == 0, "calloc(1, %zu)[%zu] = %d", n, i, p[i]);
			struct block *b = &live[nlive++];
			*b = (struct block){ p, n, (unsigned char)(1 + host_rand_below(255)) };
			memset(p, b->fill, n);
		} else if (op < 7) {
			size_t i = host_rand_below(nlive);
			CHECKF(intact(&live[i]), "round %d: block of %zu bytes was overwritten", round, live[i].n);
			uvix_free(live[i].p);
			live[i] = live[--nlive];
		} else {
			struct block *b = &live[host_rand_below(nlive)];
			CHECK(intact(b));
			size_t n = host_rand_below(50) == 0 ? host_rand_below(300000) : host_rand_below(3000);
			unsigned char *p = uvix_realloc(b->p, n);
			if (n == 0) {
				CHECK(p == NULL);       /* freed */
				*b = live[--nlive];
				continue;
			}
			CHECK(p != NULL && ((uintptr_t)p & 15) == 0);
			for (size_t k = 0; k < (n < b->n ? n : b->n); k++)
				CHECKF(p[k] == b->fill, "realloc lost byte %zu", k);
			b->p = p;
			b->n = n;
			memset(p, b->fill, n);
		}
	}
	while (nlive > 0) {
		CHECK(intact(&live[nlive - 1]));
		uvix_free(live[--nlive].p);
	}
	CHECKF(nmapped == 0, "%ld large blocks still mapped after all were freed", nmapped);
	/* Everything is free again: a block of almost the whole heap fits without growing it. */
	char *before = arena_brk;
	void *p = uvix_malloc(60000);
	CHECK(p != NULL && arena_brk == before);
	uvix_free(p);
}

/* Out of memory: NULL and ENOMEM, and the heap still works afterwards. */
void test_ulibc_malloc_enomem(void)
{
	arena_limit = 1 << 20;
	void *keep = uvix_malloc(1000);
	CHECK(keep != NULL);
	uvix_errno = 0;
	CHECK(uvix_calloc(SIZE_MAX / 2, 4) == NULL && uvix_errno == ENOMEM);
	void *blocks[100];
	int n = 0;
	while (n < 100 && (blocks[n] = uvix_malloc(60000)) != NULL)
		n++;
	CHECKF(n > 5 && n < 100, "%d blocks of 60000 bytes in a 1 MiB break", n);
	CHECK(uvix_errno == ENOMEM);
	while (n > 0)
		uvix_free(blocks[--n]);
	uvix_free(keep);
	CHECK(uvix_malloc(60000) != NULL);
}

/* Runs fn in a child and checks that malloc's checks abort it. */
static void expect_abort(void (*fn)(void), const char *what)
{
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int devnull = open("/dev/null", 1);
		dup2(devnull, 2);               /* the message is expected */
		fn();
		_exit(0);
	}
	int status;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == ABORT_STATUS,
	    "%s: not caught (status %#x)", what, status);
}

static void double_free(void)
{
	void *p = uvix_malloc(100), *q = uvix_malloc(100);
	uvix_free(p);
	uvix_free(q);
	uvix_free(p);
}

static void bad_pointer(void)
{
	char *p = uvix_malloc(100);
	uvix_free(p + 16);
}

static void realloc_freed(void)
{
	void *p = uvix_malloc(100);
	uvix_malloc(100);
	uvix_free(p);
	uvix_realloc(p, 1000);
}

void test_ulibc_malloc_bad_free(void)
{
	expect_abort(double_free, "double free");
	expect_abort(bad_pointer, "free of a pointer into a block");
	expect_abort(realloc_freed, "realloc of a freed block");
}
