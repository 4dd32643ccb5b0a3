/*
 * Host tests of vm/uvm_page.c: the free lists against a model, the order
 * of the free lists with pre-zeroed pages, the zero pool, the reserve,
 * and uvm_pagefree's checks. Each test boots the allocator on the shim's
 * arena (vmboot.h), in a process of its own.
 *
 * The model of the free lists is a bitmap of handed-out pages: after every
 * call uvmexp.free must equal the pages not handed out, no page may be
 * handed out twice, and a FIRST16 page may only be handed out when no
 * DEFAULT page is free.
 */
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "vm/uvm_page.h"
#include "vm/uvm_object.h"
#include "vm/uvmexp.h"

/*
 * Owners: a real object (uvm_pagealloc puts its pages on the object's
 * list, under the object's lock) and an anon that is never dereferenced.
 */
static const struct uvm_pagerops test_pagerops = { .pgo_name = "test object" };
static struct uvm_object test_object;
static voff_t test_next_off;            /* each page a fresh offset */
static char fake_anon;
#define FAKE_OBJ        (&test_object)
#define FAKE_ANON       ((struct vm_anon *)&fake_anon)

static int expected_list(paddr_t pa)
{
	return pa < VM_FREELIST_FIRST16_END ? VM_FREELIST_FIRST16 : VM_FREELIST_DEFAULT;
}

/* The boot: segments sorted, physget, the vm_page array, phys <-> page. */
static void check_boot_layout(void)
{
	int64_t total = (SEG1_START - SEG0_AVAIL - 1) + (SEG1_END - SEG1_START);
	int64_t need = atop(round_page(total * sizeof(struct vm_page)));
	paddr_t array_pa = ptoa(SEG0_AVAIL + 1);

	CHECK_EQ(vm_nphysseg, 2);
	CHECK_EQ(vm_physmem[0].start, SEG0_START);
	CHECK_EQ(vm_physmem[0].free_list, VM_FREELIST_FIRST16);
	CHECK_EQ(vm_physmem[1].start, SEG1_START);
	CHECK_EQ(vm_physmem[1].free_list, VM_FREELIST_DEFAULT);
	CHECK_EQ(host_vm_physget_pa, ptoa(SEG0_AVAIL));
	CHECK_EQ(vm_physmem[0].avail_start, SEG0_AVAIL + 1 + need);
	CHECK((void *)vm_physmem[0].pgs == host_phys_ptr(array_pa));
	CHECK_EQ(uvmexp.npages, total - need);
	CHECK_EQ(uvmexp.free, uvmexp.npages);
	CHECK_EQ(uvmexp.zeropages, 0);
	CHECK(uvmexp.reserve_kernel > uvmexp.reserve_pagedaemon);
	CHECK(uvmexp.reserve_pagedaemon > 0);

	paddr_t prev = 0;
	for (int i = 0; i < uvmexp.npages; i++) {
		struct vm_page *pg = host_vm_page(i);
		paddr_t pa = pg->phys_addr;
		CHECKF(pa > prev && (pa & PAGE_MASK) == 0, "page %d at %#llx", i,
		    (unsigned long long)pa);
		CHECKF(pa >= array_pa + ptoa(need), "page %d at %#llx is in the vm_page array",
		    i, (unsigned long long)pa);
		CHECK(uvm_phys_to_page(pa) == pg);
		CHECK(uvm_phys_to_page(pa + PAGE_SIZE - 1) == pg);
		CHECK(uvm_page_to_phys(pg) == pa);
		CHECK_EQ(pg->free_list, expected_list(pa));
		CHECK_EQ(pg->pqflags, PQ_FREE);
		prev = pa;
	}
	CHECK(uvm_phys_to_page(host_vm_physget_pa) == NULL);
	CHECK(uvm_phys_to_page(array_pa) == NULL);
	CHECK(uvm_phys_to_page(ptoa(SEG0_START)) == NULL);
	CHECK(uvm_phys_to_page(HOST_PHYS_HI) == NULL);
	CHECK(uvm_phys_to_page(0) == NULL);
}

/* The model: which pages are handed out. */
struct model {
	int npages;
	bool out[HOST_MAX_PAGES];       /* out[host_vm_index(pg)] */
	struct vm_page *held[HOST_MAX_PAGES];   /* the pages out, in no order */
	int nheld;
	int free_default;               /* free pages of VM_FREELIST_DEFAULT */
	int64_t allocs, frees, fails;
};

static void model_init(struct model *m)
{
	m->npages = uvmexp.npages;
	CHECK(m->npages <= HOST_MAX_PAGES);
	memset(m->out, 0, sizeof(m->out));
	m->nheld = 0;
	m->free_default = 0;
	for (int i = 0; i < m->npages; i++)
		m->free_default += host_vm_page(i)->free_list == VM_FREELIST_DEFAULT;
	m->allocs = m->frees = m->fails = 0;
}

