/*
 * Conformance tests of managed mappings and user address spaces: what
 * pmap.h promises for pmap_create/enter/remove/protect/page_protect, the
 * modified and referenced bits, wiring, running out of memory, and the
 * freeing of page tables.
 *
 * Accesses go through user pmaps made current with pmap_activate, and
 * through the fault-recovering probes (kernel/probe.h): CR0.WP is set, so
 * a kernel write through a read-only user entry faults just as a user
 * write would, and a broken protection is a failed test, not a crash.
 * Each probe helper switches back to the kernel pmap before returning, so
 * a failing KT_ASSERT never leaves a user pmap in CR3.
 */
#include <machine/cpu.h>
#include <machine/pmap_md.h>
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/probe.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "pmap/pmap_impl.h"
#include "vm/kmem.h"
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"

/* User addresses: TVA(n) share one page table; TVA_FAR is under another
 * top-level entry on both arches (PDPT[2] / PML4[255]). */
#define TVA(n)          ((vaddr_t)0x400000 + (vaddr_t)(n) * PAGE_SIZE)
#define TVA_FAR         ((vaddr_t)VM_MAXUSER_ADDRESS - 16 * PAGE_SIZE)
#define TVA_NEXT_PT     ((vaddr_t)0x600000)     /* same PD as TVA(0), next PT */

/* Tables an enter into an empty top-level slot allocates. */
#define TABLES_PER_SLOT (PMAP_LEVELS - 1 - PMAP_TOP_FIXED)

/* What pmap_prot reports for prot on this CPU (without NX all is executable). */
static vm_prot_t mmu_prot(vm_prot_t prot)
{
	return VM_PROT_READ | prot | (cpu_features.nx ? 0 : VM_PROT_EXECUTE);
}

static struct vm_page *test_page(void)
{
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);

	if (pg != NULL)
		pg->flags &= ~(PG_BUSY | PG_FAKE);
	return pg;
}

static paddr_t PA(struct vm_page *pg)
{
	return pg->phys_addr;
}

/* A physical address with no vm_page (the second page of low memory). */
static paddr_t unmanaged_pa(void)
{
	return 0x1000;
}

static int pv_count(struct vm_page *pg)
{
	int n = 0;

	spinlock_enter(&pmap_pv_lock);
	for (struct pv_entry *pv = pg->pv_list; pv != NULL; pv = pv->pv_next)
		n++;
	spinlock_exit(&pmap_pv_lock);
	return n;
}

static bool pv_has(struct vm_page *pg, struct pmap *pm, vaddr_t va)
{
	bool found = false;

	spinlock_enter(&pmap_pv_lock);
	for (struct pv_entry *pv = pg->pv_list; pv != NULL; pv = pv->pv_next)
		found |= pv->pv_pmap == pm && pv->pv_va == va;
	spinlock_exit(&pmap_pv_lock);
	return found;
}

/* A write of one byte at va through pm: 0 or EFAULT. */
static int probe_write(struct pmap *pm, vaddr_t va, uint8_t val)
{
	pmap_activate(pm);
	int error = kprobe_write_byte((void *)va, val);
	pmap_activate(pmap_kernel());
	return error;
}

/* A read of one word at va through pm: 0 or EFAULT. */
static int probe_read(struct pmap *pm, vaddr_t va, uintptr_t *word)
{
	pmap_activate(pm);
	int error = kprobe_read_word((const void *)va, word);
	pmap_activate(pmap_kernel());
	return error;
}

KTEST(pmap_create_destroy_returns_pages)
{
	int64_t free0 = uvmexp.free;
	struct pmap *pm = pmap_create();
	KT_ASSERT(pm != NULL);
	KT_ASSERT(uvmexp.free < free0);
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	KT_ASSERT_EQ(pmap_wired_count(pm), 0);

	/* Two references: the first destroy leaves it alive and usable. */
	pmap_reference(pm);
	pmap_destroy(pm);
	struct vm_page *pg = test_page();
	KT_ASSERT(pg != NULL);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_READ, 0), 0);
	KT_ASSERT(pmap_extract(pm, TVA(0), NULL));
	pmap_remove(pm, TVA(0), TVA(1));
	pmap_update(pm);
	pmap_destroy(pm);
	uvm_pagefree(pg);
	KT_ASSERT_EQ(uvmexp.free, free0);
}

