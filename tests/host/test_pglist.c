/*
 * Host tests of uvm_pglistalloc/uvm_pglistfree (vm/uvm_page.c) on the
 * shim's arena (vmboot.h). Memory is first fragmented at random (seeded);
 * then random requests are checked page by page against their
 * constraints, and every ENOMEM against a brute-force search: a request
 * may fail only if no pages in the arena satisfy it (or the kernel's
 * reserve forbids it), and a failure must leave the free pages as they were.
 */
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "kernel/errno.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"

#define KEEP_RUNS       24      /* runs the random tests keep, to fragment */

/* The pages held outside the free lists, and the runs kept allocated. */
static struct vm_page *held[HOST_MAX_PAGES];
static int nheld;
static struct pglist runs[KEEP_RUNS + 1];   /* + the one being checked */
static int nruns;

/*
 * Boots, takes every page it may, then frees each with probability
 * keep_free_pct percent, and zeroes a few, so that the free pages are
 * scattered and of both zero states.
 */
static void boot_fragmented(int keep_free_pct)
{
	struct vm_page *pg;

	host_vm_boot();
	while ((pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_USERESERVE)) != NULL)
		held[nheld++] = pg;
	for (int k = 0; k < nheld; k++) {
		if ((int)host_rand_below(100) < keep_free_pct) {
			uvm_pagefree(held[k]);
			held[k--] = held[--nheld];
		}
	}
	for (int k = 0; k < 32; k++)
		uvm_pageidlezero();
}

/* Returns everything and checks that every page is free again. */
static void free_all(void)
{
	while (nruns > 0)
		uvm_pglistfree(&runs[--nruns]);
	while (nheld > 0)
		uvm_pagefree(held[--nheld]);
	CHECK_UNLOCKED();
	CHECK_EQ(uvmexp.free, uvmexp.npages);
	for (int i = 0; i < uvmexp.npages; i++)
		CHECK_EQ(host_vm_page(i)->pqflags, PQ_FREE);
}

static bool page_free(paddr_t pa)
{
	struct vm_page *pg = uvm_phys_to_page(pa);
	return pg && (pg->pqflags & PQ_FREE);
}

/* Free pages wholly inside [low, high). */
static int64_t free_in(paddr_t low, paddr_t high)
{
	int64_t n = 0;

	for (int i = 0; i < uvmexp.npages; i++) {
		struct vm_page *pg = host_vm_page(i);
		n += (pg->pqflags & PQ_FREE) && pg->phys_addr >= low &&
		    pg->phys_addr + PAGE_SIZE <= high;
	}
	return n;
}

/*
 * Is there a free run as the request asks for? Within one segment, as
 * uvm_pglistalloc looks: a run across the 16 MiB line, where two
 * segments meet, is not required.
 */
static bool run_exists(paddr_t npages, paddr_t low, paddr_t high,
    psize_t align, psize_t boundary)
{
	for (int s = 0; s < vm_nphysseg; s++) {
		paddr_t start = ptoa(vm_physmem[s].avail_start), end = ptoa(vm_physmem[s].avail_end);
		for (paddr_t pa = start; pa + ptoa(npages) <= end; pa += PAGE_SIZE) {
			paddr_t last = pa + ptoa(npages) - 1;
			if (pa % align || pa < low || last >= high)
				continue;
			if (boundary && pa / boundary != last / boundary)
				continue;
			paddr_t k = 0;
			while (k < npages && page_free(pa + ptoa(k)))
				k++;
			if (k == npages)
				return true;
		}
	}
	return false;
}

/* Checks one returned list: npages managed, handed-out pages, in [low, high). */
static void check_list(struct pglist *l, paddr_t npages, paddr_t low, paddr_t high)
{
	struct vm_page *pg;
	paddr_t n = 0;

	TAILQ_FOREACH(pg, l, pageq) {
		host_vm_index(pg);
		CHECK_EQ(pg->pqflags, 0);
		CHECK_EQ(pg->flags, PG_BUSY | PG_FAKE);
		CHECKF(pg->phys_addr >= low && pg->phys_addr + PAGE_SIZE <= high,
		    "page %#llx outside [%#llx, %#llx)", (unsigned long long)pg->phys_addr,
		    (unsigned long long)low, (unsigned long long)high);
		CHECKF(++n <= npages, "more than %llu pages", (unsigned long long)npages);
	}
	CHECK_EQ(n, npages);
}

/* A random power of two in [lo, hi], both powers of two. */
static psize_t rand_pow2(psize_t lo, psize_t hi)
{
	int lg_lo = __builtin_ctzll(lo), lg_hi = __builtin_ctzll(hi);
	return (psize_t)1 << (lg_lo + host_rand_below(lg_hi - lg_lo + 1));
}

