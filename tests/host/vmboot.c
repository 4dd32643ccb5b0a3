/* Boots the page allocator on the host arena; see vmboot.h. */
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "vm/uvmexp.h"

paddr_t host_vm_physget_pa;

void host_vm_boot(void)
{
	memset(host_phys_arena, 0xdb, HOST_PHYS_HI - HOST_PHYS_LO);
	uvm_page_physload(SEG1_START, SEG1_END, SEG1_START, SEG1_END, VM_FREELIST_DEFAULT);
	uvm_page_physload(SEG0_START, SEG1_START, SEG0_AVAIL, SEG1_START, VM_FREELIST_FIRST16);
	CHECK(uvm_page_physget(&host_vm_physget_pa));
	uvm_page_init();
	CHECK(uvm_page_initialized());
	CHECK_UNLOCKED();
}

struct vm_page *host_vm_page(int i)
{
	for (int s = 0; s < vm_nphysseg; s++) {
		struct vm_physseg *seg = &vm_physmem[s];
		int n = seg->avail_end - seg->avail_start;
		if (i < n)
			return &seg->pgs[i];
		i -= n;
	}
	host_fail("host_vm_page: no managed page %d", i);
}

int host_vm_index(const struct vm_page *pg)
{
	int base = 0;

	for (int s = 0; s < vm_nphysseg; s++) {
		struct vm_physseg *seg = &vm_physmem[s];
		int n = seg->avail_end - seg->avail_start;
		if (pg >= seg->pgs && pg < seg->pgs + n)
			return base + (pg - seg->pgs);
		base += n;
	}
	host_fail("%p is not a managed vm_page", (const void *)pg);
}

unsigned char *host_page_data(const struct vm_page *pg)
{
	return host_phys_ptr(pg->phys_addr);
}

bool host_page_is_zero(const struct vm_page *pg)
{
	const unsigned char *p = host_page_data(pg);

	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			return false;
	return true;
}
