/*
 * Host tests of vm/kmem.c over the shim's uvm_km (page-aligned, zeroed
 * host memory, counted in host_km_pages).
 *
 * kmem_random allocates sizes 1..8192 and frees them in a seeded random
 * order. Each object is filled with its own pattern, checked before it is
 * freed: objects that overlap, or one object handed out twice, break a
 * pattern; a write past the end of a slab's page or of a large object's
 * pages is an ASan report. (ASan cannot see an overrun from one object
 * into its neighbour in the same slab; the neighbour's pattern does.)
 * The other tests: kmem_zalloc zeroes recycled objects; slabs are reused
 * and returned; bad frees panic (the test catches the panic with
 * host_catch_panic and checks its message); KM_NOSLEEP fails softly,
 * also for sizes no allocation can meet (0, or ones that would wrap when
 * rounded to pages), which KM_SLEEP callers must never pass.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "vm/kmem.h"
#include "vm/uvm_param.h"

#define KMEM_LARGE      1024    /* above this, whole pages (kmem.c) */

struct obj {
	unsigned char *p;
	size_t size;
	uint8_t tag;
};

static void fill(struct obj *o)
{
	for (size_t j = 0; j < o->size; j++)
		o->p[j] = (uint8_t)(o->tag + j * 7);
}

static void check_pattern(const struct obj *o)
{
	for (size_t j = 0; j < o->size; j++)
		CHECKF(o->p[j] == (uint8_t)(o->tag + j * 7), "object %p (%zu bytes) "
		    "overwritten at byte %zu", (void *)o->p, o->size, j);
}

/* Sizes 1..8192, with the class edges more often than chance would pick them. */
static size_t rand_size(void)
{
	static const size_t edges[] = { 1, 15, 16, 17, 63, 64, 65, 1023, 1024,
	    1025, 4095, 4096, 4097, 8192 };

	if (host_rand_below(8) == 0)
		return edges[host_rand_below(sizeof(edges) / sizeof(edges[0]))];
	if (host_rand_below(4) == 0)
		return 1 + host_rand_below(8192);
	return 1 + host_rand_below(KMEM_LARGE);
}

/* Objects are aligned to their class, up to 64 bytes; large ones to a page. */
static size_t expected_align(size_t size)
{
	size_t a = 16;

	if (size > KMEM_LARGE)
		return PAGE_SIZE;
	while (a < size && a < 64)
		a <<= 1;
	return a;
}

void test_kmem_random(void)
{
	enum { MAX_LIVE = 800 };
	static struct obj live[MAX_LIVE];
	int nlive = 0, max_live = 0;
	uint64_t bytes = 0;

	kmem_init();
	for (int step = 0; step < 60000; step++) {
		int alloc_pct = (step / 3000) % 2 ? 35 : 65;
		if (nlive < MAX_LIVE && (nlive == 0 || (int)host_rand_below(100) < alloc_pct)) {
			struct obj *o = &live[nlive++];
			o->size = rand_size();
			o->tag = host_rand();
			o->p = kmem_alloc(o->size, host_rand_below(2) ? KM_SLEEP : KM_NOSLEEP);
			CHECK_UNLOCKED();
			CHECK(o->p != NULL);
			CHECKF((uintptr_t)o->p % expected_align(o->size) == 0,
			    "%zu bytes at %p", o->size, (void *)o->p);
			fill(o);
			bytes += o->size;
		} else {
			int k = host_rand_below(nlive);
			check_pattern(&live[k]);
			kmem_free(live[k].p, live[k].size);
			CHECK_UNLOCKED();
			bytes -= live[k].size;
			live[k] = live[--nlive];
		}
		CHECK_EQ(kmem_bytes_in_use(), bytes);
		max_live = nlive > max_live ? nlive : max_live;
	}
	CHECK(max_live > MAX_LIVE / 2);
	while (nlive > 0) {
		check_pattern(&live[--nlive]);
		kmem_free(live[nlive].p, live[nlive].size);
	}
	CHECK_EQ(kmem_bytes_in_use(), 0);
	CHECKF(host_km_pages == 0, "%ld pages not returned to uvm_km", host_km_pages);
}

