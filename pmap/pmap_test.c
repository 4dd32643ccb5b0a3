/*
 * Kernel pmap conformance tests: what pmap.h promises for unmanaged
 * kernel mappings, and the protections of the kernel image. Writes and
 * executions that must fault go through the fault-recovering probes
 * (kernel/probe.h), so a broken protection is a test failure, not a crash.
 */
#include <machine/cpu.h>
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/probe.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "pmap/pmap_impl.h"
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"
#include "vm/kmem.h"

extern char kernel_start[], kernel_etext[], kernel_erodata[], boot_stack_guard[];
static const char pmap_test_rodata[] = "read-only";
static int pmap_test_data = 42;

KTEST(pmap_kenter_extract_kremove)
{
	vaddr_t va = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	paddr_t pa;
	uintptr_t word;
	KT_ASSERT(va != 0 && pg != NULL);

	KT_ASSERT(!pmap_extract(pmap_kernel(), va, NULL));
	pmap_kenter_pa(va, pg->phys_addr, VM_PROT_READ | VM_PROT_WRITE, 0);
	pmap_update(pmap_kernel());
	KT_ASSERT(pmap_extract(pmap_kernel(), va + 123, &pa));
	KT_ASSERT_EQ(pa, pg->phys_addr + 123);
	KT_ASSERT_EQ(pmap_prot(pmap_kernel(), va), VM_PROT_READ | VM_PROT_WRITE);

	/* The mapping and the direct map reach the same page. */
	*(volatile uint32_t *)(va + 8) = 0xfeedface;
	KT_ASSERT_EQ(*(uint32_t *)(PMAP_DIRECT_MAP(pg->phys_addr) + 8), 0xfeedface);

	pmap_kremove(va, PAGE_SIZE);
	pmap_update(pmap_kernel());
	KT_ASSERT(!pmap_extract(pmap_kernel(), va, NULL));
	KT_ASSERT_EQ(kprobe_read_word((void *)va, &word), EFAULT);

	pg->flags &= ~PG_BUSY;
	uvm_pagefree(pg);
	uvm_km_free(va, PAGE_SIZE, UVM_KMF_VAONLY);
}

KTEST(pmap_kenter_readonly_write_faults)
{
	vaddr_t va = uvm_km_alloc(PAGE_SIZE, UVM_KMF_VAONLY);
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	uintptr_t word = 1;
	KT_ASSERT(va != 0 && pg != NULL);

	pmap_kenter_pa(va, pg->phys_addr, VM_PROT_READ, 0);
	KT_ASSERT_EQ(pmap_prot(pmap_kernel(), va), VM_PROT_READ);
	KT_ASSERT_EQ(kprobe_read_word((void *)va, &word), 0);
	KT_ASSERT_EQ(word, 0);
	KT_ASSERT_EQ(kprobe_write_byte((void *)va, 0x55), EFAULT);
	KT_ASSERT_EQ(*(uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr), 0);

	/* Re-entering with write permission replaces the mapping. */
	pmap_kenter_pa(va, pg->phys_addr, VM_PROT_READ | VM_PROT_WRITE, 0);
	KT_ASSERT_EQ(kprobe_write_byte((void *)va, 0x55), 0);
	KT_ASSERT_EQ(*(uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr), 0x55);

	pmap_kremove(va, PAGE_SIZE);
	pg->flags &= ~PG_BUSY;
	uvm_pagefree(pg);
	uvm_km_free(va, PAGE_SIZE, UVM_KMF_VAONLY);
}

KTEST(pmap_kernel_image_protections)
{
	uint8_t before = *(volatile uint8_t *)kprobe_ret;

	/* Text: read and execute, never write. */
	KT_ASSERT_EQ(pmap_prot(pmap_kernel(), (vaddr_t)kprobe_ret),
	    VM_PROT_READ | VM_PROT_EXECUTE);
	KT_ASSERT_EQ(kprobe_write_byte((void *)kprobe_ret, 0x90), EFAULT);
	KT_ASSERT_EQ(*(volatile uint8_t *)kprobe_ret, before);
	KT_ASSERT_EQ(kprobe_call(kprobe_ret), 0);

	/* Read-only data. */
	KT_ASSERT((vaddr_t)pmap_test_rodata >= (vaddr_t)kernel_etext &&
	    (vaddr_t)pmap_test_rodata < (vaddr_t)kernel_erodata);
	KT_ASSERT_EQ(kprobe_write_byte((void *)pmap_test_rodata, 'X'), EFAULT);
	KT_ASSERT_EQ(pmap_test_rodata[0], 'r');

	/* Data: read/write; no-execute where the CPU has NX. */
	vm_prot_t want = VM_PROT_READ | VM_PROT_WRITE | (cpu_features.nx ? 0 : VM_PROT_EXECUTE);
	KT_ASSERT_EQ(pmap_prot(pmap_kernel(), (vaddr_t)&pmap_test_data), want);
	KT_ASSERT_EQ(kprobe_write_byte((void *)&pmap_test_data, 43), 0);
}