/* One uvm_pagealloc, checked against the model; returns the page or NULL. */
static struct vm_page *model_alloc(struct model *m, int flags)
{
	int64_t reserve = (flags & UVM_PGA_USERESERVE) ? uvmexp.reserve_pagedaemon :
	    uvmexp.reserve_kernel;
	bool anon = host_rand_below(2);
	voff_t off = anon ? (voff_t)ptoa(host_rand_below(1000)) : (test_next_off += PAGE_SIZE);
	if (test_object.pgops == NULL)
		uvm_obj_init(&test_object, &test_pagerops, (voff_t)1 << 40);
	mutex_enter(&test_object.vmobjlock);
	struct vm_page *pg = uvm_pagealloc(anon ? NULL : FAKE_OBJ, off,
	    anon ? FAKE_ANON : NULL, flags);
	mutex_exit(&test_object.vmobjlock);

	CHECK_UNLOCKED();
	if (m->npages - m->nheld <= reserve) {
		CHECKF(pg == NULL, "got a page with %d free, reserve %lld",
		    m->npages - m->nheld, (long long)reserve);
		m->fails++;
		return NULL;
	}
	CHECKF(pg != NULL, "no page with %d free, reserve %lld",
	    m->npages - m->nheld, (long long)reserve);
	int i = host_vm_index(pg);
	CHECKF(!m->out[i], "page %d (pa %#llx) handed out twice", i,
	    (unsigned long long)pg->phys_addr);
	CHECKF(pg->free_list == VM_FREELIST_DEFAULT || m->free_default == 0,
	    "a FIRST16 page was handed out while %d DEFAULT pages were free",
	    m->free_default);
	CHECK_EQ(pg->pqflags, anon ? PQ_ANON : 0);
	CHECK(pg->flags & PG_BUSY);
	CHECK(!(pg->flags & PG_ZERO));
	CHECK(pg->uobject == (anon ? NULL : FAKE_OBJ));
	CHECK(pg->uanon == (anon ? FAKE_ANON : NULL));
	CHECK_EQ(pg->offset, off);
	m->out[i] = true;
	m->held[m->nheld++] = pg;
	m->free_default -= pg->free_list == VM_FREELIST_DEFAULT;
	m->allocs++;
	return pg;
}

/* Frees the k-th held page. */
static void model_free(struct model *m, int k)
{
	struct vm_page *pg = m->held[k];

	m->held[k] = m->held[--m->nheld];
	m->out[host_vm_index(pg)] = false;
	m->free_default += pg->free_list == VM_FREELIST_DEFAULT;
	bool owned = pg->uobject != NULL;
	int npages = test_object.uo_npages;
	if (owned)
		mutex_enter(&test_object.vmobjlock);
	uvm_pagefree(pg);
	if (owned) {
		mutex_exit(&test_object.vmobjlock);
		CHECK_EQ(test_object.uo_npages, npages - 1);    /* off the object's list */
	}
	CHECK_UNLOCKED();
	CHECK_EQ(pg->pqflags, PQ_FREE);
	m->frees++;
}

static void model_check_counters(struct model *m)
{
	CHECK_EQ(uvmexp.free, m->npages - m->nheld);
	CHECK_EQ(uvmexp.pgs_allocated, m->allocs);
	CHECK_EQ(uvmexp.pgs_freed, m->frees);
	CHECK_EQ(uvmexp.pga_fail, m->fails);
	CHECK_EQ(uvmexp.zeropages, 0);
}

void test_page_freelists(void)
{
	static struct model m;

	host_vm_boot();
	check_boot_layout();
	model_init(&m);
	/* A random walk whose drift flips every 2000 steps, to fill and drain. */
	for (int step = 0; step < 40000; step++) {
		int alloc_pct = (step / 2000) % 2 ? 35 : 70;
		if (m.nheld == 0 || (int)host_rand_below(100) < alloc_pct)
			model_alloc(&m, host_rand_below(2) ? UVM_PGA_USERESERVE : 0);
		else
			model_free(&m, host_rand_below(m.nheld));
		model_check_counters(&m);
	}
	CHECK(m.fails > 0);     /* the walk reached the reserve */
	while (m.nheld > 0)
		model_free(&m, host_rand_below(m.nheld));
	model_check_counters(&m);

	/* Every page came back: all can be handed out again, once each. */
	while (model_alloc(&m, UVM_PGA_USERESERVE))
		;
	CHECK_EQ(m.nheld, m.npages - uvmexp.reserve_pagedaemon);
	while (m.nheld > 0)
		model_free(&m, m.nheld - 1);
	model_check_counters(&m);
	for (int i = 0; i < m.npages; i++)
		CHECK_EQ(host_vm_page(i)->pqflags, PQ_FREE);
}