/* A random address near page p: on it, a byte either side, or anywhere in it. */
static paddr_t rand_near(paddr_t p)
{
	static const int64_t off[] = { 0, 0, 1, -1 };
	int k = host_rand_below(5);

	return ptoa(p) + (k < 4 ? off[k] : (int64_t)host_rand_below(PAGE_SIZE));
}

/*
 * A random window [*low, *high) over and around the arena for a request
 * of npages: often just about npages wide, to try the edges.
 */
static void rand_window(paddr_t npages, paddr_t *low, paddr_t *high)
{
	paddr_t arena = atop(HOST_PHYS_HI - HOST_PHYS_LO);
	paddr_t span = host_rand_below(2) ? npages + host_rand_below(3) :
	    1 + host_rand_below(arena);

	*low = host_rand_below(4) ? rand_near(atop(HOST_PHYS_LO) - 8 +
	    host_rand_below(arena + 8)) : 0;
	*high = host_rand_below(4) ? rand_near(atop(*low) + span) : (paddr_t)1 << 40;
	if (*high <= *low)
		*high = *low + 1;
}

/* A request for a number of bytes that rounds up to npages pages. */
static psize_t rand_size(paddr_t npages)
{
	return ptoa(npages) - (host_rand_below(2) ? host_rand_below(PAGE_SIZE) : 0);
}

void test_pglist_contig(void)
{
	int ok = 0, nomem = 0;

	boot_fragmented(80);
	for (int round = 0; round < 1000; round++) {
		paddr_t npages = 1 + host_rand_below(16), low, high;
		psize_t size = rand_size(npages);
		psize_t align = host_rand_below(3) ? rand_pow2(PAGE_SIZE, 128 * 1024) : 0;
		psize_t boundary = 0;
		int nsegs = 1 + host_rand_below(npages + 8);
		rand_window(npages, &low, &high);
		/*
		 * Make it a request that cannot go page by page (uvm_page.h):
		 * fewer runs than pages, an alignment above a page, or a boundary.
		 */
		if (((paddr_t)nsegs >= npages && align <= PAGE_SIZE) || host_rand_below(3) == 0)
			boundary = rand_pow2(1ull << (64 - __builtin_clzll(ptoa(npages) - 1)),
			    ptoa(64));
		int64_t free0 = uvmexp.free, zero0 = uvmexp.zeropages;
		int64_t allocs0 = uvmexp.pglist_allocs;
		bool possible = free0 - (int64_t)npages >= uvmexp.reserve_kernel &&
		    run_exists(npages, low, high, align ? align : PAGE_SIZE, boundary);
		struct pglist *l = &runs[nruns];

		int error = uvm_pglistalloc(size, low, high, align, boundary, l, nsegs, 0);
		CHECK_UNLOCKED();
		if (!possible) {
			CHECKF(error == ENOMEM, "size %#llx [%#llx, %#llx) align %#llx boundary "
			    "%#llx nsegs %d: error %d, expected ENOMEM", (unsigned long long)size,
			    (unsigned long long)low, (unsigned long long)high,
			    (unsigned long long)align, (unsigned long long)boundary, nsegs, error);
			CHECK_EQ(uvmexp.free, free0);
			CHECK_EQ(uvmexp.zeropages, zero0);
			CHECK_EQ(uvmexp.pglist_allocs, allocs0);
			nomem++;
			continue;
		}
		CHECKF(error == 0, "size %#llx [%#llx, %#llx) align %#llx boundary %#llx "
		    "nsegs %d: error %d, but such a run is free", (unsigned long long)size,
		    (unsigned long long)low, (unsigned long long)high,
		    (unsigned long long)align, (unsigned long long)boundary, nsegs, error);
		check_list(l, npages, low, high);
		paddr_t first = TAILQ_FIRST(l)->phys_addr, last = first + ptoa(npages) - 1;
		struct vm_page *pg;
		paddr_t expect = first;
		TAILQ_FOREACH(pg, l, pageq) {
			CHECKF(pg->phys_addr == expect, "run from %#llx is not contiguous",
			    (unsigned long long)first);
			expect += PAGE_SIZE;
		}
		CHECKF(align == 0 || first % align == 0, "run at %#llx, alignment %#llx",
		    (unsigned long long)first, (unsigned long long)align);
		CHECKF(boundary == 0 || first / boundary == last / boundary,
		    "run [%#llx, %#llx] crosses a multiple of %#llx", (unsigned long long)first,
		    (unsigned long long)last, (unsigned long long)boundary);
		CHECK_EQ(uvmexp.free, free0 - (int64_t)npages);
		CHECK_EQ(uvmexp.pglist_allocs, allocs0 + 1);
		ok++;
		/* Keep some runs, to fragment further; give the others back. */
		if (nruns < KEEP_RUNS && host_rand_below(3) == 0) {
			nruns++;
		} else {
			uvm_pglistfree(l);
			CHECK_EQ(uvmexp.free, free0);
		}
	}
	CHECKF(ok >= 100 && nomem >= 100, "only %d runs and %d ENOMEMs: "
	    "the test lost its bite", ok, nomem);
	free_all();
}

