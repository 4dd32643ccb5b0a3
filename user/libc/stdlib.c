/* stdlib.h: sorting, searching, arithmetic and random numbers. */
#include <stdint.h>
#include <stdlib.h>

/* Swaps two elements of size bytes. */
static void swap(char *a, char *b, size_t size)
{
	while (size-- > 0) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Moves element i down the max-heap base[0..n) until its children are not larger. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp(base + l * size, base + big * size) > 0)
			big = l;
		if (r < n && cmp(base + r * size, base + big * size) > 0)
			big = r;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

/*
 * Heapsort: O(n log n) comparisons even on sorted or hostile input, no
 * recursion and no memory; not stable (qsort need not be).
 */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;

	if (n < 2 || size == 0)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	const char *b = base;

	while (n > 0) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

long long llabs(long long x)
{
	return x < 0 ? -x : x;
}

div_t div(int num, int den)
{
	return (div_t){ num / den, num % den };
}

ldiv_t ldiv(long num, long den)
{
	return (ldiv_t){ num / den, num % den };
}

/* A 64-bit linear congruential generator (Knuth's MMIX constants); the top 31 bits. */
static uint64_t rand_state = 1;

int rand(void)
{
	rand_state = rand_state * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(rand_state >> 33);
}

void srand(unsigned int seed)
{
	rand_state = seed;
}
