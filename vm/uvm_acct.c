#include "vm/uvm_acct.h"
#include "vm/uvmexp.h"
#include "vm/uvm_km.h"
#include "vm/kmem.h"
#include "kernel/printf.h"
#include "pmap/pmap.h"

/*
 * Kernel page-table pages are never freed (pmap.c), so the first use of a
 * new stretch of kernel VA takes a page for good; it is counted with the
 * free pages so that it does not read as a leak.
 */
void uvm_acct_snapshot(struct uvm_acct *a)
{
	a->free_pages = uvmexp.free + pmap_kernel_ptpages();
	a->kmem_bytes = kmem_bytes_in_use();
	a->kva_pages = uvm_km_va_pages();
	a->wired_pages = uvmexp.wired - pmap_kernel_ptpages();
	a->swap_slots = (uint64_t)uvmexp.swpginuse;
	a->loaned = (uint64_t)uvmexp.loaned;
	a->orphans = (uint64_t)(uvmexp.orphans - uvmexp.orphanfrees - uvmexp.adoptions);
	a->user_wired = (uint64_t)uvmexp.user_wired;
}

bool uvm_acct_equal(const struct uvm_acct *a, const struct uvm_acct *b)
{
	return a->free_pages == b->free_pages && a->kmem_bytes == b->kmem_bytes &&
	    a->kva_pages == b->kva_pages && a->wired_pages == b->wired_pages &&
	    a->swap_slots == b->swap_slots && a->loaned == b->loaned && a->orphans == b->orphans &&
	    a->user_wired == b->user_wired;
}

void uvm_acct_print_diff(const struct uvm_acct *a, const struct uvm_acct *b)
{
	printf("  free (+kernel page-table) pages %llu -> %llu, kmem bytes %llu -> %llu, "
	    "kernel VA pages %llu -> %llu, wired pages %llu -> %llu, swap slots %llu -> %llu, "
	    "lent pages %llu -> %llu, orphans %llu -> %llu, user-wired pages %llu -> %llu\n",
	    (unsigned long long)a->free_pages, (unsigned long long)b->free_pages,
	    (unsigned long long)a->kmem_bytes, (unsigned long long)b->kmem_bytes,
	    (unsigned long long)a->kva_pages, (unsigned long long)b->kva_pages,
	    (unsigned long long)a->wired_pages, (unsigned long long)b->wired_pages,
	    (unsigned long long)a->swap_slots, (unsigned long long)b->swap_slots,
	    (unsigned long long)a->loaned, (unsigned long long)b->loaned,
	    (unsigned long long)a->orphans, (unsigned long long)b->orphans,
	    (unsigned long long)a->user_wired, (unsigned long long)b->user_wired);
}