void test_kmem_zalloc(void)
{
	static const size_t sizes[] = { 1, 16, 24, 100, 1000, 1024, 1025, 8192 };
	enum { N = 600 };
	static unsigned char *p[N];

	kmem_init();
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t size = sizes[s];
		int reused = 0;

		/* Dirty N objects and free every other one, so their slabs stay. */
		for (int k = 0; k < N; k++) {
			p[k] = kmem_alloc(size, KM_SLEEP);
			memset(p[k], 0xa5, size);
		}
		for (int k = 0; k < N; k += 2)
			kmem_free(p[k], size);
		for (int k = 0; k < N; k += 2) {
			unsigned char *z = kmem_zalloc(size, KM_SLEEP);
			CHECK_UNLOCKED();
			for (size_t j = 0; j < size; j++)
				CHECKF(z[j] == 0, "kmem_zalloc(%zu) = %p: byte %zu is %#x",
				    size, (void *)z, j, z[j]);
			for (int i = 0; i < N; i += 2)
				reused += z == p[i];
			p[k] = z;
		}
		/* The slabs' recycled objects were among them (the check has bite). */
		CHECK(size > KMEM_LARGE || reused > 0);
		for (int k = 0; k < N; k++)
			kmem_free(p[k], size);
		CHECK_EQ(kmem_bytes_in_use(), 0);
		CHECK_EQ(host_km_pages, 0);
	}
}

/*
 * Slabs: a freed object is reused before a new page is taken (its slab
 * goes back on the list), and a slab whose objects are all free goes back
 * to uvm_km at once.
 */
void test_kmem_slabs(void)
{
	static const size_t sizes[] = { 16, 64, 1024 };
	enum { MAX = 1024 };
	static void *p[MAX];

	kmem_init();
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t size = sizes[s];
		long pages0 = host_km_pages;
		int n = 0, slab2 = -1;

		/* Fill two slabs, and take the first object of a third. */
		while (host_km_pages < pages0 + 3) {
			CHECK(n < MAX);
			p[n] = kmem_alloc(size, KM_SLEEP);
			if (host_km_pages == pages0 + 2 && slab2 < 0)
				slab2 = n;
			n++;
		}
		int nobjs = slab2;              /* objects per slab */
		CHECK_EQ(n, 2 * nobjs + 1);
		/* One object back in each full slab: nobjs + 1 objects fit, no more. */
		kmem_free(p[0], size);
		kmem_free(p[slab2], size);
		p[0] = p[--n];
		p[slab2] = p[--n];
		for (int k = 0; k < nobjs + 1; k++) {
			p[n++] = kmem_alloc(size, KM_SLEEP);
			CHECKF(host_km_pages == pages0 + 3, "size %zu: a new slab while %d "
			    "objects were free", size, nobjs + 1 - k);
		}
		p[n++] = kmem_alloc(size, KM_SLEEP);
		CHECK_EQ(host_km_pages, pages0 + 4);
		while (n > 0)
			kmem_free(p[--n], size);
		CHECK_EQ(host_km_pages, pages0);
	}
	CHECK_EQ(kmem_bytes_in_use(), 0);
}

struct bad_free {
	void *p;
	size_t size;
};

static void do_free(void *arg)
{
	struct bad_free *b = arg;
	kmem_free(b->p, b->size);
}

static void do_alloc(void *arg)
{
	struct bad_free *b = arg;
	b->p = kmem_alloc(b->size, KM_SLEEP);
}

/* fn(p, size) must panic with a message containing want. */
static void expect_panic(void (*fn)(void *), void *p, size_t size, const char *want)
{
	struct bad_free b = { p, size };
	char msg[512];

	CHECKF(host_catch_panic(fn, &b, msg, sizeof(msg)),
	    "no panic for (%p, %zu); wanted \"%s\"", p, size, want);
	CHECKF(strstr(msg, want) != NULL, "panic \"%s\"; wanted \"%s\"", msg, want);
}