KTEST(pmap_enter_extract_remove)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	paddr_t pa;
	uintptr_t word = 0;
	KT_ASSERT(pm != NULL && pg != NULL);

	KT_ASSERT(!pmap_extract(pm, TVA(3), NULL));
	KT_ASSERT_EQ(pmap_enter(pm, TVA(3), PA(pg), VM_PROT_READ | VM_PROT_WRITE, 0), 0);
	pmap_update(pm);
	KT_ASSERT(pmap_extract(pm, TVA(3) + 0x123, &pa));
	KT_ASSERT_EQ(pa, PA(pg) + 0x123);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(3)), mmu_prot(VM_PROT_READ | VM_PROT_WRITE));
	KT_ASSERT_EQ(pmap_resident_count(pm), 1);
	KT_ASSERT_EQ(pmap_wired_count(pm), 0);
	KT_ASSERT_EQ(pv_count(pg), 1);
	KT_ASSERT(pv_has(pg, pm, TVA(3)));
	/* User space is the user pmap's only. */
	KT_ASSERT(!pmap_extract(pmap_kernel(), TVA(3), NULL));

	/* The mapping reaches the page: read and write through it. */
	*(volatile uintptr_t *)PMAP_DIRECT_MAP(PA(pg)) = 0x5a5a;
	KT_ASSERT_EQ(probe_read(pm, TVA(3), &word), 0);
	KT_ASSERT_EQ(word, 0x5a5a);
	KT_ASSERT_EQ(probe_write(pm, TVA(3) + 8, 0x77), 0);
	KT_ASSERT_EQ(*(volatile uint8_t *)(PMAP_DIRECT_MAP(PA(pg)) + 8), 0x77);

	/* An address without a vm_page makes an unmanaged mapping: no pv entry. */
	KT_ASSERT(uvm_phys_to_page(unmanaged_pa()) == NULL);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(4), unmanaged_pa(), VM_PROT_READ, 0), 0);
	KT_ASSERT(pmap_extract(pm, TVA(4), &pa));
	KT_ASSERT_EQ(pa, unmanaged_pa());
	KT_ASSERT_EQ(pmap_prot(pm, TVA(4)), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(pmap_resident_count(pm), 2);
	KT_ASSERT_EQ(pv_count(pg), 1);

	/* One remove over a range with holes takes both. */
	pmap_remove(pm, TVA(0), TVA(8));
	pmap_update(pm);
	KT_ASSERT(!pmap_extract(pm, TVA(3), NULL));
	KT_ASSERT(!pmap_extract(pm, TVA(4), NULL));
	KT_ASSERT_EQ(pmap_prot(pm, TVA(3)), VM_PROT_NONE);
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	KT_ASSERT(pg->pv_list == NULL);
	KT_ASSERT_EQ(probe_read(pm, TVA(3), &word), EFAULT);

	pmap_destroy(pm);
	uvm_pagefree(pg);
}

/*
 * With pm current and a writable entry of each of n pages in the TLB
 * (the same page at TVA(0) .. TVA(n-1)): pmap_protect to read-only, then
 * pmap_remove. Counts the writes that got through after the protect,
 * the reads that worked after it, and the reads that got through after
 * the remove. Nothing may fail while pm is current: counts first.
 */
struct tlb_counts {
	int writes_after_protect, reads_after_protect, reads_after_remove;
};

static struct tlb_counts tlb_protect_then_remove(struct pmap *pm, int n)
{
	struct tlb_counts c = { 0, 0, 0 };
	uintptr_t word;

	pmap_activate(pm);
	for (int i = 0; i < n; i++)
		kprobe_write_byte((void *)TVA(i), 1);
	pmap_protect(pm, TVA(0), TVA(n), VM_PROT_READ);
	for (int i = 0; i < n; i++)
		c.writes_after_protect += kprobe_write_byte((void *)TVA(i), 2) == 0;
	for (int i = 0; i < n; i++)
		c.reads_after_protect += kprobe_read_word((const void *)TVA(i), &word) == 0;
	pmap_remove(pm, TVA(0), TVA(n));
	for (int i = 0; i < n; i++)
		c.reads_after_remove += kprobe_read_word((const void *)TVA(i), &word) == 0;
	pmap_activate(pmap_kernel());
	return c;
}

/* Below the batch threshold (an invlpg each) and above it (one flush). */
KTEST(pmap_batched_invalidation_below_and_above)
{
	static const int sizes[] = { 8, PMAP_TLB_BATCH + 8 };
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	KT_ASSERT(pm != NULL && pg != NULL);

	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		for (int i = 0; i < n; i++)
			KT_ASSERT_EQ(pmap_enter(pm, TVA(i), PA(pg), VM_PROT_READ | VM_PROT_WRITE, 0), 0);
		struct tlb_counts c = tlb_protect_then_remove(pm, n);
		KT_ASSERT_EQ(c.writes_after_protect, 0);
		KT_ASSERT_EQ(c.reads_after_protect, n);
		KT_ASSERT_EQ(c.reads_after_remove, 0);
		KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	}
	pmap_destroy(pm);
	uvm_pagefree(pg);
}

