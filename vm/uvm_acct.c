#include "vm/uvm_acct.h"
#include "kernel/printf.h"

/* Filled in from the VM counters as they come in. */
void uvm_acct_snapshot(struct uvm_acct *a)
{
	a->free_pages = 0;
	a->kmem_bytes = 0;
	a->kva_pages = 0;
	a->wired_pages = 0;
}

bool uvm_acct_equal(const struct uvm_acct *a, const struct uvm_acct *b)
{
	return a->free_pages == b->free_pages && a->kmem_bytes == b->kmem_bytes &&
	    a->kva_pages == b->kva_pages && a->wired_pages == b->wired_pages;
}

void uvm_acct_print_diff(const struct uvm_acct *a, const struct uvm_acct *b)
{
	printf("  free pages %llu -> %llu, kmem bytes %llu -> %llu, "
	    "kernel VA pages %llu -> %llu, wired pages %llu -> %llu\n",
	    (unsigned long long)a->free_pages, (unsigned long long)b->free_pages,
	    (unsigned long long)a->kmem_bytes, (unsigned long long)b->kmem_bytes,
	    (unsigned long long)a->kva_pages, (unsigned long long)b->kva_pages,
	    (unsigned long long)a->wired_pages, (unsigned long long)b->wired_pages);
}