/*
 * The free lists come first, the zero pool second: vm/uvm_page.c's
 * opening comment and <machine/vmparam.h> ("uvm_pagealloc tries the lists
 * in index order"; FIRST16 is "handed out last") promise that no request
 * takes a FIRST16 page while a DEFAULT page is free, whatever the pages'
 * zero state.
 */
void test_page_order_zero(void)
{
	static struct model m;
	struct vm_page *pg;

	host_vm_boot();
	model_init(&m);
	int ndefault = m.free_default;

	/* The DEFAULT pages out, 4 FIRST16 pages zeroed, the DEFAULT pages back. */
	for (int k = 0; k < ndefault; k++)
		CHECK_EQ(model_alloc(&m, 0)->free_list, VM_FREELIST_DEFAULT);
	for (int k = 0; k < 4; k++)
		CHECK(uvm_pageidlezero());
	while (m.nheld > 0)
		model_free(&m, m.nheld - 1);
	/* Zeroed FIRST16 pages do not beat unknown DEFAULT pages... */
	pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	CHECKF(pg->free_list == VM_FREELIST_DEFAULT, "a zeroed request took FIRST16 "
	    "page %#llx (pre-zeroed) while %d DEFAULT pages were free",
	    (unsigned long long)pg->phys_addr, ndefault);
	uvm_pagefree(pg);

	/* ...and unknown FIRST16 pages do not beat zeroed DEFAULT pages. */
	for (int k = 0; k < ndefault; k++)
		CHECK(uvm_pageidlezero());
	for (int i = 0; i < m.npages; i++)
		if (host_vm_page(i)->free_list == VM_FREELIST_DEFAULT)
			CHECK(host_vm_page(i)->flags & PG_ZERO);
	pg = uvm_pagealloc(NULL, 0, NULL, 0);
	CHECKF(pg->free_list == VM_FREELIST_DEFAULT, "a plain request took FIRST16 "
	    "page %#llx while %d zeroed DEFAULT pages were free",
	    (unsigned long long)pg->phys_addr, ndefault);
	uvm_pagefree(pg);
}

/* Every free page marked PG_ZERO is all zeros, and they number zeropages. */
static void check_zero_invariant(void)
{
	int64_t nzero = 0;

	for (int i = 0; i < uvmexp.npages; i++) {
		struct vm_page *pg = host_vm_page(i);
		if ((pg->pqflags & PQ_FREE) && (pg->flags & PG_ZERO)) {
			CHECKF(host_page_is_zero(pg), "free page %#llx is PG_ZERO but dirty",
			    (unsigned long long)pg->phys_addr);
			nzero++;
		}
	}
	CHECK_EQ(uvmexp.zeropages, nzero);
}

