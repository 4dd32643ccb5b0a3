/* Tests of kernel VA allocation, wired backing and kernel stacks. */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/probe.h"
#include "pmap/pmap.h"
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

KTEST(km_va_reuse_after_coalescing)
{
	enum { N = 16 };
	vaddr_t va[N];

	for (int i = 0; i < N; i++) {
		va[i] = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
		KT_ASSERT(va[i] != 0);
		if (i)
			KT_ASSERT(va[i] > va[i - 1]);
	}
	/* Free in a scattered order: odd ones, then even ones. */
	for (int i = 1; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	for (int i = 0; i < N; i += 2)
		uvm_km_free(va[i], PAGE_SIZE, UVM_KMF_VAONLY);
	/* Coalesced back: first fit gives one range at the lowest address. */
	vaddr_t big = uvm_km_alloc(N * PAGE_SIZE, UVM_KMF_VAONLY);
	KT_ASSERT(big != 0);
	KT_ASSERT(big <= va[0]);
	uvm_km_free(big, N * PAGE_SIZE, UVM_KMF_VAONLY);
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
