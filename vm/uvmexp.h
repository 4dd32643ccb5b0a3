/*
 * uvmexp: the VM system's counters, with the names of NetBSD's uvm(9)
 * where one exists. User programs will read them through a sysctl-like
 * call and `vmstat -s` prints them; tests compare them before and after.
 *
 * Lock legend: [f] free-page lock (uvm_fpageqlock)  [I] set at boot
 */
#ifndef _VM_UVMEXP_H_
#define _VM_UVMEXP_H_

#include <stdint.h>

struct uvmexp {
	int64_t pagesize;               /* [I] bytes per page */
	int64_t npages;                 /* [I] managed pages */
	int64_t free;                   /* [f] pages on the free lists */
	int64_t zeropages;              /* [f] free pages known to be zero */
	int64_t wired;                  /* [f] pages with wire_count > 0 */
	int64_t reserve_pagedaemon;     /* [I] free pages kept for the pagedaemon */
	int64_t reserve_kernel;         /* [I] free pages kept for the kernel */
	int64_t pga_zerohit;            /* [f] zeroed allocations served pre-zeroed */
	int64_t pga_zeromiss;           /* [f] zeroed allocations zeroed on demand */
	int64_t pga_fail;               /* [f] allocations that found no page */
	int64_t pgs_allocated;          /* [f] uvm_pagealloc calls that succeeded */
	int64_t pgs_freed;              /* [f] uvm_pagefree calls */
	int64_t zeroed_idle;            /* [f] pages zeroed by the idle loop */
	int64_t pglist_allocs;          /* [f] uvm_pglistalloc calls that succeeded */

	/* The fault handler ([a]: updated with the map locked; approximate). */
	int64_t faults;                 /* [a] uvm_fault calls */
	int64_t flt_anon;               /* [a] case 1A: an anon's page mapped */
	int64_t flt_acow;               /* [a] case 1B: a shared anon copied on write */
	int64_t flt_obj;                /* [a] case 2A: an object's page mapped */
	int64_t flt_prcopy;             /* [a] case 2B: an object page copied into a new anon */
	int64_t flt_przero;             /* [a] case 2B: a zeroed page for zero-fill memory */
	int64_t flt_noamap;             /* [a] faults that failed: no memory for an amap */
	int64_t flt_noanon;             /* [a] faults that failed: no memory for an anon */
	int64_t flt_noram;              /* [a] faults that failed: no page */
	int64_t flt_bad;                /* [a] faults refused: no mapping, or no permission */
};

extern struct uvmexp uvmexp;

#endif
