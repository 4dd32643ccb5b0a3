/*
 * Tests of kernel VA allocation, wired backing and kernel stacks. The
 * allocator itself (vm/vmem.c) has host tests too (tests/host/test_vmem.c);
 * these run it as the kernel's, with the pmap and the leak checks.
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/probe.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"

KTEST(km_alloc_wired_is_mapped_zeroed_wired)
{
	enum { NPAGES = 5 };
	int64_t wired0 = uvmexp.wired;
	vaddr_t va = uvm_km_alloc(NPAGES * PAGE_SIZE, UVM_KMF_WIRED);

	KT_ASSERT(va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS);
	KT_ASSERT(uvmexp.wired >= wired0 + NPAGES);     /* + any new page tables */
	for (int i = 0; i < NPAGES; i++) {
		paddr_t pa;
		KT_ASSERT(pmap_extract(pmap_kernel(), va + i * PAGE_SIZE, &pa));
		struct vm_page *pg = uvm_phys_to_page(pa);
		KT_ASSERT(pg != NULL && pg->wire_count == 1);
		for (unsigned j = 0; j < PAGE_SIZE; j += 512)
			KT_ASSERT_EQ(*(uint8_t *)(va + i * PAGE_SIZE + j), 0);
	}
	*(volatile uint32_t *)(va + NPAGES * PAGE_SIZE - 4) = 1;
	uvm_km_free(va, NPAGES * PAGE_SIZE, UVM_KMF_WIRED);
	KT_ASSERT(!pmap_extract(pmap_kernel(), va, NULL));
}

KTEST(km_kstack_has_guard)
{
	vsize_t size = 4 * PAGE_SIZE;
	vaddr_t lo = uvm_km_kstack_alloc(size);
	uintptr_t w;

	KT_ASSERT(lo != 0);
	KT_ASSERT(pmap_extract(pmap_kernel(), lo, NULL));
	KT_ASSERT(pmap_extract(pmap_kernel(), lo + size - 1, NULL));
	KT_ASSERT(!pmap_extract(pmap_kernel(), lo - 1, NULL));
	KT_ASSERT_EQ(kprobe_read_word((void *)(lo - sizeof(uintptr_t)), &w), EFAULT);
	uvm_km_kstack_free(lo, size);
}

/*
 * Freed neighbours coalesce: once all 16 are back, in a scattered order,
 * every split they caused is undone and the arena has exactly the
 * boundary tags it had before (whatever free segment they came from).
 */