KTEST(pmap_protect_lowers_only)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page(), *pg2 = test_page();
	uintptr_t word;
	KT_ASSERT(pm != NULL && pg != NULL && pg2 != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_ALL, 0), 0);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(1), PA(pg2), VM_PROT_READ | VM_PROT_WRITE, 0), 0);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(0)), VM_PROT_ALL);
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 1), 0);

	/* Only TVA(0) loses write; TVA(1), outside the range, keeps it. */
	pmap_protect(pm, TVA(0), TVA(1), VM_PROT_READ | VM_PROT_EXECUTE);
	pmap_update(pm);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(0)), VM_PROT_READ | VM_PROT_EXECUTE);
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 2), EFAULT);
	KT_ASSERT_EQ(probe_read(pm, TVA(0), &word), 0);
	KT_ASSERT_EQ(word & 0xff, 1);
	KT_ASSERT_EQ(probe_write(pm, TVA(1), 3), 0);

	/* Asking for more changes nothing. */
	pmap_protect(pm, TVA(0), TVA(2), VM_PROT_ALL);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(0)), VM_PROT_READ | VM_PROT_EXECUTE);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(1)), mmu_prot(VM_PROT_READ | VM_PROT_WRITE));

	/* Read-only: execute goes too (with NX). */
	pmap_protect(pm, TVA(0), TVA(2), VM_PROT_READ);
	pmap_update(pm);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(0)), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(pmap_prot(pm, TVA(1)), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(probe_write(pm, TVA(1), 4), EFAULT);
	KT_ASSERT_EQ(pmap_resident_count(pm), 2);

	/* No access: removed. */
	pmap_protect(pm, TVA(0), TVA(2), VM_PROT_NONE);
	pmap_update(pm);
	KT_ASSERT(!pmap_extract(pm, TVA(0), NULL));
	KT_ASSERT(!pmap_extract(pm, TVA(1), NULL));
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	KT_ASSERT(pg->pv_list == NULL && pg2->pv_list == NULL);

	pmap_destroy(pm);
	uvm_pagefree(pg);
	uvm_pagefree(pg2);
}

