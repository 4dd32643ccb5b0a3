/*
 * Host tests of vm/vmem.c, the boundary-tag allocator behind uvm_km, on
 * the real page allocator (its tag pages come from uvm_pagealloc through
 * the shim's direct map) under ASan and UBSan.
 *
 * The model is a bitmap of the arena's quanta: an allocation must lie in
 * the arena, at its alignment, over quanta no live allocation holds; a
 * failure (ENOSPC) is only allowed when the bitmap has no free run that
 * fits; vmem_check verifies the arena's own invariants after each step.
 * At the end everything is freed, and the arena must be back to one free
 * segment holding no tag page, the page allocator to its free count.
 * The other tests: 4000 holes (four times what the old table held), a
 * free with no memory left at all, the sizes that must fail without a
 * panic, and the frees that must panic.
 */
#include <stdint.h>
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "kernel/errno.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"
#include "vm/vmem.h"

#define ARENA_BASE      0x40000000UL
#define ARENA_PAGES     8192

static struct vmem arena;
static uint8_t held[ARENA_PAGES];       /* the model: 1 if the quantum is allocated */

static size_t qidx(vmem_addr_t a)
{
	return (a - ARENA_BASE) / PAGE_SIZE;
}

/* Could an aligned run of n pages fit anywhere in the model? */
static bool model_fits(size_t n, size_t align_pages)
{
	for (size_t s = 0; s + n <= ARENA_PAGES; s += align_pages) {
		size_t k = 0;
		while (k < n && !held[s + k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static void model_take(vmem_addr_t a, size_t n, size_t align_pages)
{
	CHECKF(a >= ARENA_BASE && qidx(a) + n <= ARENA_PAGES, "%#lx + %zu pages is outside "
	    "the arena", (unsigned long)a, n);
	CHECKF(qidx(a) % align_pages == 0, "%#lx is not aligned to %zu pages",
	    (unsigned long)a, align_pages);
	for (size_t k = 0; k < n; k++) {
		CHECKF(!held[qidx(a) + k], "%#lx + %zu pages overlaps a live allocation",
		    (unsigned long)a, n);
		held[qidx(a) + k] = 1;
	}
}

static void model_give(vmem_addr_t a, size_t n)
{
	for (size_t k = 0; k < n; k++)
		held[qidx(a) + k] = 0;
}

void test_vmem_model(void)
{
	enum { MAX_LIVE = 700, STEPS = 30000 };
	static struct { vmem_addr_t a; size_t bytes, pages; } live[MAX_LIVE];
	int nlive = 0, nospc = 0;
	size_t max_pages = 0;

	host_vm_boot();
	int64_t free0 = uvmexp.free;
	vmem_init(&arena, "model", ARENA_BASE, ARENA_PAGES * PAGE_SIZE, PAGE_SIZE);
	for (int step = 0; step < STEPS; step++) {
		int alloc_pct = (step / 2000) % 2 ? 40 : 75;
		if (nlive < MAX_LIVE && (nlive == 0 || (int)host_rand_below(100) < alloc_pct)) {
			size_t pages = host_rand_below(4) ? 1 + host_rand_below(8) :
			    1 + host_rand_below(64);
			size_t bytes = pages * PAGE_SIZE - host_rand_below(PAGE_SIZE);
			size_t align = (size_t)1 << (host_rand_below(3) ? 0 : host_rand_below(6));
			vmem_addr_t a;
			int error = vmem_xalloc(&arena, bytes, align * PAGE_SIZE, 0, &a);
			CHECK_UNLOCKED();
			if (error) {
				CHECK_EQ(error, ENOSPC);
				CHECKF(!model_fits(pages, align), "ENOSPC for %zu pages aligned to %zu, "
				    "but the model has room", pages, align);
				nospc++;
			} else {
				model_take(a, pages, align);
				live[nlive].a = a;
				live[nlive].bytes = bytes;
				live[nlive].pages = pages;
				nlive++;
			}
		} else {
			int k = host_rand_below(nlive);
			vmem_free(&arena, live[k].a, live[k].bytes);
			CHECK_UNLOCKED();
			model_give(live[k].a, live[k].pages);
			live[k] = live[--nlive];
		}
		if (step % 8 == 0 || nlive < 4)
			vmem_check(&arena);
		if (vmem_npages(&arena) > max_pages)
			max_pages = vmem_npages(&arena);
	}
	CHECKF(nospc > 0, "the arena never filled: the test does not reach ENOSPC");
	CHECKF(max_pages >= 3, "at most %zu tag pages: the pool's pages were hardly used",
	    max_pages);
	while (nlive > 0) {
		nlive--;
		vmem_free(&arena, live[nlive].a, live[nlive].bytes);
		model_give(live[nlive].a, live[nlive].pages);
	}
	vmem_check(&arena);
	CHECK_EQ(vmem_inuse(&arena), 0);
	CHECK_EQ(vmem_ntags(&arena), 1);
	CHECK_EQ(vmem_npages(&arena), 0);
	CHECK_EQ(uvmexp.free, free0);
	vmem_destroy(&arena);
}

/* Every page of the arena singly, free every other, then the rest. */
void test_vmem_holes(void)
{
	static vmem_addr_t a[ARENA_PAGES];
	vmem_addr_t extra;

	host_vm_boot();
	int64_t free0 = uvmexp.free;
	vmem_init(&arena, "holes", ARENA_BASE, ARENA_PAGES * PAGE_SIZE, PAGE_SIZE);
	for (int i = 0; i < ARENA_PAGES; i++)
		CHECK_EQ(vmem_xalloc(&arena, PAGE_SIZE, 0, 0, &a[i]), 0);
	CHECK_EQ(vmem_xalloc(&arena, PAGE_SIZE, 0, 0, &extra), ENOSPC);
	CHECK_EQ(vmem_ntags(&arena), ARENA_PAGES);
	CHECK(vmem_npages(&arena) > 0);
	CHECK_EQ(uvmexp.free, free0 - (int64_t)vmem_npages(&arena));
	for (int i = 0; i < ARENA_PAGES; i += 2)
		vmem_free(&arena, a[i], PAGE_SIZE);
	vmem_check(&arena);
	CHECK_EQ(vmem_inuse(&arena), ARENA_PAGES / 2 * PAGE_SIZE);
	/* 4096 one-page holes: two pages fit nowhere. */
	CHECK_EQ(vmem_xalloc(&arena, 2 * PAGE_SIZE, 0, 0, &extra), ENOSPC);
	for (int i = 1; i < ARENA_PAGES; i += 2)
		vmem_free(&arena, a[i], PAGE_SIZE);
	vmem_check(&arena);
	CHECK_EQ(vmem_ntags(&arena), 1);
	CHECK_EQ(vmem_npages(&arena), 0);
	CHECK_EQ(uvmexp.free, free0);
	/* All of it is one segment again. */
	CHECK_EQ(vmem_xalloc(&arena, ARENA_PAGES * PAGE_SIZE, 0, 0, &extra), 0);
	CHECK_EQ(extra, ARENA_BASE);
	vmem_free(&arena, extra, ARENA_PAGES * PAGE_SIZE);
	vmem_destroy(&arena);
}

/*
 * With not one free page left, an allocation that needs a new tag page
 * fails with ENOMEM and changes nothing, and every free still works.
 */
void test_vmem_no_memory(void)
{
	enum { N = 400 };
	static vmem_addr_t a[N];
	static struct vm_page *pgs[HOST_MAX_PAGES];
	int npgs = 0, n = 0;
	vmem_addr_t x;

	host_vm_boot();
	int64_t free0 = uvmexp.free;
	vmem_init(&arena, "nomem", ARENA_BASE, ARENA_PAGES * PAGE_SIZE, PAGE_SIZE);
	/* Past the static tags: the arena holds a tag page. */
	for (; n < VMEM_NSTATIC + 5; n++)
		CHECK_EQ(vmem_xalloc(&arena, PAGE_SIZE, 0, 0, &a[n]), 0);
	CHECK_EQ(vmem_npages(&arena), 1);
	while ((pgs[npgs] = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_USERESERVE)) != NULL)
		npgs++;
	/* What is left (uvmexp.reserve_pagedaemon) is the pagedaemon's alone. */
	CHECK(uvmexp.free <= uvmexp.reserve_pagedaemon);
	size_t tags = vmem_ntags(&arena);
	vmem_size_t inuse = vmem_inuse(&arena);
	int error = 0;
	/* Fill the free slots left; then the next one needs a page. */
	while (n < N && (error = vmem_xalloc(&arena, PAGE_SIZE, 0, VMEM_USERESERVE, &a[n])) == 0)
		n++;
	CHECK_EQ(error, ENOMEM);
	CHECK_UNLOCKED();
	vmem_check(&arena);
	CHECK(vmem_ntags(&arena) >= tags);
	CHECK_EQ(vmem_inuse(&arena), inuse + (vmem_ntags(&arena) - tags) * PAGE_SIZE);
	/* Frees need nothing: every other, then the rest. */
	for (int i = 0; i < n; i += 2)
		vmem_free(&arena, a[i], PAGE_SIZE);
	for (int i = 1; i < n; i += 2)
		vmem_free(&arena, a[i], PAGE_SIZE);
	vmem_check(&arena);
	CHECK_EQ(vmem_npages(&arena), 0);
	CHECK_EQ(vmem_xalloc(&arena, PAGE_SIZE, 0, 0, &x), 0);  /* a static tag */
	vmem_free(&arena, x, PAGE_SIZE);
	while (npgs > 0)
		uvm_pagefree(pgs[--npgs]);
	CHECK_EQ(uvmexp.free, free0);
	vmem_destroy(&arena);
}

/* Sizes a user could pass: refused with EINVAL, never a panic or a wrap. */
void test_vmem_bad_sizes(void)
{
	vmem_size_t total = ARENA_PAGES * PAGE_SIZE;
	vmem_addr_t a = 0x1234;

	host_vm_boot();
	vmem_init(&arena, "sizes", ARENA_BASE, total, PAGE_SIZE);
	CHECK_EQ(vmem_xalloc(&arena, 0, 0, 0, &a), EINVAL);
	CHECK_EQ(vmem_xalloc(&arena, SIZE_MAX, 0, 0, &a), EINVAL);
	CHECK_EQ(vmem_xalloc(&arena, SIZE_MAX - PAGE_SIZE + 2, 0, 0, &a), EINVAL);
	CHECK_EQ(vmem_xalloc(&arena, (vmem_size_t)0 - PAGE_SIZE, 0, 0, &a), EINVAL);
	CHECK_EQ(vmem_xalloc(&arena, total + 1, 0, 0, &a), EINVAL);
	CHECK_EQ(a, 0x1234);
	CHECK_UNLOCKED();
	/* The whole arena is a fine size; then nothing is left. */
	CHECK_EQ(vmem_xalloc(&arena, total - 1, 0, 0, &a), 0);
	CHECK_EQ(a, ARENA_BASE);
	vmem_addr_t b;
	CHECK_EQ(vmem_xalloc(&arena, 1, 0, 0, &b), ENOSPC);
	vmem_free(&arena, a, total - 1);
	vmem_check(&arena);
	vmem_destroy(&arena);
}

struct bad_free {
	vmem_addr_t a;
	vmem_size_t size;
};

static void do_free(void *arg)
{
	struct bad_free *b = arg;
	vmem_free(&arena, b->a, b->size);
}

static void expect_panic(vmem_addr_t a, vmem_size_t size, const char *want)
{
	struct bad_free b = { a, size };
	char msg[512];

	CHECKF(host_catch_panic(do_free, &b, msg, sizeof(msg)),
	    "no panic for vmem_free(%#lx, %#lx); wanted \"%s\"", (unsigned long)a,
	    (unsigned long)size, want);
	CHECKF(strstr(msg, want) != NULL, "panic \"%s\"; wanted \"%s\"", msg, want);
	CHECK_UNLOCKED();
}

void test_vmem_bad_free(void)
{
	vmem_addr_t a, b;

	host_vm_boot();
	vmem_init(&arena, "badfree", ARENA_BASE, ARENA_PAGES * PAGE_SIZE, PAGE_SIZE);
	CHECK_EQ(vmem_xalloc(&arena, 3 * PAGE_SIZE, 0, 0, &a), 0);
	CHECK_EQ(vmem_xalloc(&arena, PAGE_SIZE, 0, 0, &b), 0);
	expect_panic(a + PAGE_SIZE, PAGE_SIZE, "is not the start of an allocated range");
	expect_panic(a, 2 * PAGE_SIZE, "was allocated with size");
	expect_panic(a, 4 * PAGE_SIZE, "was allocated with size");
	vmem_free(&arena, b, PAGE_SIZE);
	expect_panic(b, PAGE_SIZE, "freed twice?");
	vmem_check(&arena);
	vmem_free(&arena, a, 3 * PAGE_SIZE - 100);      /* an unrounded size is fine */
	vmem_destroy(&arena);
}
