/*
 * string.h: memory and string functions. The copies move a word at a time
 * when source and destination are aligned alike (rep movs is slow under
 * QEMU's TCG on i386); everything else goes byte by byte, as plainly as
 * the standard describes it. (GCC is told not to turn these loops back
 * into calls to themselves: -fno-tree-loop-distribute-patterns.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A word that may alias anything, for the word-at-a-time copies. */
typedef unsigned long __attribute__((may_alias)) word_t;
#define WSIZE   sizeof(word_t)
#define ALIGNED(p)      (((uintptr_t)(p) & (WSIZE - 1)) == 0)

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (((uintptr_t)d & (WSIZE - 1)) == ((uintptr_t)s & (WSIZE - 1))) {
		while (n > 0 && !ALIGNED(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

/* Forward when dst is below src (a word read ahead is never overwritten), else backward. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n) {
		if (((uintptr_t)d & (WSIZE - 1)) == ((uintptr_t)s & (WSIZE - 1))) {
			while (n > 0 && !ALIGNED(d)) {
				*d++ = *s++;
				n--;
			}
			for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
				*(word_t *)d = *(const word_t *)s;
		}
		while (n-- > 0)
			*d++ = *s++;
		return dst;
	}
	d += n;
	s += n;
	if (((uintptr_t)d & (WSIZE - 1)) == ((uintptr_t)s & (WSIZE - 1))) {
		while (n > 0 && !ALIGNED(d)) {
			*--d = *--s;
			n--;
		}
		for (; n >= WSIZE; n -= WSIZE) {
			d -= WSIZE;
			s -= WSIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n-- > 0)
		*--d = *--s;
	return dst;
}

void *memset(void *p, int c, size_t n)
{
	unsigned char *d = p;
	word_t w = (unsigned char)c;

	w |= w << 8;
	w |= w << 16;
	w |= (w << 16) << 16;           /* a no-op where a word is 32 bits */
	while (n > 0 && !ALIGNED(d)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= WSIZE; n -= WSIZE, d += WSIZE)
		*(word_t *)d = w;
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n > 0; n--, s++)
		if (*s == (unsigned char)c)
			return (void *)s;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Comparisons are of unsigned chars, as the standard says. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y || *x == '\0')
			return *x - *y;
	return 0;
}

int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		continue;
	return dst;
}

char *stpcpy(char *restrict dst, const char *restrict src)
{
	while ((*dst = *src++) != '\0')
		dst++;
	return dst;
}

/* Copies at most n bytes and pads with NULs to n: dst is not terminated if src is long. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- > 0 && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

/* BSD: copies what fits with a NUL; returns strlen(src) (>= size: truncated). */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (*s == '\0')
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return NULL;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	if (s == NULL)
		s = *save;
	s += strspn(s, delim);
	if (*s == '\0') {
		*save = s;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end != '\0')
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp;

	if (s == NULL)
		return NULL;
	char *end = s + strcspn(s, delim);
	if (*end != '\0') {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}

char *strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}

char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}
