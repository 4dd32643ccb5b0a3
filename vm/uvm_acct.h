/*
 * VM accounting snapshots: the numbers a test compares before and after
 * to prove it leaked nothing (free pages, kmem bytes, kernel VA in use,
 * wirings, user wirings, swap slots, loans and orphans).
 */
#ifndef _VM_UVM_ACCT_H_
#define _VM_UVM_ACCT_H_

#include <stdbool.h>
#include <stdint.h>

struct uvm_acct {
	uint64_t free_pages;            /* uvmexp.free + kernel page-table pages */
	uint64_t kmem_bytes;            /* bytes allocated by kmem_alloc */
	uint64_t kva_pages;             /* kernel VA pages allocated by uvm_km */
	uint64_t wired_pages;           /* uvmexp.wired - kernel page-table pages */
	uint64_t swap_slots;            /* uvmexp.swpginuse */
	uint64_t loaned;                /* uvmexp.loaned: pages lent now */
	uint64_t orphans;               /* orphans - orphanfrees - adoptions: lent pages nobody owns */
	uint64_t user_wired;            /* uvmexp.user_wired: pages in mlock'd entries */
};

void uvm_acct_snapshot(struct uvm_acct *a);
bool uvm_acct_equal(const struct uvm_acct *a, const struct uvm_acct *b);
void uvm_acct_print_diff(const struct uvm_acct *before, const struct uvm_acct *after);

#endif
