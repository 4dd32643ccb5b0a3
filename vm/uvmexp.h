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
};

extern struct uvmexp uvmexp;

#endif