KTEST(pmap_enter_replaces_mapping)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg1 = test_page(), *pg2 = test_page();
	paddr_t pa;
	KT_ASSERT(pm != NULL && pg1 != NULL && pg2 != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg1), VM_PROT_READ | VM_PROT_WRITE, PMAP_WIRED), 0);
	pmap_clear_modify(pg1);
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 1), 0);

	/* Another page at the same address: pv entries and wiring follow. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg2), VM_PROT_READ, 0), 0);
	pmap_update(pm);
	KT_ASSERT(pmap_extract(pm, TVA(0), &pa));
	KT_ASSERT_EQ(pa, PA(pg2));
	KT_ASSERT_EQ(pmap_resident_count(pm), 1);
	KT_ASSERT_EQ(pmap_wired_count(pm), 0);
	KT_ASSERT_EQ(pv_count(pg1), 0);
	KT_ASSERT_EQ(pv_count(pg2), 1);
	KT_ASSERT(pv_has(pg2, pm, TVA(0)));
	KT_ASSERT(pmap_is_modified(pg1));       /* saved from the replaced mapping */
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 2), EFAULT);
	KT_ASSERT_EQ(*(uint8_t *)PMAP_DIRECT_MAP(PA(pg2)), 0);

	/* The same page again, writable and wired: still one pv entry. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg2), VM_PROT_READ | VM_PROT_WRITE, PMAP_WIRED), 0);
	pmap_update(pm);
	KT_ASSERT_EQ(pv_count(pg2), 1);
	KT_ASSERT_EQ(pmap_resident_count(pm), 1);
	KT_ASSERT_EQ(pmap_wired_count(pm), 1);
	KT_ASSERT_EQ(pmap_prot(pm, TVA(0)), mmu_prot(VM_PROT_READ | VM_PROT_WRITE));
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 3), 0);
	KT_ASSERT_EQ(*(uint8_t *)PMAP_DIRECT_MAP(PA(pg2)), 3);

	/* An unmanaged page replacing a managed one takes its pv entry away. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), unmanaged_pa(), VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pv_count(pg2), 0);
	KT_ASSERT(pmap_is_modified(pg2));

	pmap_remove(pm, TVA(0), TVA(1));
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	KT_ASSERT_EQ(pmap_wired_count(pm), 0);
	pmap_destroy(pm);
	uvm_pagefree(pg1);
	uvm_pagefree(pg2);
}

KTEST(pmap_page_protect_read_every_mapping)
{
	struct pmap *a = pmap_create(), *b = pmap_create();
	struct vm_page *pg = test_page(), *other = test_page();
	vaddr_t kva = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	uintptr_t word = 0;
	KT_ASSERT(a != NULL && b != NULL && pg != NULL && other != NULL && kva != 0);

	/* pg: twice in a (two tables), once in b, once in the kernel pmap. */
	KT_ASSERT_EQ(pmap_enter(a, TVA(1), PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(a, TVA_FAR, PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(b, TVA(5), PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(pmap_kernel(), kva, PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(a, TVA(2), PA(other), rw, 0), 0);
	KT_ASSERT_EQ(pv_count(pg), 4);
	KT_ASSERT_EQ(probe_write(b, TVA(5), 5), 0);
	KT_ASSERT_EQ(probe_write(a, TVA_FAR, 6), 0);

	/*
	 * With a current and writable entries cached in the TLB (by the
	 * writes just before), write-protect pg: the cached entries must go.
	 */
	KT_ASSERT_EQ(kprobe_write_byte((void *)kva, 7), 0);
	pmap_activate(a);
	int w_before = kprobe_write_byte((void *)TVA(1), 1);
	pmap_page_protect(pg, VM_PROT_READ);
	int w_near = kprobe_write_byte((void *)TVA(1), 2);
	int w_far = kprobe_write_byte((void *)TVA_FAR, 3);
	int r_near = kprobe_read_word((const void *)TVA(1), &word);
	int w_other = kprobe_write_byte((void *)TVA(2), 4);
	pmap_activate(pmap_kernel());
	KT_ASSERT_EQ(w_before, 0);
	KT_ASSERT_EQ(w_near, EFAULT);
	KT_ASSERT_EQ(w_far, EFAULT);
	KT_ASSERT_EQ(r_near, 0);
	KT_ASSERT_EQ(word & 0xff, 1);
	KT_ASSERT_EQ(w_other, 0);               /* another page: untouched */
	KT_ASSERT_EQ(probe_write(b, TVA(5), 8), EFAULT);
	KT_ASSERT_EQ(probe_read(b, TVA(5), &word), 0);
	KT_ASSERT_EQ(word & 0xff, 1);
	KT_ASSERT_EQ(kprobe_write_byte((void *)kva, 9), EFAULT);
	KT_ASSERT_EQ(*(volatile uint8_t *)kva, 1);
	KT_ASSERT_EQ(*(uint8_t *)PMAP_DIRECT_MAP(PA(pg)), 1);

	/* Still mapped, everywhere, read-only; the writes left it modified. */
	KT_ASSERT_EQ(pv_count(pg), 4);
	KT_ASSERT_EQ(pmap_prot(a, TVA(1)), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(pmap_prot(a, TVA_FAR), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(pmap_prot(b, TVA(5)), mmu_prot(VM_PROT_READ));
	KT_ASSERT_EQ(pmap_prot(pmap_kernel(), kva), mmu_prot(VM_PROT_READ));
	KT_ASSERT(pmap_is_modified(pg));

	/* Write permission asks for nothing to be lowered. */
	pmap_page_protect(pg, VM_PROT_ALL);
	KT_ASSERT_EQ(pv_count(pg), 4);

	pmap_page_protect(pg, VM_PROT_NONE);
	pmap_remove(a, TVA(2), TVA(3));
	KT_ASSERT(pg->pv_list == NULL);
	pmap_destroy(a);
	pmap_destroy(b);
	uvm_km_free(kva, PAGE_SIZE, UVM_KMF_VAONLY);
	uvm_pagefree(pg);
	uvm_pagefree(other);
}

KTEST(pmap_page_protect_none_removes_every_mapping)
{
	struct pmap *a = pmap_create(), *b = pmap_create();
	struct vm_page *pg = test_page();
	vaddr_t kva = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	uintptr_t word;
	KT_ASSERT(a != NULL && b != NULL && pg != NULL && kva != 0);

	KT_ASSERT_EQ(pmap_enter(a, TVA(1), PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(a, TVA_FAR, PA(pg), VM_PROT_READ, PMAP_WIRED), 0);
	KT_ASSERT_EQ(pmap_enter(b, TVA(1), PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pmap_enter(pmap_kernel(), kva, PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(pv_count(pg), 4);
	KT_ASSERT_EQ(pmap_wired_count(a), 1);

	/* Removal while a is current, with its entry in the TLB. */
	pmap_activate(a);
	int r_before = kprobe_read_word((const void *)TVA(1), &word);
	pmap_page_protect(pg, VM_PROT_NONE);
	int r_after = kprobe_read_word((const void *)TVA(1), &word);
	pmap_activate(pmap_kernel());
	KT_ASSERT_EQ(r_before, 0);
	KT_ASSERT_EQ(r_after, EFAULT);

	KT_ASSERT(pg->pv_list == NULL);
	KT_ASSERT(!pmap_extract(a, TVA(1), NULL));
	KT_ASSERT(!pmap_extract(a, TVA_FAR, NULL));
	KT_ASSERT(!pmap_extract(b, TVA(1), NULL));
	KT_ASSERT(!pmap_extract(pmap_kernel(), kva, NULL));
	KT_ASSERT_EQ(kprobe_read_word((const void *)kva, &word), EFAULT);
	KT_ASSERT_EQ(pmap_resident_count(a), 0);
	KT_ASSERT_EQ(pmap_wired_count(a), 0);   /* wired mappings go too */
	KT_ASSERT_EQ(pmap_resident_count(b), 0);

	/* pmap_destroy asserts that every table went with the last mapping. */
	pmap_destroy(a);
	pmap_destroy(b);
	uvm_km_free(kva, PAGE_SIZE, UVM_KMF_VAONLY);
	uvm_pagefree(pg);
}

KTEST(pmap_modified_is_exact)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	const vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	uintptr_t word;
	KT_ASSERT(pm != NULL && pg != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), rw, 0), 0);
	pmap_clear_modify(pg);
	KT_ASSERT(!pmap_is_modified(pg));
	KT_ASSERT(!pmap_clear_modify(pg));

	/* A read does not modify; a write does. */
	KT_ASSERT_EQ(probe_read(pm, TVA(0), &word), 0);
	KT_ASSERT(!pmap_is_modified(pg));
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 1), 0);
	KT_ASSERT(pmap_is_modified(pg));
	KT_ASSERT(pmap_clear_modify(pg));
	KT_ASSERT(!pmap_is_modified(pg));

	/* Cleared while the writable, dirty entry sits in the TLB: the next
	 * write must still be seen. */
	pmap_activate(pm);
	int w1 = kprobe_write_byte((void *)TVA(0), 2);
	bool was = pmap_clear_modify(pg);
	int w2 = kprobe_write_byte((void *)TVA(0), 3);
	pmap_activate(pmap_kernel());
	KT_ASSERT_EQ(w1, 0);
	KT_ASSERT(was);
	KT_ASSERT_EQ(w2, 0);
	KT_ASSERT(pmap_is_modified(pg));

	/* Removing the mapping keeps the answer (the saved attribute). */
	pmap_remove(pm, TVA(0), TVA(1));
	KT_ASSERT(pg->pv_list == NULL);
	KT_ASSERT(pmap_is_modified(pg));
	KT_ASSERT(pmap_clear_modify(pg));
	KT_ASSERT(!pmap_is_modified(pg));

	/* So does write-protecting it. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), rw, 0), 0);
	KT_ASSERT_EQ(probe_write(pm, TVA(0), 4), 0);
	pmap_protect(pm, TVA(0), TVA(1), VM_PROT_READ);
	KT_ASSERT(pmap_is_modified(pg));
	KT_ASSERT(pmap_clear_modify(pg));
	KT_ASSERT(!pmap_is_modified(pg));
	pmap_remove(pm, TVA(0), TVA(1));

	/* A write fault's pmap_enter marks the page modified at once. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), rw, VM_PROT_WRITE), 0);
	KT_ASSERT(pmap_is_modified(pg));
	KT_ASSERT(pmap_is_referenced(pg));
	pmap_remove(pm, TVA(0), TVA(1));
	pmap_clear_modify(pg);

	/* Writes through the direct map (unmanaged) are not seen. */
	*(volatile uint8_t *)PMAP_DIRECT_MAP(PA(pg)) = 5;
	KT_ASSERT(!pmap_is_modified(pg));

	pmap_destroy(pm);
	uvm_pagefree(pg);
}

KTEST(pmap_referenced_after_access)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	uintptr_t word;
	KT_ASSERT(pm != NULL && pg != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_READ, 0), 0);
	pmap_clear_reference(pg);
	KT_ASSERT(!pmap_is_referenced(pg));
	KT_ASSERT_EQ(probe_read(pm, TVA(0), &word), 0);
	KT_ASSERT(pmap_is_referenced(pg));
	KT_ASSERT(pmap_clear_reference(pg));
	KT_ASSERT(!pmap_is_referenced(pg));
	KT_ASSERT(!pmap_clear_reference(pg));

	/* Cleared with the entry in the TLB: the next read is still seen. */
	pmap_activate(pm);
	int r1 = kprobe_read_word((const void *)TVA(0), &word);
	bool was = pmap_clear_reference(pg);
	int r2 = kprobe_read_word((const void *)TVA(0), &word);
	pmap_activate(pmap_kernel());
	KT_ASSERT_EQ(r1, 0);
	KT_ASSERT(was);
	KT_ASSERT_EQ(r2, 0);
	KT_ASSERT(pmap_is_referenced(pg));

	/* Saved when the mapping goes; a read fault's enter presets it. */
	pmap_remove(pm, TVA(0), TVA(1));
	KT_ASSERT(pmap_is_referenced(pg));
	KT_ASSERT(pmap_clear_reference(pg));
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_READ, VM_PROT_READ), 0);
	KT_ASSERT(pmap_is_referenced(pg));
	pmap_remove(pm, TVA(0), TVA(1));
	pmap_clear_reference(pg);

	pmap_destroy(pm);
	uvm_pagefree(pg);
}