void test_pglist_pages(void)
{
	int ok = 0, nomem = 0;

	boot_fragmented(50);
	for (int round = 0; round < 1000; round++) {
		paddr_t npages = 1 + host_rand_below(48), low, high;
		psize_t size = rand_size(npages);
		psize_t align = host_rand_below(2) ? PAGE_SIZE : host_rand_below(PAGE_SIZE);
		align = align & (align - 1) ? 0 : align;        /* 0 or a power of two */
		int nsegs = npages + host_rand_below(3);
		rand_window(npages, &low, &high);
		int64_t free0 = uvmexp.free, zero0 = uvmexp.zeropages;
		int64_t window0 = free_in(low, high);
		bool possible = free0 - (int64_t)npages >= uvmexp.reserve_kernel &&
		    window0 >= (int64_t)npages;
		struct pglist *l = &runs[nruns];

		int error = uvm_pglistalloc(size, low, high, align, 0, l, nsegs, 0);
		CHECK_UNLOCKED();
		if (!possible) {
			CHECKF(error == ENOMEM, "%llu pages in [%#llx, %#llx) holding %lld free: "
			    "error %d, expected ENOMEM", (unsigned long long)npages,
			    (unsigned long long)low, (unsigned long long)high,
			    (long long)window0, error);
			CHECK_EQ(uvmexp.free, free0);
			CHECK_EQ(uvmexp.zeropages, zero0);
			CHECK_EQ(free_in(low, high), window0);
			nomem++;
			continue;
		}
		CHECKF(error == 0, "%llu pages in [%#llx, %#llx) holding %lld free: error %d",
		    (unsigned long long)npages, (unsigned long long)low,
		    (unsigned long long)high, (long long)window0, error);
		check_list(l, npages, low, high);
		CHECK_EQ(uvmexp.free, free0 - (int64_t)npages);
		CHECK_EQ(free_in(low, high), window0 - (int64_t)npages);
		ok++;
		if (nruns < KEEP_RUNS && npages <= 4 && host_rand_below(2) == 0) {
			nruns++;
		} else {
			uvm_pglistfree(l);
			CHECK_EQ(uvmexp.free, free0);
		}
	}
	CHECKF(ok >= 100 && nomem >= 100, "only %d lists and %d ENOMEMs: "
	    "the test lost its bite", ok, nomem);
	free_all();
}

void test_pglist_einval(void)
{
	static const struct {
		const char *what;
		psize_t size;
		paddr_t low, high;
		psize_t align, boundary;
		int nsegs;
	} bad[] = {
		{ "size 0", 0, 0, HOST_PHYS_HI, 0, 0, 1 },
		{ "alignment 3 pages", PAGE_SIZE, 0, HOST_PHYS_HI, 3 * PAGE_SIZE, 0, 1 },
		{ "boundary < size", 4 * PAGE_SIZE, 0, HOST_PHYS_HI, 0, 2 * PAGE_SIZE, 1 },
		{ "boundary 3 pages", PAGE_SIZE, 0, HOST_PHYS_HI, 0, 3 * PAGE_SIZE, 1 },
		{ "low == high", PAGE_SIZE, HOST_PHYS_LO, HOST_PHYS_LO, 0, 0, 1 },
		{ "low > high", PAGE_SIZE, HOST_PHYS_HI, HOST_PHYS_LO, 0, 0, 1 },
		{ "nsegs 0", PAGE_SIZE, 0, HOST_PHYS_HI, 0, 0, 0 },
		{ "nsegs -1", PAGE_SIZE, 0, HOST_PHYS_HI, 0, 0, -1 },
		/* Below a page, too: a page-aligned run is not 3-byte aligned. */
		{ "alignment 3 bytes", PAGE_SIZE, 0, HOST_PHYS_HI, 3, 0, 1 },
		{ "alignment 0x1800", PAGE_SIZE, 0, HOST_PHYS_HI, 0x1800, 0, 1 },
	};
	struct pglist l;

	host_vm_boot();
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		int error = uvm_pglistalloc(bad[k].size, bad[k].low, bad[k].high,
		    bad[k].align, bad[k].boundary, &l, bad[k].nsegs, 0);
		CHECK_UNLOCKED();
		CHECKF(error == EINVAL, "%s: error %d, expected EINVAL", bad[k].what, error);
		CHECK_EQ(uvmexp.free, uvmexp.npages);
		CHECK_EQ(uvmexp.pglist_allocs, 0);
	}
	/* The edges that are valid: alignment 0, boundary == size. */
	CHECK_EQ(uvm_pglistalloc(2 * PAGE_SIZE, 0, HOST_PHYS_HI, 0, 2 * PAGE_SIZE, &l, 1, 0), 0);
	check_list(&l, 2, 0, HOST_PHYS_HI);
	uvm_pglistfree(&l);
	CHECK_EQ(uvmexp.free, uvmexp.npages);
}

