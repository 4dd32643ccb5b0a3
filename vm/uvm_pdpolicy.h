/*
 * The page-replacement policy: which pages the pagedaemon takes first.
 *
 * After NetBSD's uvm_pdpolicy.h. The pagedaemon (vm/uvm_pdaemon.c) knows
 * how to free a page; the policy knows which pages are worth keeping.
 * Everything the rest of the VM tells the policy goes through these
 * calls, so a lab can replace vm/uvm_pdpolicy_clock.c with another file
 * implementing them (a CLOCK-Pro, an aging counter, a random policy) and
 * change nothing else.
 *
 * Which pages are on the policy's queues: pages owned by an anon or an
 * object, from the first time a fault maps them until they are freed;
 * never a wired page (uvm_pagewire takes it off; the pagedaemon must not
 * see it: the lesson of ../shared/seeds/001_*), never a kernel page.
 *
 * Locking: every call below is made with uvm_pageqlock held. The policy
 * may ask the pmap about references (pmap_clear_reference); it must not
 * free pages or take owners' locks.
 */
#ifndef _VM_UVM_PDPOLICY_H_
#define _VM_UVM_PDPOLICY_H_

#include <stdbool.h>
#include "kernel/lock.h"
#include "vm/uvm_page.h"

extern struct mutex uvm_pageqlock;

/* The page was just used (a fault mapped it): keep it. Queues it if new. */
void uvmpdpol_pageactivate(struct vm_page *pg);
/* The page is a candidate for freeing. */
void uvmpdpol_pagedeactivate(struct vm_page *pg);
/* Takes the page off the queues (it is being freed or wired). */
void uvmpdpol_pagedequeue(struct vm_page *pg);
/* Is the page on a queue? */
bool uvmpdpol_pageisqueued_p(const struct vm_page *pg);

/*
 * One pagedaemon pass: uvmpdpol_scaninit prepares it (and may move pages
 * between queues); then each uvmpdpol_selectvictim returns the next page
 * the policy would free, or NULL when the pass has seen enough. The page
 * stays queued: the pagedaemon frees it, skips it (busy, owner locked) or
 * activates it. A pass never returns more pages than were queued at its
 * start.
 */
struct uvmpdpol_scan {
	int ps_left;                    /* pages the pass may still look at */
};
void uvmpdpol_scaninit(struct uvmpdpol_scan *ps);
struct vm_page *uvmpdpol_selectvictim(struct uvmpdpol_scan *ps);

#endif