KTEST(pmap_wired_counts_and_unwire)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg[3] = { test_page(), test_page(), test_page() };
	KT_ASSERT(pm != NULL && pg[0] != NULL && pg[1] != NULL && pg[2] != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg[0]), VM_PROT_READ, PMAP_WIRED), 0);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(1), PA(pg[1]), VM_PROT_READ, PMAP_WIRED), 0);
	KT_ASSERT_EQ(pmap_enter(pm, TVA_FAR, PA(pg[2]), VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_resident_count(pm), 3);
	KT_ASSERT_EQ(pmap_wired_count(pm), 2);

	pmap_unwire(pm, TVA(0));
	KT_ASSERT_EQ(pmap_wired_count(pm), 1);
	KT_ASSERT(pmap_extract(pm, TVA(0), NULL));      /* still mapped */
	pmap_unwire(pm, TVA(0));                        /* not wired: no change */
	KT_ASSERT_EQ(pmap_wired_count(pm), 1);

	/* Re-entering sets the wiring to what the flags say. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA_FAR, PA(pg[2]), VM_PROT_READ, PMAP_WIRED), 0);
	KT_ASSERT_EQ(pmap_wired_count(pm), 2);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(1), PA(pg[1]), VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_wired_count(pm), 1);
	KT_ASSERT_EQ(pmap_resident_count(pm), 3);

	pmap_remove(pm, 0, VM_MAXUSER_ADDRESS);
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);
	KT_ASSERT_EQ(pmap_wired_count(pm), 0);
	pmap_destroy(pm);
	for (int i = 0; i < 3; i++)
		uvm_pagefree(pg[i]);
}

KTEST(pmap_enter_canfail_returns_enomem)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page(), *p;
	struct pglist hog;
	int fails = 0, error;
	bool clean = true;
	KT_ASSERT(pm != NULL && pg != NULL);

	/* Take every page an ordinary allocation may have. */
	TAILQ_INIT(&hog);
	while ((p = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL)
		TAILQ_INSERT_TAIL(&hog, p, pageq);
	struct pmap *starved = pmap_create();

	/* Give pages back one at a time until the enter succeeds; each
	 * failure must leave nothing behind. */
	while ((error = pmap_enter(pm, TVA_FAR, PA(pg), VM_PROT_READ | VM_PROT_WRITE,
	    PMAP_CANFAIL)) == ENOMEM && !TAILQ_EMPTY(&hog)) {
		fails++;
		if (pmap_extract(pm, TVA_FAR, NULL) || pmap_resident_count(pm) != 0 ||
		    pg->pv_list != NULL)
			clean = false;
		p = TAILQ_FIRST(&hog);
		TAILQ_REMOVE(&hog, p, pageq);
		uvm_pagefree(p);
	}
	while ((p = TAILQ_FIRST(&hog)) != NULL) {
		TAILQ_REMOVE(&hog, p, pageq);
		uvm_pagefree(p);
	}
	if (starved != NULL)
		pmap_destroy(starved);

	KT_ASSERT(starved == NULL);
	KT_ASSERT(fails >= 1);
	KT_ASSERT(clean);
	KT_ASSERT_EQ(error, 0);
	KT_ASSERT(pmap_extract(pm, TVA_FAR, NULL));
	KT_ASSERT(pv_has(pg, pm, TVA_FAR));
	pmap_remove(pm, TVA_FAR, TVA_FAR + PAGE_SIZE);
	pmap_destroy(pm);
	uvm_pagefree(pg);
}

KTEST(pmap_ptpages_freed_when_empty)
{
	struct pmap *pm = pmap_create();
	const paddr_t pa = unmanaged_pa();  /* no pv entries: only tables move */
	KT_ASSERT(pm != NULL);

	int64_t free0 = uvmexp.free;
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), pa, VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(free0 - uvmexp.free, TABLES_PER_SLOT);
	KT_ASSERT_EQ(pmap_enter(pm, TVA(1), pa, VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(free0 - uvmexp.free, TABLES_PER_SLOT);
	KT_ASSERT_EQ(pmap_enter(pm, TVA_NEXT_PT, pa, VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(free0 - uvmexp.free, TABLES_PER_SLOT + 1);
	KT_ASSERT_EQ(pmap_enter(pm, TVA_FAR, pa, VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(free0 - uvmexp.free, 2 * TABLES_PER_SLOT + 1);

	/* The PT of TVA(0..1) goes with its last mapping, not before. */
	pmap_remove(pm, TVA(0), TVA(1));
	KT_ASSERT_EQ(free0 - uvmexp.free, 2 * TABLES_PER_SLOT + 1);
	pmap_remove(pm, TVA(1), TVA(2));
	KT_ASSERT_EQ(free0 - uvmexp.free, 2 * TABLES_PER_SLOT);
	KT_ASSERT(pmap_extract(pm, TVA_NEXT_PT, NULL));

	/* The rest in one sweep of all user space (holes are skipped whole). */
	pmap_remove(pm, 0, VM_MAXUSER_ADDRESS);
	KT_ASSERT_EQ(uvmexp.free, free0);
	KT_ASSERT_EQ(pmap_resident_count(pm), 0);

	/* The pmap still works after its tables went. */
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), pa, VM_PROT_READ, 0), 0);
	pmap_remove(pm, TVA(0), TVA(1));
	KT_ASSERT_EQ(uvmexp.free, free0);
	pmap_destroy(pm);
}

static int pmap_test_kernel_data = 0x1234;

/*
 * User mode needs U/S (and R/W to write) at every level of a walk, and
 * must find U/S nowhere above the kernel half. User mode does not run
 * yet, and the kernel ignores U/S, so look at the entries themselves.
 * The one level without these bits is PAE's 4-entry PDPT (i386).
 */
static pt_entry_t walk_bits(struct pmap *pm, vaddr_t va, pt_entry_t want, int *bad_level)
{
	pt_entry_t *table = pm->pm_top;

	for (int level = PMAP_LEVELS; level >= 1; level--) {
		pt_entry_t e = table[PT_INDEX(va, level)];
		bool pae_pdpt = level == PMAP_LEVELS && PMAP_TOP_ENTRIES == 4;
		pt_entry_t expect = pae_pdpt ? 0 : want;
		if (!(e & PG_V) || (e & want) != expect) {
			*bad_level = level;
			return e;
		}
		table = (pt_entry_t *)PMAP_DIRECT_MAP(e & PG_FRAME);
	}
	return 0;
}

KTEST(pmap_user_bit_on_every_level)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	int bad = 0;
	KT_ASSERT(pm != NULL && pg != NULL);

	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_READ, 0), 0);
	KT_ASSERT_EQ(pmap_enter(pm, TVA_FAR, PA(pg), VM_PROT_READ | VM_PROT_WRITE, 0), 0);
	KT_ASSERT_EQ(walk_bits(pm, TVA(0), PG_U, &bad), 0);
	KT_ASSERT_EQ(bad, 0);
	KT_ASSERT_EQ(walk_bits(pm, TVA_FAR, PG_U | PG_RW, &bad), 0);
	KT_ASSERT_EQ(bad, 0);
	/* TVA(0) is read-only at the leaf only. */
	walk_bits(pm, TVA(0), PG_U | PG_RW, &bad);
	KT_ASSERT_EQ(bad, 1);

	/* The kernel half: no PG_U at the top (PML4) or below (PDPT[3]'s PD). */
	vaddr_t kva = (vaddr_t)&pmap_test_kernel_data;
	KT_ASSERT_EQ(pm->pm_top[PT_INDEX(kva, PMAP_LEVELS)] & PG_U, 0);
	pt_entry_t *kpd = (pt_entry_t *)PMAP_DIRECT_MAP(pm->pm_top[PT_INDEX(kva, PMAP_LEVELS)] &
	    PG_FRAME);
	KT_ASSERT_EQ(kpd[PT_INDEX(kva, PMAP_LEVELS - 1)] & PG_U, 0);

	pmap_remove(pm, 0, VM_MAXUSER_ADDRESS);
	pmap_destroy(pm);
	uvm_pagefree(pg);
}


