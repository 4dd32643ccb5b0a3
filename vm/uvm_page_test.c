/*
 * In-kernel tests of the page allocator on real memory: counts, the zero
 * pool, the reserve, and uvm_pglistalloc's constraints. Host tests
 * (tests/host) cover the same code under sanitizers with random sequences.
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"

static bool page_is_zero(struct vm_page *pg)
{
	const unsigned long *w = (const unsigned long *)PMAP_DIRECT_MAP(pg->phys_addr);

	for (unsigned i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

KTEST(page_alloc_free_counts)
{
	int64_t free0 = uvmexp.free;
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, 0);

	KT_ASSERT(pg != NULL);
	KT_ASSERT_EQ(uvmexp.free, free0 - 1);
	KT_ASSERT(!(pg->pqflags & PQ_FREE));
	KT_ASSERT(pg->flags & PG_BUSY);
	KT_ASSERT(uvm_phys_to_page(pg->phys_addr) == pg);
	KT_ASSERT(uvm_phys_to_page(pg->phys_addr + PAGE_SIZE - 1) == pg);
	uvm_pagefree(pg);
	KT_ASSERT_EQ(uvmexp.free, free0);
	KT_ASSERT(pg->pqflags & PQ_FREE);
}

KTEST(page_alloc_zero_fills)
{
	struct pglist l;
	struct vm_page *pg;
	int64_t miss0 = uvmexp.pga_zeromiss, hit0 = uvmexp.pga_zerohit;
	enum { N = 32 };

	/* Dirty N pages and free them: they go back as "unknown" pages. */
	TAILQ_INIT(&l);
	for (int i = 0; i < N; i++) {
		pg = uvm_pagealloc(NULL, 0, NULL, 0);
		KT_ASSERT(pg != NULL);
		memset((void *)PMAP_DIRECT_MAP(pg->phys_addr), 0xa5, PAGE_SIZE);
		TAILQ_INSERT_TAIL(&l, pg, pageq);
	}
	uvm_pglistfree(&l);
	for (int i = 0; i < N; i++) {
		pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
		KT_ASSERT(pg != NULL);
		KT_ASSERT(page_is_zero(pg));
		KT_ASSERT(!(pg->flags & PG_CLEAN));     /* the only copy: not clean */
		TAILQ_INSERT_TAIL(&l, pg, pageq);
	}
	uvm_pglistfree(&l);
	KT_ASSERT_EQ((uvmexp.pga_zeromiss - miss0) + (uvmexp.pga_zerohit - hit0), N);
}

KTEST(page_zero_pool)
{
	/* Fill the pool a little (the idle thread may have done it already). */
	for (int i = 0; i < 8 && uvm_pageidlezero(); i++)
		;
	KT_ASSERT(uvmexp.zeropages >= 8);

	/*
	 * A dirty page freed goes to the UNKNOWN queue of its free list, and
	 * a plain allocation takes it again rather than a zeroed page.
	 */
	struct vm_page *dirty = uvm_pagealloc(NULL, 0, NULL, 0);
	KT_ASSERT(dirty != NULL);
	memset((void *)PMAP_DIRECT_MAP(dirty->phys_addr), 0xff, PAGE_SIZE);
	uvm_pagefree(dirty);
	int64_t zp = uvmexp.zeropages, hit0 = uvmexp.pga_zerohit;
	struct vm_page *plain = uvm_pagealloc(NULL, 0, NULL, 0);
	KT_ASSERT(plain == dirty);
	KT_ASSERT_EQ(uvmexp.zeropages, zp);

	/* A zeroed request is served from the pool, and really is zero. */
	struct vm_page *z = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	KT_ASSERT(z != NULL);
	KT_ASSERT_EQ(uvmexp.pga_zerohit, hit0 + 1);
	KT_ASSERT_EQ(uvmexp.zeropages, zp - 1);
	KT_ASSERT(page_is_zero(z));
	uvm_pagefree(z);
	uvm_pagefree(plain);
}

KTEST(page_reserve_holds)
{
	struct pglist l;
	struct vm_page *pg;
	int64_t got = 0;

	/* Take every page an ordinary request may have. */
	TAILQ_INIT(&l);
	while ((pg = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL) {
		TAILQ_INSERT_TAIL(&l, pg, pageq);
		got++;
	}
	KT_ASSERT(got > 0);
	KT_ASSERT_EQ(uvmexp.free, uvmexp.reserve_kernel);
	/* The kernel's reserve is still there for USERESERVE. */
	pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_USERESERVE);
	bool reserve_ok = pg != NULL;
	if (pg)
		TAILQ_INSERT_TAIL(&l, pg, pageq);
	uvm_pglistfree(&l);
	KT_ASSERT(reserve_ok);
}

