/*
 * String and memory functions. GCC may emit calls to memcpy, memmove,
 * memset and memcmp for struct copies even in freestanding code, so these
 * must exist under exactly those names.
 */
#include "kernel/string.h"

#include <stdint.h>

/*
 * The copies and memset work in words, STRING_BLOCK bytes per unrolled
 * iteration, once the destination is word-aligned; the source may stay
 * unaligned (x86 loads it all the same, and `aligned(1)` tells the
 * compiler so). Bytes are slow under QEMU's TCG: vmbench measures an
 * unrolled word loop as the fastest copy there, ahead of `rep movs`
 * (arch/<arch>/copy.S gives the numbers). pmap_zero_page and
 * pmap_copy_page are these two functions on one page.
 */
typedef unsigned long __attribute__((may_alias)) word_t;
typedef unsigned long __attribute__((may_alias, aligned(1))) uword_t;
#define WORD            sizeof(word_t)
#define STRING_BLOCK    (8 * WORD)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (n >= STRING_BLOCK) {
		for (; ((uintptr_t)d & (WORD - 1)) != 0; n--)
			*d++ = *s++;
		for (; n >= STRING_BLOCK; n -= STRING_BLOCK, d += STRING_BLOCK, s += STRING_BLOCK) {
			word_t *dw = (word_t *)d;
			const uword_t *sw = (const uword_t *)s;
			dw[0] = sw[0], dw[1] = sw[1], dw[2] = sw[2], dw[3] = sw[3];
			dw[4] = sw[4], dw[5] = sw[5], dw[6] = sw[6], dw[7] = sw[7];
		}
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const uword_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (n >= STRING_BLOCK) {
		word_t w = (unsigned char)c * (~0UL / 0xff);    /* c in every byte */
		for (; ((uintptr_t)d & (WORD - 1)) != 0; n--)
			*d++ = (unsigned char)c;
		for (; n >= STRING_BLOCK; n -= STRING_BLOCK, d += STRING_BLOCK) {
			word_t *dw = (word_t *)d;
			dw[0] = w, dw[1] = w, dw[2] = w, dw[3] = w;
			dw[4] = w, dw[5] = w, dw[6] = w, dw[7] = w;
		}
		for (; n >= WORD; n -= WORD, d += WORD)
			*(word_t *)d = w;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c == 0 ? (char *)s : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Base 0 means: 0x prefix is hex, leading 0 is octal, else decimal. */
unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;

	if (base == 0) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			base = 16, s += 2;
		else if (s[0] == '0' && s[1])
			base = 8, s++;
		else
			base = 10;
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (;; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'z')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return v;
}