KTEST(pmap_activate_keeps_kernel_mapped)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = test_page();
	uintptr_t *heap = kmem_alloc(sizeof(*heap), KM_SLEEP);
	vaddr_t kva = uvm_km_alloc(8 << 20, UVM_KMF_VAONLY);
	paddr_t pa_user, pa_kernel;
	uintptr_t w_data = 0, w_heap = 0, w_late = 0, w_user = 0;
	KT_ASSERT(pm != NULL && pg != NULL && heap != NULL && kva != 0);
	*heap = 0x4321;
	*(volatile uintptr_t *)PMAP_DIRECT_MAP(PA(pg)) = 0x600d;
	KT_ASSERT_EQ(pmap_enter(pm, TVA(0), PA(pg), VM_PROT_READ, 0), 0);

	/* A kernel mapping made after pmap_create (likely in a new kernel
	 * table) shows in the user pmap too: the kernel half is shared. */
	pmap_kenter_pa(kva + (6 << 20), PA(pg), VM_PROT_READ, 0);

	pmap_activate(pm);
	int call = kprobe_call(kprobe_ret);
	int data = kprobe_read_word(&pmap_test_kernel_data, &w_data);
	int hp = kprobe_read_word(heap, &w_heap);
	int late = kprobe_read_word((const void *)(kva + (6 << 20)), &w_late);
	int user = kprobe_read_word((const void *)TVA(0), &w_user);
	pmap_activate(pmap_kernel());

	KT_ASSERT_EQ(call, 0);
	KT_ASSERT_EQ(data, 0);
	KT_ASSERT_EQ(w_data, 0x1234);
	KT_ASSERT_EQ(hp, 0);
	KT_ASSERT_EQ(w_heap, 0x4321);
	KT_ASSERT_EQ(late, 0);
	KT_ASSERT_EQ(w_late, 0x600d);
	KT_ASSERT_EQ(user, 0);
	KT_ASSERT_EQ(w_user, 0x600d);
	/* The user pmap translates kernel addresses as the kernel's does. */
	KT_ASSERT(pmap_extract(pm, (vaddr_t)&pmap_test_kernel_data, &pa_user));
	KT_ASSERT(pmap_extract(pmap_kernel(), (vaddr_t)&pmap_test_kernel_data, &pa_kernel));
	KT_ASSERT_EQ(pa_user, pa_kernel);

	pmap_kremove(kva + (6 << 20), PAGE_SIZE);
	uvm_km_free(kva, 8 << 20, UVM_KMF_VAONLY);
	kmem_free(heap, sizeof(*heap));
	pmap_remove(pm, TVA(0), TVA(1));
	pmap_destroy(pm);
	uvm_pagefree(pg);
}

