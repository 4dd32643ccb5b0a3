/*
 * Kernel virtual memory: a first-fit allocator of kernel VA ranges over
 * [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS), plus wired backing.
 *
 * The free VA is kept as a sorted array of disjoint [start, end) extents;
 * freeing coalesces with both neighbours, so the array holds one extent
 * per hole. Example: after allocating A, B, C (4 KiB each) and freeing B,
 * the extents are [B, B+4K) and [C+4K, MAX).
 *
 * A later issue turns this into the kernel_map (a struct vm_map): the
 * interface stays.
 *
 * Lock legend: [k] km_lock (a spinlock)
 */
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"
#include "vm/uvm_pdaemon.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

#define KM_MAXEXTENTS   256

static struct km_extent {
	vaddr_t start, end;
} km_free[KM_MAXEXTENTS];               /* [k] sorted, disjoint, non-adjacent */
static int km_nfree;                    /* [k] */
static uint64_t km_va_pages;            /* [k] pages of VA allocated */

static struct spinlock km_lock = SPINLOCK_INITIALIZER("uvm_km");

void uvm_km_init(void)
{
	km_free[0] = (struct km_extent){ VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS };
	km_nfree = 1;
}

static vaddr_t km_va_alloc(vsize_t size)
{
	vaddr_t va = 0;
	spinlock_enter(&km_lock);

	for (int i = 0; i < km_nfree; i++) {
		struct km_extent *e = &km_free[i];
		if (e->end - e->start < size)
			continue;
		va = e->start;
		e->start += size;
		if (e->start == e->end) {
			for (int j = i; j < km_nfree - 1; j++)
				km_free[j] = km_free[j + 1];
			km_nfree--;
		}
		km_va_pages += atop(size);
		break;
	}
	spinlock_exit(&km_lock);
	return va;
}

static void km_va_free(vaddr_t va, vsize_t size)
{
	vaddr_t end = va + size;
	spinlock_enter(&km_lock);
	int i = 0;

	while (i < km_nfree && km_free[i].start < va)
		i++;
	/* i: the first extent after the freed range. */
	KASSERTMSG((i == 0 || km_free[i - 1].end <= va) &&
	    (i == km_nfree || end <= km_free[i].start),
	    "[%p, %p) is already free", (void *)va, (void *)end);
	bool join_prev = i > 0 && km_free[i - 1].end == va;
	bool join_next = i < km_nfree && km_free[i].start == end;
	if (join_prev && join_next) {
		km_free[i - 1].end = km_free[i].end;
		for (int j = i; j < km_nfree - 1; j++)
			km_free[j] = km_free[j + 1];
		km_nfree--;
	} else if (join_prev) {
		km_free[i - 1].end = end;
	} else if (join_next) {
		km_free[i].start = va;
	} else {
		if (km_nfree == KM_MAXEXTENTS)
			panic("km_va_free: more than %d holes in kernel VA", KM_MAXEXTENTS);
		for (int j = km_nfree; j > i; j--)
			km_free[j] = km_free[j - 1];
		km_free[i] = (struct km_extent){ va, end };
		km_nfree++;
	}
	km_va_pages -= atop(size);
	spinlock_exit(&km_lock);
}

/* Unmaps [va, va+size) and frees the wired pages behind it. */
static void km_unback(vaddr_t va, vsize_t size)
{
	for (vaddr_t p = va; p < va + size; p += PAGE_SIZE) {
		paddr_t pa;
		if (!pmap_extract(pmap_kernel(), p, &pa))
			continue;
		struct vm_page *pg = uvm_phys_to_page(pa);
		KASSERTMSG(pg != NULL, "va %p maps unmanaged pa %#llx", (void *)p,
		    (unsigned long long)pa);
		pmap_kremove(p, PAGE_SIZE);
		uvm_pageunwire(pg);
		uvm_pagefree(pg);
	}
	pmap_update(pmap_kernel());
}

/*
 * Backs [va, va+size) with wired zeroed pages; all or nothing. A caller
 * that cannot wait (NOWAIT: under a spinlock, in an interrupt) may use
 * the kernel's reserve.
 */
static bool km_back(vaddr_t va, vsize_t size, int flags)
{
	int pgaflags = UVM_PGA_ZERO | ((flags & UVM_KMF_NOWAIT) ? UVM_PGA_USERESERVE : 0);

	for (vaddr_t p = va; p < va + size; p += PAGE_SIZE) {
		struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, pgaflags);
		if (!pg) {
			km_unback(va, p - va);
			return false;
		}
		uvm_pagewire(pg);
		pg->flags &= ~(PG_BUSY | PG_FAKE);
		pmap_kenter_pa(p, pg->phys_addr, VM_PROT_READ | VM_PROT_WRITE, 0);
	}
	pmap_update(pmap_kernel());
	return true;
}

vaddr_t uvm_km_alloc(vsize_t size, int flags)
{
	KASSERT(size > 0);
	KASSERT(!(flags & UVM_KMF_WIRED) != !(flags & UVM_KMF_VAONLY));
	size = round_page(size);
	vaddr_t va = km_va_alloc(size);
	if (va == 0)
		return 0;
	/* Without NOWAIT, no memory means waiting for the pagedaemon. */
	while ((flags & UVM_KMF_WIRED) && !km_back(va, size, flags)) {
		if ((flags & UVM_KMF_NOWAIT) || uvm_wait("kmem", false) != 0) {
			km_va_free(va, size);
			return 0;
		}
	}
	return va;
}

void uvm_km_free(vaddr_t va, vsize_t size, int flags)
{
	KASSERT((va & PAGE_MASK) == 0 && size > 0);
	size = round_page(size);
	if (flags & UVM_KMF_WIRED)
		km_unback(va, size);
	km_va_free(va, size);
}

vaddr_t uvm_km_kstack_alloc(vsize_t size)
{
	KASSERT(size > 0 && (size & PAGE_MASK) == 0);
	vaddr_t va = km_va_alloc(size + PAGE_SIZE);
	if (va == 0)
		return 0;
	/* [va, va + PAGE_SIZE) is the guard: never mapped. */
	while (!km_back(va + PAGE_SIZE, size, 0)) {
		if (uvm_wait("kstack", false) != 0) {
			km_va_free(va, size + PAGE_SIZE);
			return 0;
		}
	}
	return va + PAGE_SIZE;
}

void uvm_km_kstack_free(vaddr_t lo, vsize_t size)
{
	KASSERT((lo & PAGE_MASK) == 0 && size > 0 && (size & PAGE_MASK) == 0);
	KASSERTMSG(!pmap_extract(pmap_kernel(), lo - PAGE_SIZE, NULL),
	    "the guard page below the stack at %p is mapped", (void *)lo);
	km_unback(lo, size);
	km_va_free(lo - PAGE_SIZE, size + PAGE_SIZE);
}

uint64_t uvm_km_va_pages(void)
{
	return km_va_pages;
}