void test_page_zero_pool(void)
{
	enum { N = 8 };
	struct vm_page *pgs[N];
	static struct vm_page *held[HOST_MAX_PAGES];

	host_vm_boot();                 /* RAM is garbage: 0xdb everywhere */
	int64_t npages = uvmexp.npages;

	/* The idle loop zeroes pages into the pool; they stay free. */
	for (int k = 0; k < N; k++) {
		CHECK(uvm_pageidlezero());
		CHECK_UNLOCKED();
	}
	CHECK_EQ(uvmexp.zeropages, N);
	CHECK_EQ(uvmexp.zeroed_idle, N);
	CHECK_EQ(host_pages_zeroed, N);
	CHECK_EQ(uvmexp.free, npages);
	check_zero_invariant();

	/* Zeroed requests are served from the pool: hits, no zeroing. */
	for (int k = 0; k < N; k++) {
		pgs[k] = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
		CHECK_UNLOCKED();
		CHECK(pgs[k] && host_page_is_zero(pgs[k]));
		CHECK(!(pgs[k]->flags & PG_CLEAN));    /* the only copy: not clean */
		CHECK_EQ(uvmexp.pga_zerohit, k + 1);
		CHECK_EQ(uvmexp.zeropages, N - k - 1);
		memset(host_page_data(pgs[k]), 0xa5, PAGE_SIZE);
	}
	CHECK_EQ(host_pages_zeroed, N);
	CHECK_EQ(uvmexp.pga_zeromiss, 0);
	for (int k = 0; k < N; k++)
		uvm_pagefree(pgs[k]);   /* dirty, so back as unknown */
	check_zero_invariant();

	/* The pool is empty: misses, zeroed on demand (the dirty pages come first). */
	for (int k = 0; k < N; k++) {
		pgs[k] = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
		CHECK(pgs[k] && host_page_is_zero(pgs[k]));
		CHECK_EQ(uvmexp.pga_zeromiss, k + 1);
		CHECK_EQ(host_pages_zeroed, N + k + 1);
		memset(host_page_data(pgs[k]), 0x5a, PAGE_SIZE);
	}
	CHECK_EQ(uvmexp.pga_zerohit, N);
	for (int k = 0; k < N; k++)
		uvm_pagefree(pgs[k]);

	/*
	 * Plain requests spare the pool. The idle loop zeroes DEFAULT pages
	 * first (list order), so the rest of DEFAULT goes before them;
	 * which comes next is test_page_order_zero's business.
	 */
	int64_t nheld = 0, unknown = -N;
	for (int k = 0; k < N; k++)
		CHECK(uvm_pageidlezero());
	for (int i = 0; i < npages; i++)
		unknown += host_vm_page(i)->free_list == VM_FREELIST_DEFAULT;
	while (nheld < unknown) {
		held[nheld] = uvm_pagealloc(NULL, 0, NULL, 0);
		CHECK(held[nheld] != NULL);
		CHECK_EQ(held[nheld++]->free_list, VM_FREELIST_DEFAULT);
		CHECK_EQ(uvmexp.zeropages, N);
	}
	/* With every free page zeroed, plain requests take zeroed pages. */
	while (uvm_pageidlezero())
		;
	CHECK_UNLOCKED();
	CHECK_EQ(uvmexp.zeropages, uvmexp.free);
	int64_t zeropages = uvmexp.zeropages;
	held[nheld] = uvm_pagealloc(NULL, 0, NULL, 0);
	CHECK(held[nheld++] != NULL);
	CHECK_EQ(uvmexp.zeropages, zeropages - 1);
	check_zero_invariant();
	CHECK_EQ(uvmexp.pga_zerohit, N);
	CHECK_EQ(uvmexp.pga_zeromiss, N);
	while (nheld > 0)
		uvm_pagefree(held[--nheld]);

	/* The idle loop fills the pool with every free page. */
	int64_t zeroed = 0;
	zeropages = uvmexp.zeropages;
	while (uvm_pageidlezero())
		zeroed++;
	CHECK_EQ(zeroed, uvmexp.free - zeropages);
	CHECK_EQ(uvmexp.zeropages, uvmexp.free);
	CHECK_EQ(uvmexp.free, npages);
	check_zero_invariant();
}

void test_page_reserve(void)
{
	static struct model m;

	host_vm_boot();
	model_init(&m);
	int64_t kernel = uvmexp.reserve_kernel, pagedaemon = uvmexp.reserve_pagedaemon;

	/* Ordinary requests stop at the kernel's reserve... */
	while (model_alloc(&m, 0))
		;
	CHECK_EQ(uvmexp.free, kernel);
	CHECK_EQ(uvmexp.pga_fail, 1);
	CHECK(uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO) == NULL);
	CHECK_UNLOCKED();
	/* ...UVM_PGA_USERESERVE goes on down to the pagedaemon's. */
	while (model_alloc(&m, UVM_PGA_USERESERVE))
		;
	CHECK_EQ(uvmexp.free, pagedaemon);
	CHECK(uvm_pagealloc(NULL, 0, NULL, UVM_PGA_USERESERVE | UVM_PGA_ZERO) == NULL);
	CHECK(model_alloc(&m, 0) == NULL);
	/* One page back: still inside the kernel's reserve. */
	model_free(&m, 0);
	CHECK(model_alloc(&m, 0) == NULL);
	CHECK(model_alloc(&m, UVM_PGA_USERESERVE) != NULL);
	while (m.nheld > 0)
		model_free(&m, m.nheld - 1);
	CHECK_EQ(uvmexp.free, uvmexp.npages);
}

static void do_pagefree(void *pg)
{
	uvm_pagefree(pg);
}

/* uvm_pagefree refuses free and wired pages; wiring is counted in uvmexp.wired. */
void test_page_free_checks(void)
{
	char msg[512];

	host_vm_boot();
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, 0);
	CHECK(pg != NULL);
	uvm_pagewire(pg);
	uvm_pagewire(pg);
	CHECK_UNLOCKED();
	CHECK_EQ(uvmexp.wired, 1);
	CHECK(host_catch_panic(do_pagefree, pg, msg, sizeof(msg)));
	CHECKF(strstr(msg, "is still wired") != NULL, "panic \"%s\"", msg);
	uvm_pageunwire(pg);
	CHECK_EQ(uvmexp.wired, 1);
	uvm_pageunwire(pg);
	CHECK_EQ(uvmexp.wired, 0);
	CHECK_UNLOCKED();
	uvm_pagefree(pg);
	CHECK(host_catch_panic(do_pagefree, pg, msg, sizeof(msg)));
	CHECKF(strstr(msg, "is already free") != NULL, "panic \"%s\"", msg);
	CHECK_EQ(uvmexp.free, uvmexp.npages);
	CHECK_EQ(uvmexp.pgs_freed, 1);
}