/* ---- a seeded random sequence, checked against a model ---------------- */

#define M_PMAPS         2
#define M_PAGES         4       /* managed; index M_PAGES is unmanaged_pa() */
#define M_VAS           12
#define M_STEPS         400

struct model_mapping {
	int page;               /* -1: unmapped */
	vm_prot_t prot;
	bool wired;
};

/* Four addresses in one table, four in the next, four at the top of user space. */
static vaddr_t model_va(int i)
{
	const vaddr_t base[3] = { TVA(0), TVA_NEXT_PT, TVA_FAR };

	return base[i / 4] + (vaddr_t)(i % 4) * PAGE_SIZE;
}

/* Does the pmap agree with the model? Returns a description of the first
 * difference, or NULL. */
static const char *model_check(struct model_mapping m[M_PMAPS][M_VAS],
    struct pmap **pm, struct vm_page **pg)
{
	for (int p = 0; p < M_PMAPS; p++) {
		long resident = 0, wired = 0;
		for (int v = 0; v < M_VAS; v++) {
			struct model_mapping *mm = &m[p][v];
			paddr_t pa;
			bool mapped = pmap_extract(pm[p], model_va(v), &pa);
			if (mapped != (mm->page >= 0))
				return mapped ? "mapped, should not be" : "not mapped, should be";
			if (!mapped)
				continue;
			resident++;
			wired += mm->wired;
			if (pa != (mm->page < M_PAGES ? PA(pg[mm->page]) : unmanaged_pa()))
				return "maps the wrong page";
			if (pmap_prot(pm[p], model_va(v)) != mmu_prot(mm->prot))
				return "wrong protection";
			if (mm->page < M_PAGES && !pv_has(pg[mm->page], pm[p], model_va(v)))
				return "pv entry missing";
		}
		if (pmap_resident_count(pm[p]) != resident)
			return "wrong resident count";
		if (pmap_wired_count(pm[p]) != wired)
			return "wrong wired count";
	}
	for (int i = 0; i < M_PAGES; i++) {
		int n = 0;
		for (int p = 0; p < M_PMAPS; p++)
			for (int v = 0; v < M_VAS; v++)
				n += m[p][v].page == i;
		if (pv_count(pg[i]) != n)
			return "wrong number of pv entries";
	}
	return NULL;
}

