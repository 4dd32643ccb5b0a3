/*
 * The CLOCK page-replacement policy (vm/uvm_pdpolicy.h), as in NetBSD's
 * uvm_pdpolicy_clock.c: two queues and the pmap's referenced bits.
 *
 *   fault maps a page            pass: balance            pass: scan
 *   ------------------>  ACTIVE  ------------------>  INACTIVE  ----> victim
 *                        (tail)   head to tail, clearing  (head)  not referenced
 *                          ^      the referenced bit        |
 *                          |                                | referenced since
 *                          +--------------------------------+ it was deactivated
 *
 * A pass first refills the inactive queue to inactarg, a third of the
 * queued pages, taking the active queue's oldest pages and clearing
 * their referenced bits. Then it scans the inactive queue from its head:
 * a page referenced since it was deactivated gets a second chance (back
 * to the active queue, pdreact); one that was not is a victim. Victims
 * move to the inactive tail, so that one the pagedaemon cannot free
 * right now (busy, its owner locked) does not come back in the same pass.
 *
 * Example: pages A B C D activated in that order, then a pass with 4
 * queued pages: inactarg is 1, so A moves to the inactive queue with its
 * referenced bit cleared. The process touches A again. The scan finds A
 * referenced and reactivates it; the inactive queue is empty; no victim.
 * The next pass deactivates B (then the oldest active page) and, B being
 * untouched, returns it.
 *
 * Invariants ([q] uvm_pageqlock):
 *  - pg->pqflags has PQ_ACTIVE iff pg is on clock_active, PQ_INACTIVE iff
 *    on clock_inactive, never both; uvmexp.active / .inactive count them.
 *  - a queued page has an owner and no wiring.
 */
#include "vm/uvm_pdpolicy.h"
#include "vm/uvmexp.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

struct mutex uvm_pageqlock = MUTEX_INITIALIZER(uvm_pageqlock, "pageq");
static struct pglist clock_active = TAILQ_HEAD_INITIALIZER(clock_active);       /* [q] */
static struct pglist clock_inactive = TAILQ_HEAD_INITIALIZER(clock_inactive);   /* [q] */

static void clock_remove(struct vm_page *pg)
{
	if (pg->pqflags & PQ_ACTIVE) {
		TAILQ_REMOVE(&clock_active, pg, pageq);
		uvmexp.active--;
	} else if (pg->pqflags & PQ_INACTIVE) {
		TAILQ_REMOVE(&clock_inactive, pg, pageq);
		uvmexp.inactive--;
	}
	pg->pqflags &= ~(PQ_ACTIVE | PQ_INACTIVE);
}

void uvmpdpol_pageactivate(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_pageqlock));
	KASSERTMSG(pg->wire_count == 0 && (pg->uanon || pg->uobject),
	    "uvmpdpol_pageactivate: page %p is wired (%u) or has no owner",
	    pg, pg->wire_count);
	clock_remove(pg);
	TAILQ_INSERT_TAIL(&clock_active, pg, pageq);
	pg->pqflags |= PQ_ACTIVE;
	uvmexp.active++;
}

void uvmpdpol_pagedeactivate(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_pageqlock));
	KASSERTMSG(pg->wire_count == 0, "uvmpdpol_pagedeactivate: page %p is wired", pg);
	if (pg->pqflags & PQ_INACTIVE)
		return;
	clock_remove(pg);
	/* From now on a reference is news: it earns the page a second chance. */
	pmap_clear_reference(pg);
	TAILQ_INSERT_TAIL(&clock_inactive, pg, pageq);
	pg->pqflags |= PQ_INACTIVE;
	uvmexp.inactive++;
	uvmexp.pddeact++;
}

void uvmpdpol_pagedequeue(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_pageqlock));
	clock_remove(pg);
}

bool uvmpdpol_pageisqueued_p(const struct vm_page *pg)
{
	return (pg->pqflags & (PQ_ACTIVE | PQ_INACTIVE)) != 0;
}

void uvmpdpol_scaninit(struct uvmpdpol_scan *ps)
{
	struct vm_page *pg;

	KASSERT(mutex_owned(&uvm_pageqlock));
	uvmexp.inactarg = (uvmexp.active + uvmexp.inactive) / 3;
	while (uvmexp.inactive < uvmexp.inactarg &&
	    (pg = TAILQ_FIRST(&clock_active)) != NULL)
		uvmpdpol_pagedeactivate(pg);
	ps->ps_left = (int)uvmexp.inactive;
}

struct vm_page *uvmpdpol_selectvictim(struct uvmpdpol_scan *ps)
{
	struct vm_page *pg;

	KASSERT(mutex_owned(&uvm_pageqlock));
	while (ps->ps_left > 0 && (pg = TAILQ_FIRST(&clock_inactive)) != NULL) {
		ps->ps_left--;
		if (pmap_clear_reference(pg)) {
			uvmpdpol_pageactivate(pg);
			uvmexp.pdreact++;
			continue;
		}
		TAILQ_REMOVE(&clock_inactive, pg, pageq);
		TAILQ_INSERT_TAIL(&clock_inactive, pg, pageq);
		return pg;
	}
	return NULL;
}