void test_pglist_enomem(void)
{
	struct pglist l;
	struct vm_page *pg;

	host_vm_boot();
	int64_t npages = uvmexp.npages, reserve = uvmexp.reserve_kernel;

	/* More than there is, and nothing in the window: ENOMEM on both paths. */
	CHECK_EQ(uvm_pglistalloc(ptoa(npages + 1), 0, HOST_PHYS_HI, 0, 0, &l, npages + 1, 0), ENOMEM);
	CHECK_EQ(uvm_pglistalloc(ptoa(4), 0, HOST_PHYS_LO, 0, 0, &l, 4, 0), ENOMEM);
	CHECK_EQ(uvm_pglistalloc(ptoa(4), 0, HOST_PHYS_LO, 0, 0, &l, 1, 0), ENOMEM);
	CHECK_EQ(uvmexp.free, npages);

	/* The kernel's reserve: everything above it, then not one page more. */
	CHECK_EQ(uvm_pglistalloc(ptoa(npages - reserve), 0, HOST_PHYS_HI, 0, 0,
	    &runs[0], npages, 0), 0);
	CHECK_EQ(uvmexp.free, reserve);
	CHECK_EQ(uvm_pglistalloc(PAGE_SIZE, 0, HOST_PHYS_HI, 0, 0, &l, 1, 0), ENOMEM);
	CHECK_EQ(uvmexp.free, reserve);
	uvm_pglistfree(&runs[0]);
	CHECK_EQ(uvmexp.free, npages);

	/*
	 * A window of 10 zeroed pages with 3 taken: 8 pages page by page take
	 * 7 before failing and must put them back, still zeroed; one run of 4
	 * does not fit between the holes.
	 */
	while (uvm_pageidlezero())
		;
	paddr_t low = ptoa(SEG1_START + 20), high = low + ptoa(10);
	struct vm_page *holes[3];
	for (int k = 0; k < 3; k++) {
		holes[k] = uvm_phys_to_page(low + ptoa(1 + 3 * k));
		CHECK(uvm_pglistalloc(PAGE_SIZE, holes[k]->phys_addr,
		    holes[k]->phys_addr + PAGE_SIZE, 0, 0, &runs[k], 1, 0) == 0);
	}
	int64_t free0 = uvmexp.free, zero0 = uvmexp.zeropages;
	CHECK_EQ(uvm_pglistalloc(ptoa(8), low, high, 0, 0, &l, 8, 0), ENOMEM);
	CHECK_UNLOCKED();
	CHECK_EQ(uvmexp.free, free0);
	CHECK_EQ(uvmexp.zeropages, zero0);
	CHECK_EQ(uvm_pglistalloc(ptoa(3), low, high, 0, 0, &l, 1, 0), ENOMEM);
	CHECK_EQ(uvmexp.free, free0);
	for (paddr_t pa = low; pa < high; pa += PAGE_SIZE) {
		pg = uvm_phys_to_page(pa);
		bool hole = pg == holes[0] || pg == holes[1] || pg == holes[2];
		CHECK_EQ(pg->pqflags, hole ? 0 : PQ_FREE);
		CHECK(hole || ((pg->flags & PG_ZERO) && host_page_is_zero(pg)));
	}
	/* ... and the 7 pages are really there: 7 pages page by page, 2 in one run. */
	CHECK_EQ(uvm_pglistalloc(ptoa(7), low, high, 0, 0, &runs[3], 7, 0), 0);
	check_list(&runs[3], 7, low, high);
	uvm_pglistfree(&runs[3]);
	CHECK_EQ(uvm_pglistalloc(ptoa(2), low, high, 0, 0, &runs[3], 1, 0), 0);
	uvm_pglistfree(&runs[3]);
	for (int k = 0; k < 3; k++)
		uvm_pglistfree(&runs[k]);
	CHECK_EQ(uvmexp.free, npages);
	CHECK_EQ(uvmexp.pga_fail, 0);
}