static vm_prot_t model_random_prot(struct ktest_ctx *kt, bool none_ok)
{
	static const vm_prot_t prots[] = { VM_PROT_NONE, VM_PROT_READ,
	    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_READ | VM_PROT_EXECUTE, VM_PROT_ALL,
	    VM_PROT_WRITE, VM_PROT_EXECUTE };       /* the last two imply READ */
	const int n = sizeof(prots) / sizeof(prots[0]);

	return none_ok ? prots[ktest_random(kt) % n] : prots[1 + ktest_random(kt) % (n - 1)];
}

static void model_step(struct ktest_ctx *kt, struct model_mapping m[M_PMAPS][M_VAS],
    struct pmap **pm, struct vm_page **pg)
{
	int p = ktest_random(kt) % M_PMAPS, v = ktest_random(kt) % M_VAS;
	int w = v + ktest_random(kt) % (M_VAS - v);     /* range [v, w] */
	int page = ktest_random(kt) % (M_PAGES + 1);
	vm_prot_t prot;

	switch (ktest_random(kt) % 6) {
	case 0:
	case 1: {
		bool wired = ktest_random(kt) % 2;
		prot = model_random_prot(kt, false);
		paddr_t pa = page < M_PAGES ? PA(pg[page]) : unmanaged_pa();
		KT_ASSERT_EQ(pmap_enter(pm[p], model_va(v), pa, prot, wired ? PMAP_WIRED : 0), 0);
		m[p][v] = (struct model_mapping){ page, prot, wired };
		break;
	}
	case 2:
		pmap_remove(pm[p], model_va(v), model_va(w) + PAGE_SIZE);
		for (int i = v; i <= w; i++)
			m[p][i].page = -1;
		break;
	case 3:
		prot = model_random_prot(kt, true);
		pmap_protect(pm[p], model_va(v), model_va(w) + PAGE_SIZE, prot);
		for (int i = v; i <= w; i++) {
			if (prot == VM_PROT_NONE)
				m[p][i].page = -1;
			m[p][i].prot &= prot | VM_PROT_READ;
		}
		break;
	case 4:
		if (page == M_PAGES)
			break;
		prot = model_random_prot(kt, true);
		pmap_page_protect(pg[page], prot);
		for (int q = 0; q < M_PMAPS; q++)
			for (int i = 0; i < M_VAS; i++)
				if (m[q][i].page == page && !(prot & VM_PROT_WRITE)) {
					if (prot == VM_PROT_NONE)
						m[q][i].page = -1;
					m[q][i].prot &= ~VM_PROT_WRITE;
				}
		break;
	case 5:
		if (m[p][v].page < 0)
			break;
		pmap_unwire(pm[p], model_va(v));
		m[p][v].wired = false;
		break;
	}
	for (int q = 0; q < M_PMAPS; q++)
		pmap_update(pm[q]);
}

KTEST(pmap_random_against_model)
{
	static struct model_mapping m[M_PMAPS][M_VAS];
	struct pmap *pm[M_PMAPS];
	struct vm_page *pg[M_PAGES];

	for (int p = 0; p < M_PMAPS; p++) {
		pm[p] = pmap_create();
		KT_ASSERT(pm[p] != NULL);
		for (int v = 0; v < M_VAS; v++)
			m[p][v].page = -1;
	}
	for (int i = 0; i < M_PAGES; i++) {
		pg[i] = test_page();
		KT_ASSERT(pg[i] != NULL);
	}
	for (int step = 0; step < M_STEPS; step++) {
		model_step(kt, m, pm, pg);
		if (kt->failed)
			return;
		const char *diff = model_check(m, pm, pg);
		if (diff != NULL) {
			ktest_fail(kt, __FILE__, __LINE__, "step %d: %s", step, diff);
			return;
		}
	}
	for (int p = 0; p < M_PMAPS; p++) {
		pmap_remove(pm[p], 0, VM_MAXUSER_ADDRESS);
		pmap_destroy(pm[p]);
	}
	for (int i = 0; i < M_PAGES; i++) {
		KT_ASSERT(pg[i]->pv_list == NULL);
		uvm_pagefree(pg[i]);
	}
}
