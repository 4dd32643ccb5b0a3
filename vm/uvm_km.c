/*
 * Kernel virtual memory: ranges of kernel VA in
 * [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS), handed out by a vmem
 * arena (vm/vmem.c), plus the wired pages behind them.
 *
 * Invariants:
 *  - every allocated range is one busy segment of km_arena, freed with
 *    the address and size it was allocated with (vmem_free panics
 *    otherwise); a kernel stack's segment includes its guard page;
 *  - a UVM_KMF_WIRED range is mapped page for page (pmap_kenter_pa) to
 *    wired pages that belong to it; a UVM_KMF_VAONLY range is the
 *    caller's to map, and must be unmapped again before it is freed
 *    (uvm_km_free checks: a page still mapped there would be left
 *    reachable through VA that someone else is about to be given, and
 *    its wiring or loan would leak; NetBSD learnt this with loaned pipe
 *    buffers freed by uvm_km_free without an unloan);
 *  - uvm_km_va_pages() is the number of pages in busy segments, exact.
 *
 * Example: uvm_km_kstack_alloc(4 pages) takes a 5-page segment
 * [va, va + 5 pages) and maps [va + 1 page, va + 5 pages), leaving the
 * page at va unmapped, so an overflow off the bottom of the stack faults.
 * uvm_km_kstack_free gives the 5-page segment back, guard included.
 *
 * Nothing here panics on a size a user could choose: uvm_km_alloc
 * returns 0 for a size of 0, or one larger than the kernel's VA, before
 * round_page could wrap it.
 *
 * Locks: the arena has its own spinlock (vmem.h); nothing here holds a
 * lock across the calls into the pmap and the page allocator.
 */
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvmexp.h"
#include "vm/vmem.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

#define KM_VA_SIZE      ((vsize_t)(VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS))

static struct vmem km_arena;

/* The counters vmstat shows; read without the arena's lock, so approximate. */
static void km_stats(void)
{
	uvmexp.kvatags = vmem_ntags(&km_arena);
	uvmexp.kvatagpages = vmem_npages(&km_arena);
}

void uvm_km_init(void)
{
	vmem_init(&km_arena, "kernel VA", VM_MIN_KERNEL_ADDRESS, KM_VA_SIZE, PAGE_SIZE);
	km_stats();
}

static vaddr_t km_va_alloc(vsize_t size, int flags)
{
	vmem_addr_t va;
	int vflags = (flags & UVM_KMF_NOWAIT) ? VMEM_USERESERVE : 0;

	/* Without NOWAIT, no page for the arena's tags means waiting. */
	for (;;) {
		int error = vmem_xalloc(&km_arena, size, 0, vflags, &va);
		km_stats();
		if (error == 0)
			return va;
		if (error != ENOMEM || (flags & UVM_KMF_NOWAIT) || uvm_wait("kmva", false) != 0)
			return 0;
	}
}

static void km_va_free(vaddr_t va, vsize_t size)
{
	vmem_free(&km_arena, va, size);
	km_stats();
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
	KASSERT(!(flags & UVM_KMF_WIRED) != !(flags & UVM_KMF_VAONLY));
	/* Checked before round_page, which would wrap a huge size to 0. */
	if (size == 0 || size > KM_VA_SIZE)
		return 0;
	size = round_page(size);
	vaddr_t va = km_va_alloc(size, flags);
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
	KASSERT((va & PAGE_MASK) == 0 && size > 0 && size <= KM_VA_SIZE);
	KASSERT(!(flags & UVM_KMF_WIRED) != !(flags & UVM_KMF_VAONLY));
	size = round_page(size);
	if (flags & UVM_KMF_WIRED) {
		km_unback(va, size);
	} else {
		for (vaddr_t p = va; p < va + size; p += PAGE_SIZE)
			KASSERTMSG(!pmap_extract(pmap_kernel(), p, NULL),
			    "VA-only range [%p, %p) still maps %p: its "
			    "owner must unmap (and unwire, unloan) it before the VA is freed",
			    (void *)va, (void *)(va + size), (void *)p);
	}
	km_va_free(va, size);
}

vaddr_t uvm_km_kstack_alloc(vsize_t size)
{
	KASSERT(size > 0 && (size & PAGE_MASK) == 0 && size < KM_VA_SIZE);
	vaddr_t va = km_va_alloc(size + PAGE_SIZE, 0);
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
	return atop(vmem_inuse(&km_arena));
}