KTEST(pmap_nx_data_does_not_execute)
{
	uint8_t *buf = kmem_alloc(64, KM_SLEEP);

	/* Copy a 'ret' into a data page and try to run it. */
	memcpy(buf, (const void *)kprobe_ret, 1);
	KT_ASSERT(cpu_features.nx);
	KT_ASSERT_EQ(kprobe_call((void (*)(void))buf), EFAULT);
	kmem_free(buf, 64);
}

KTEST(pmap_direct_map_covers_ram)
{
	for (int i = 0; i < vm_nphysseg; i++) {
		paddr_t pas[3] = { ptoa(vm_physmem[i].start), ptoa(vm_physmem[i].end) - PAGE_SIZE,
		    ptoa((vm_physmem[i].start + vm_physmem[i].end) / 2) };
		for (int k = 0; k < 3; k++) {
			paddr_t pa;
			KT_ASSERT(pmap_extract(pmap_kernel(), PMAP_DIRECT_MAP(pas[k]), &pa));
			KT_ASSERT_EQ(pa, pas[k]);
		}
	}
}

KTEST(pmap_boot_stack_guard_unmapped)
{
	uintptr_t w;

	KT_ASSERT(!pmap_extract(pmap_kernel(), (vaddr_t)boot_stack_guard, NULL));
	KT_ASSERT_EQ(kprobe_read_word(boot_stack_guard + 64, &w), EFAULT);
	KT_ASSERT(pmap_extract(pmap_kernel(), (vaddr_t)boot_stack_guard + PAGE_SIZE, NULL));
}

KTEST(pmap_zero_and_copy_page)
{
	struct vm_page *a = uvm_pagealloc(NULL, 0, NULL, 0);
	struct vm_page *b = uvm_pagealloc(NULL, 0, NULL, 0);
	KT_ASSERT(a && b);
	uint8_t *pa = (uint8_t *)PMAP_DIRECT_MAP(a->phys_addr);
	uint8_t *pb = (uint8_t *)PMAP_DIRECT_MAP(b->phys_addr);

	for (unsigned i = 0; i < PAGE_SIZE; i++)
		pa[i] = (uint8_t)(i * 7 + 1);
	pmap_copy_page(a->phys_addr, b->phys_addr);
	KT_ASSERT(memcmp(pa, pb, PAGE_SIZE) == 0);
	pmap_zero_page(a->phys_addr);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		KT_ASSERT_EQ(pa[i], 0);
	KT_ASSERT_EQ(pb[PAGE_SIZE - 1], (uint8_t)((PAGE_SIZE - 1) * 7 + 1));
	a->flags = b->flags = 0;
	uvm_pagefree(a);
	uvm_pagefree(b);
}

/*
 * pmap_kremove past the batch threshold flushes the kernel's global
 * entries too: PMAP_TLB_BATCH + 8 kernel pages (one physical page), each
 * read once so that its entry is in the TLB, then removed: every read
 * faults afterwards.
 */
KTEST(pmap_kremove_batched_invalidation)
{
	const int n = PMAP_TLB_BATCH + 8;
	vaddr_t va = uvm_km_alloc((vsize_t)n * PAGE_SIZE, UVM_KMF_VAONLY);
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	uintptr_t word;
	int before = 0, after = 0;
	KT_ASSERT(va != 0 && pg != NULL);

	for (int i = 0; i < n; i++)
		pmap_kenter_pa(va + i * PAGE_SIZE, pg->phys_addr, VM_PROT_READ, 0);
	for (int i = 0; i < n; i++)
		before += kprobe_read_word((const void *)(va + i * PAGE_SIZE), &word) == 0;
	pmap_kremove(va, (vsize_t)n * PAGE_SIZE);
	pmap_update(pmap_kernel());
	for (int i = 0; i < n; i++)
		after += kprobe_read_word((const void *)(va + i * PAGE_SIZE), &word) == 0;
	uvm_km_free(va, (vsize_t)n * PAGE_SIZE, UVM_KMF_VAONLY);
	uvm_pagefree(pg);
	KT_ASSERT_EQ(before, n);
	KT_ASSERT_EQ(after, 0);
}