KTEST(pglist_contig_aligned)
{
	struct pglist l;
	struct vm_page *pg;
	psize_t size = 16 * PAGE_SIZE, align = 64 * 1024;

	KT_ASSERT_EQ(uvm_pglistalloc(size, 0, (paddr_t)1 << 32, align, 0, &l, 1, 0), 0);
	paddr_t first = TAILQ_FIRST(&l)->phys_addr, expect = first;
	int n = 0;
	KT_ASSERT_EQ(first % align, 0);
	TAILQ_FOREACH(pg, &l, pageq) {
		KT_ASSERT_EQ(pg->phys_addr, expect);
		KT_ASSERT(!(pg->pqflags & PQ_FREE));
		expect += PAGE_SIZE;
		n++;
	}
	KT_ASSERT_EQ(n, 16);
	uvm_pglistfree(&l);
}

KTEST(pglist_boundary_and_range)
{
	struct pglist l;
	struct vm_page *pg;
	psize_t size = 8 * PAGE_SIZE, boundary = 64 * 1024;
	paddr_t low = 0x200000, high = 0x1000000;       /* [2 MiB, 16 MiB) */

	for (int round = 0; round < 8; round++) {
		KT_ASSERT_EQ(uvm_pglistalloc(size, low, high, PAGE_SIZE, boundary, &l, 1, 0), 0);
		paddr_t first = TAILQ_FIRST(&l)->phys_addr;
		paddr_t last = first + size - 1;
		KT_ASSERT(first >= low && last < high);
		KT_ASSERT_EQ(first / boundary, last / boundary);
		uvm_pglistfree(&l);
		low += 0x10000 + PAGE_SIZE * 3;         /* move the window around */
	}
	/* Page by page: only the range matters. */
	KT_ASSERT_EQ(uvm_pglistalloc(40 * PAGE_SIZE, 0x100000, 0x1000000, 0, 0, &l, 40, 0), 0);
	int n = 0;
	TAILQ_FOREACH(pg, &l, pageq) {
		KT_ASSERT(pg->phys_addr >= 0x100000 && pg->phys_addr < 0x1000000);
		n++;
	}
	KT_ASSERT_EQ(n, 40);
	uvm_pglistfree(&l);
}

KTEST(pglist_bad_arguments)
{
	struct pglist l;
	int64_t free0 = uvmexp.free;

	KT_ASSERT_EQ(uvm_pglistalloc(0, 0, ~(paddr_t)0, 0, 0, &l, 1, 0), EINVAL);
	KT_ASSERT_EQ(uvm_pglistalloc(PAGE_SIZE, 0, ~(paddr_t)0, 3 * PAGE_SIZE, 0, &l, 1, 0), EINVAL);
	KT_ASSERT_EQ(uvm_pglistalloc(4 * PAGE_SIZE, 0, ~(paddr_t)0, 0, 2 * PAGE_SIZE, &l, 1, 0), EINVAL);
	KT_ASSERT_EQ(uvm_pglistalloc(PAGE_SIZE, 0x100000, 0x100000, 0, 0, &l, 1, 0), EINVAL);
	KT_ASSERT_EQ(uvm_pglistalloc(PAGE_SIZE, 0, ~(paddr_t)0, 0, 0, &l, 0, 0), EINVAL);
	/* More than there is: ENOMEM, and nothing taken. */
	KT_ASSERT_EQ(uvm_pglistalloc(ptoa(uvmexp.free + 1), 0, ~(paddr_t)0, 0, 0, &l,
	    uvmexp.free + 1, 0), ENOMEM);
	/* A range with no RAM in it. */
	KT_ASSERT_EQ(uvm_pglistalloc(PAGE_SIZE, 0xa0000, 0xc0000, 0, 0, &l, 1, 0), ENOMEM);
	KT_ASSERT_EQ(uvmexp.free, free0);
}

KTEST_DEATH_TEST(page_double_free)
{
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, 0);
	KT_ASSERT(pg != NULL);
	uvm_pagefree(pg);
	uvm_pagefree(pg);       /* must panic: "is already free" */
}