void test_kmem_bad_free(void)
{
	kmem_init();
	unsigned char *a = kmem_alloc(64, KM_SLEEP), *b = kmem_alloc(64, KM_SLEEP);
	unsigned char *c = kmem_alloc(100, KM_SLEEP);   /* a 128-byte object */
	unsigned char *large = kmem_alloc(2000, KM_SLEEP);
	unsigned char *host = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	CHECK(a && b && c && large && host);
	memset(host, 0, PAGE_SIZE);

	/* A double free, with b keeping the slab alive. */
	kmem_free(a, 64);
	expect_panic(do_free, a, 64, "double free of");
	/* Wrong sizes, wrong pointers. */
	expect_panic(do_free, c, 200, "does not match the allocation");
	expect_panic(do_free, c, 16, "does not match the allocation");
	expect_panic(do_free, c, 5000, "was not a large allocation");
	expect_panic(do_free, c + 8, 100, "is not the start of an object");
	expect_panic(do_free, large, 100, "is not in a kmem slab");
	expect_panic(do_free, host + 64, 64, "is not in a kmem slab");
	expect_panic(do_alloc, NULL, 0, "zero-sized allocation with KM_SLEEP");
	/* A double free of a slab's only object: the slab is gone by then. */
	unsigned char *lone = kmem_alloc(1000, KM_SLEEP);       /* a fresh 1024 slab */
	kmem_free(lone, 1000);
	expect_panic(do_free, lone, 1000, "freed twice?");
	/* The panics changed nothing: a and another object are distinct. */
	CHECK_EQ(kmem_bytes_in_use(), 64 + 100 + 2000);
	unsigned char *a2 = kmem_alloc(64, KM_SLEEP), *a3 = kmem_alloc(64, KM_SLEEP);
	CHECK(a2 != a3 && a2 != b && a3 != b);
	kmem_free(a2, 64);
	kmem_free(a3, 64);
	kmem_free(b, 64);
	kmem_free(c, 100);
	kmem_free(large, 2000);
	free(host);
	CHECK_EQ(kmem_bytes_in_use(), 0);
	CHECK_EQ(host_km_pages, 0);
}

void test_kmem_nosleep(void)
{
	kmem_init();
	void *keep = kmem_alloc(32, KM_SLEEP);

	/* uvm_km has no memory: KM_NOSLEEP gets NULL, KM_SLEEP panics (for now). */
	host_km_fail = true;
	CHECK(kmem_alloc(100, KM_NOSLEEP) == NULL);
	CHECK(kmem_alloc(5000, KM_NOSLEEP) == NULL);
	CHECK_UNLOCKED();
	CHECK_EQ(kmem_bytes_in_use(), 32);
	expect_panic(do_alloc, NULL, 100, "out of memory");
	expect_panic(do_alloc, NULL, 5000, "out of memory");
	/* A slab with room needs no new page. */
	void *more = kmem_alloc(32, KM_NOSLEEP);
	CHECK(more != NULL);
	host_km_fail = false;
	kmem_free(more, 32);
	kmem_free(keep, 32);
	CHECK_EQ(kmem_bytes_in_use(), 0);
	CHECK_EQ(host_km_pages, 0);
}

/* Sizes from user space: NULL with KM_NOSLEEP, nothing taken; KM_SLEEP panics. */
void test_kmem_huge_sizes(void)
{
	static const size_t sizes[] = { 0, SIZE_MAX, SIZE_MAX - PAGE_SIZE + 2,
	    (size_t)0 - PAGE_SIZE, (size_t)1 << 62 };

	kmem_init();
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		CHECKF(kmem_alloc(sizes[i], KM_NOSLEEP) == NULL, "kmem_alloc(%#zx)", sizes[i]);
		CHECKF(kmem_zalloc(sizes[i], KM_NOSLEEP) == NULL, "kmem_zalloc(%#zx)", sizes[i]);
		CHECK_UNLOCKED();
	}
	CHECK_EQ(kmem_bytes_in_use(), 0);
	CHECK_EQ(host_km_pages, 0);
	expect_panic(do_alloc, NULL, 0, "zero-sized allocation with KM_SLEEP");
	expect_panic(do_alloc, NULL, SIZE_MAX, "with KM_SLEEP (an impossible size");
	CHECK_EQ(kmem_bytes_in_use(), 0);
}