KTEST(km_va_reuse_after_coalescing)
{
	enum { N = 16 };
	vaddr_t va[N];
	int64_t tags0 = uvmexp.kvatags;

	for (int i = 0; i < N; i++) {
		va[i] = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
		KT_ASSERT(va[i] != 0);
	}
	KT_ASSERT(uvmexp.kvatags > tags0);
	/* Free in a scattered order: odd ones, then even ones. */
	for (int i = 1; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	for (int i = 0; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	KT_ASSERT_EQ(uvmexp.kvatags, tags0);
	vaddr_t big = uvm_km_alloc(N * PAGE_SIZE, UVM_KMF_VAONLY);
	KT_ASSERT(big != 0);
	uvm_km_free(big, N * PAGE_SIZE, UVM_KMF_VAONLY);
}

/*
 * More holes than the old fixed table (256) could describe: 2000 single
 * pages, every other one freed (about 1000 holes), then the rest. The
 * tag pages this needs come back too: the runner's leak check sees the
 * free pages, and the tags and VA pages are back where they were.
 */
KTEST(km_va_many_holes)
{
	enum { N = 2000 };
	static vaddr_t va[N];
	int64_t tags0 = uvmexp.kvatags, tagpages0 = uvmexp.kvatagpages;
	uint64_t pages0 = uvm_km_va_pages();

	for (int i = 0; i < N; i++) {
		va[i] = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
		KT_ASSERT(va[i] != 0);
	}
	KT_ASSERT_EQ(uvm_km_va_pages(), pages0 + N);
	KT_ASSERT(uvmexp.kvatagpages > tagpages0);
	for (int i = 0; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	KT_ASSERT(uvmexp.kvatags >= tags0 + N);         /* N/2 busy, N/2 holes */
	for (int i = 1; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	KT_ASSERT_EQ(uvm_km_va_pages(), pages0);
	KT_ASSERT_EQ(uvmexp.kvatags, tags0);
	KT_ASSERT_EQ(uvmexp.kvatagpages, tagpages0);
}

/*
 * Random allocations and frees (the test's seed) against a model, the
 * list of live ranges: each new range is page-aligned, inside kernel VA,
 * overlaps no live range, and if wired is mapped over every page. At the
 * end all is freed and the VA pages are back to the baseline.
 */
KTEST(km_random_model)
{
	enum { MAX_LIVE = 160, STEPS = 3000 };
	static struct { vaddr_t va; vsize_t size; int flags; } live[MAX_LIVE];
	int nlive = 0;
	uint64_t pages0 = uvm_km_va_pages(), pages = pages0;

	for (int step = 0; step < STEPS; step++) {
		bool alloc = nlive < MAX_LIVE &&
		    (nlive == 0 || ktest_random(kt) % 100 < ((step / 500) % 2 ? 35 : 70));
		if (!alloc) {
			int k = ktest_random(kt) % nlive;
			uvm_km_free(live[k].va, live[k].size, live[k].flags);
			pages -= atop(round_page(live[k].size));
			live[k] = live[--nlive];
			KT_ASSERT_EQ(uvm_km_va_pages(), pages);
			continue;
		}
		vsize_t size = (1 + ktest_random(kt) % (ktest_random(kt) % 4 ? 4 : 40)) * PAGE_SIZE -
		    ktest_random(kt) % PAGE_SIZE;
		int flags = ktest_random(kt) % 8 ? UVM_KMF_VAONLY : UVM_KMF_WIRED;
		vaddr_t va = uvm_km_alloc(size, flags);
		KT_ASSERT(va != 0);
		vaddr_t end = va + round_page(size);
		KT_ASSERT((va & PAGE_MASK) == 0);
		KT_ASSERT(va >= VM_MIN_KERNEL_ADDRESS && end <= VM_MAX_KERNEL_ADDRESS && end > va);
		for (int i = 0; i < nlive; i++)
			KT_ASSERT(end <= live[i].va || va >= live[i].va + round_page(live[i].size));
		if (flags & UVM_KMF_WIRED)
			for (vaddr_t p = va; p < end; p += PAGE_SIZE)
				KT_ASSERT(pmap_extract(pmap_kernel(), p, NULL));
		live[nlive].va = va;
		live[nlive].size = size;
		live[nlive].flags = flags;
		nlive++;
		pages += atop(round_page(size));
		KT_ASSERT_EQ(uvm_km_va_pages(), pages);
	}
	while (nlive > 0) {
		nlive--;
		uvm_km_free(live[nlive].va, live[nlive].size, live[nlive].flags);
	}
	KT_ASSERT_EQ(uvm_km_va_pages(), pages0);
}

/*
 * Sizes a user could drive here (mmap of 0xfffff000 bytes on i386, of
 * 0xfffffffffffff000 on amd64): 0, sizes round_page would wrap, sizes
 * beyond the kernel's VA. All fail with 0 or NULL, take nothing, and
 * never panic, whatever the flags.
 */
KTEST(km_bad_sizes_fail_cleanly)
{
	static const vsize_t sizes[] = { 0, (vsize_t)-1, (vsize_t)0 - PAGE_SIZE,
	    (vsize_t)0 - PAGE_SIZE + 1,
	    (vsize_t)(VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS) + 1,
	    (vsize_t)(VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS) + PAGE_SIZE };
	static const int flags[] = { UVM_KMF_WIRED, UVM_KMF_VAONLY,
	    UVM_KMF_WIRED | UVM_KMF_NOWAIT, UVM_KMF_VAONLY | UVM_KMF_NOWAIT };
	uint64_t pages0 = uvm_km_va_pages();

	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (unsigned f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
			KT_ASSERT_EQ(uvm_km_alloc(sizes[i], flags[f]), 0);
		KT_ASSERT(kmem_alloc(sizes[i], KM_NOSLEEP) == NULL);
		KT_ASSERT(kmem_zalloc(sizes[i], KM_NOSLEEP) == NULL);
	}
	/* The whole of kernel VA is a size that can be asked for; some is in use. */
	KT_ASSERT_EQ(uvm_km_alloc(VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS,
	    UVM_KMF_VAONLY), 0);
	KT_ASSERT_EQ(uvm_km_va_pages(), pages0);
}

/*
 * Freeing VA-only space that still maps a page must panic: the page
 * would stay reachable through VA handed to someone else, and its
 * wiring or loan would never be dropped.
 */
KTEST_DEATH_TEST(km_free_vaonly_mapped)
{
	vaddr_t va = uvm_km_alloc(2 * PAGE_SIZE, UVM_KMF_VAONLY);
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, 0);

	KT_ASSERT(va != 0 && pg != NULL);
	pmap_kenter_pa(va + PAGE_SIZE, pg->phys_addr, VM_PROT_READ, 0);
	pmap_update(pmap_kernel());
	uvm_km_free(va, 2 * PAGE_SIZE, UVM_KMF_VAONLY);  /* must panic: "still maps" */
}

KTEST(km_alloc_too_big_fails_cleanly)
{
	/* Page tables made on the way stay (they are never freed): count them. */
	int64_t free0 = uvmexp.free + pmap_kernel_ptpages();

	/* More wired memory than the machine has: 0, and nothing leaks. */
	vaddr_t va = uvm_km_alloc(ptoa(uvmexp.free + 16), UVM_KMF_WIRED | UVM_KMF_NOWAIT);
	KT_ASSERT_EQ(va, 0);
	KT_ASSERT_EQ(uvmexp.free + pmap_kernel_ptpages(), free0);
}
