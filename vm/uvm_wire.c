/*
 * Wiring (see vm/uvm_wire.h for the rules and an example).
 *
 * uvm_map_pageable works under the map's lock from start to end, in two
 * passes over the range, NetBSD's way but without dropping the lock:
 *
 *   1. check (the range mapped, the limits), clip the entries at the
 *      range's ends, and mark each entry: WIRING_SET if this call adds a
 *      wiring to it, WIRING_FAULT if it was not wired before (its pages
 *      need the entry's wiring);
 *   2. fault in every page of the WIRING_FAULT entries with
 *      uvm_fault_wire_locked, address by address (a fault may clip an
 *      entry into amap chunks: the marks are copied to both halves, and
 *      each address is looked up again).
 *
 * A fault that finds no memory does not wait under the map's lock: the
 * call undoes everything (the pages it wired, the marks it set), lets go,
 * waits in uvm_wait and starts over. Nobody ever sees an entry marked
 * wired whose pages are not all wired, so unwiring (munlock, unmap) can
 * give back one wiring per page without asking which were done.
 */
#include "vm/uvm_wire.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_object.h"
#include "vm/uvm_page.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvmexp.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/sysctl.h"
#include "pmap/pmap.h"

int uvm_wiredmax;                       /* set by uvm_wire_init; the sysctl's */
SYSCTL_INT(wiredmax, "vm.wiredmax", &uvm_wiredmax, 0, 0x7fffffff, 0,
    "pages: user wirings (mlock) may not bring the wired pages above this");

/* Not an errno: out of memory in a fault; let go, wait, start over. */
#define WIRE_WAIT       (-1)

/* e->wiring, during one operation. */
#define WIRING_SET      0x1             /* this call added a wiring to the entry */
#define WIRING_FAULT    0x2             /* the entry was not wired: its pages need it */

static long entry_pages(const struct vm_map_entry *e)
{
	return (long)atop(e->end - e->start);
}

/* The map's user-wired pages and uvmexp.user_wired. => map locked. */
static void user_wired_add(struct vm_map *map, long npages)
{
	KASSERT(mutex_owned(&map->lock));
	KASSERT(npages >= 0 || map->user_wired >= (vsize_t)-npages);
	map->user_wired += npages;
	mutex_enter(&uvm_pageqlock);
	uvmexp.user_wired += npages;
	mutex_exit(&uvm_pageqlock);
}

/* The entry at va, or the first after it; NULL if none. => map locked. */
static struct vm_map_entry *entry_from(struct vm_map *map, vaddr_t va)
{
	struct vm_map_entry *e;

	if (uvm_map_lookup_entry(map, va, &e))
		return e;
	return e ? TAILQ_NEXT(e, link) : TAILQ_FIRST(&map->entries);
}

#define FOREACH_ENTRY_IN(map, e, start, end) \
	for ((e) = entry_from((map), (start)); (e) && (e)->start < (end); \
	    (e) = TAILQ_NEXT((e), link))

/* Is [start, end) mapped with no hole? => map locked. */
static bool range_mapped(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;

	for (vaddr_t va = start; va < end; va = e->end)
		if (!uvm_map_lookup_entry(map, va, &e))
			return false;
	return true;
}

/* Clips the entries at start and at end. => map locked. 0 or WIRE_WAIT. */
static int clip_ends(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;

	if (uvm_map_lookup_entry(map, start, &e) && e->start < start &&
	    uvm_map_clip_range(map, e, start, e->end) != 0)
		return WIRE_WAIT;
	if (uvm_map_lookup_entry(map, end - 1, &e) && e->end > end &&
	    uvm_map_clip_range(map, e, e->start, end) != 0)
		return WIRE_WAIT;
	return 0;
}

/*
 * Gives back the entry's wiring of each page of [start, end) of e,
 * finding the pages through its amap and its object (never through the
 * pmap), and clears the mappings' wired bits. => map locked.
 */
static void entry_unwire_pages(struct vm_map *map, struct vm_map_entry *e, vaddr_t start,
    vaddr_t end)
{
	KASSERT(mutex_owned(&map->lock));
	KASSERT(e->start <= start && end <= e->end);
	mutex_enter(&uvm_anonlock);
	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct vm_anon *anon = e->aref.ar_amap ? amap_lookup(&e->aref, va - e->start) : NULL;
		struct uvm_object *uobj = anon ? NULL : e->object;
		struct vm_page *pg;

		if (anon) {
			pg = anon->an_page;
		} else {
			KASSERTMSG(uobj != NULL, "uvm_wire: no page wired at %p", (void *)va);
			mutex_enter(&uobj->vmobjlock);
			pg = uvm_pagelookup(uobj, e->offset + (va - e->start));
		}
		KASSERTMSG(pg != NULL && pg->wire_count > 0,
		    "uvm_wire: the page at %p lost its wiring", (void *)va);
		uvm_pageunwire(pg);
		if (uobj)
			mutex_exit(&uobj->vmobjlock);
		paddr_t pa;
		if (pmap_extract(map->pmap, va, &pa))
			pmap_unwire(map->pmap, va);
	}
	mutex_exit(&uvm_anonlock);
}

void uvm_map_entry_unwire(struct vm_map *map, struct vm_map_entry *e)
{
	KASSERT(mutex_owned(&map->lock) && UVM_ENTRY_WIRED(e));
	entry_unwire_pages(map, e, e->start, e->end);
	if (e->user_wired)
		user_wired_add(map, -entry_pages(e));
	e->user_wired = false;
	e->wired_count = 0;
}

/* Does pass 1 leave e alone? mlockall (HOLES) skips PROT_NONE entries. */
static bool wire_skips(const struct vm_map_entry *e, int flags)
{
	return (flags & UVM_WIRE_HOLES) && e->protection == VM_PROT_NONE;
}

/* Undoes pass 2 up to va and pass 1. => map locked. */
static void wire_undo(struct vm_map *map, vaddr_t start, vaddr_t end, vaddr_t va, int flags,
    long nuser)
{
	struct vm_map_entry *e;

	FOREACH_ENTRY_IN(map, e, start, va) {
		if (e->wiring & WIRING_FAULT)
			entry_unwire_pages(map, e, e->start, e->end < va ? e->end : va);
	}
	FOREACH_ENTRY_IN(map, e, start, end) {
		if (!(e->wiring & WIRING_SET))
			continue;
		if (flags & UVM_WIRE_USER)
			e->user_wired = false;
		else
			e->wired_count--;
	}
	if (nuser)
		user_wired_add(map, -nuser);
}

/* Wires [start, end) (see the top of the file). => map locked. */
static int wire_locked(struct vm_map *map, vaddr_t start, vaddr_t end, int flags,
    vsize_t limit)
{
	bool user = (flags & UVM_WIRE_USER) != 0;
	struct vm_map_entry *e;
	long nwire = 0, nuser = 0;
	int error;

	if (!(flags & UVM_WIRE_HOLES) && !range_mapped(map, start, end))
		return user ? ENOMEM : EFAULT;
	if ((error = clip_ends(map, start, end)) != 0)
		return error;
	/* Pass 1: the limits, then the marks. */
	FOREACH_ENTRY_IN(map, e, start, end) {
		if (wire_skips(e, flags))
			continue;
		if (!UVM_ENTRY_WIRED(e))
			nwire += entry_pages(e);
		if (user && !e->user_wired)
			nuser += entry_pages(e);
	}
	if (user && ((vsize_t)nuser > limit || map->user_wired > limit - nuser ||
	    uvmexp.wired + nwire > uvm_wiredmax))
		return EAGAIN;
	FOREACH_ENTRY_IN(map, e, start, end) {
		e->wiring = 0;
		if (wire_skips(e, flags))
			continue;
		if (!UVM_ENTRY_WIRED(e))
			e->wiring |= WIRING_FAULT;
		if (!user) {
			e->wired_count++;
			e->wiring |= WIRING_SET;
		} else if (!e->user_wired) {
			e->user_wired = true;
			e->wiring |= WIRING_SET;
		}
	}
	if (nuser)
		user_wired_add(map, nuser);
	/* Pass 2: the pages of the entries that were not wired. */
	vaddr_t va = start;
	while (va < end) {
		if ((e = entry_from(map, va)) == NULL || e->start >= end)
			break;
		if (va < e->start)
			va = e->start;
		if (!(e->wiring & WIRING_FAULT)) {
			va = e->end;
			continue;
		}
		if ((error = uvm_fault_wire_locked(map, va)) != 0)
			break;
		va += PAGE_SIZE;
	}
	if (error)
		wire_undo(map, start, end, va, flags, nuser);
	FOREACH_ENTRY_IN(map, e, start, end)
		e->wiring = 0;
	if (error == ENOMEM)
		return WIRE_WAIT;
	if (error == EFAULT || error == EACCES)
		return user ? ENOMEM : EFAULT;
	return error;
}

/* Unwires [start, end). => map locked. 0, ENOMEM (a hole) or WIRE_WAIT (a clip). */
static int unwire_locked(struct vm_map *map, vaddr_t start, vaddr_t end, int flags)
{
	bool user = (flags & UVM_WIRE_USER) != 0, any = false;
	struct vm_map_entry *e;
	int error;

	if (user && !(flags & UVM_WIRE_HOLES) && !range_mapped(map, start, end))
		return ENOMEM;
	FOREACH_ENTRY_IN(map, e, start, end)
		any |= user ? e->user_wired : e->wired_count > 0;
	if (!any)
		return 0;               /* nothing of this kind wired: not even a clip */
	if ((error = clip_ends(map, start, end)) != 0)
		return error;
	FOREACH_ENTRY_IN(map, e, start, end) {
		if (user && e->user_wired) {
			e->user_wired = false;
			user_wired_add(map, -entry_pages(e));
		} else if (!user && e->wired_count > 0) {
			e->wired_count--;
		} else {
			continue;
		}
		if (!UVM_ENTRY_WIRED(e))
			entry_unwire_pages(map, e, e->start, e->end);
	}
	return 0;
}

/* uvm_map_pageable, waiting for memory interruptibly (intr) or not. */
static int pageable_loop(struct vm_map *map, vaddr_t start, vaddr_t end, bool new_pageable,
    int flags, vsize_t limit, bool intr)
{
	KASSERT(!mutex_owned(&map->lock));
	KASSERT(!(flags & UVM_WIRE_USER) != !(flags & UVM_WIRE_SYSTEM));
	if ((start & PAGE_MASK) || (end & PAGE_MASK) || start >= end ||
	    start < map->min_offset || end > map->max_offset)
		return EINVAL;
	for (;;) {
		mutex_enter(&map->lock);
		int error = new_pageable ? unwire_locked(map, start, end, flags) :
		    wire_locked(map, start, end, flags, limit);
		pmap_update(map->pmap);
		mutex_exit(&map->lock);
		if (error != WIRE_WAIT)
			return error;
		if ((error = uvm_wait("wire", intr)) != 0)
			return error == ENOMEM ? EAGAIN : error;   /* nobody to wait for */
	}
}

int uvm_map_pageable(struct vm_map *map, vaddr_t start, vaddr_t end, bool new_pageable,
    int flags, vsize_t limit)
{
	return pageable_loop(map, start, end, new_pageable, flags, limit, true);
}

int uvm_map_pageable_all(struct vm_map *map, bool wire, bool current, bool future,
    vsize_t limit)
{
	int error = 0;

	if (!wire) {
		mutex_enter(&map->lock);
		map->flags &= ~VM_MAP_WIREFUTURE;
		mutex_exit(&map->lock);
		return pageable_loop(map, map->min_offset, map->max_offset, true,
		    UVM_WIRE_USER | UVM_WIRE_HOLES, 0, false);
	}
	if (current)
		error = uvm_map_pageable(map, map->min_offset, map->max_offset, false,
		    UVM_WIRE_USER | UVM_WIRE_HOLES, limit);
	if (error == 0 && future) {
		mutex_enter(&map->lock);
		map->flags |= VM_MAP_WIREFUTURE;
		mutex_exit(&map->lock);
	}
	return error;
}

bool uvm_map_wirefuture(struct vm_map *map)
{
	mutex_enter(&map->lock);
	bool future = (map->flags & VM_MAP_WIREFUTURE) != 0;
	mutex_exit(&map->lock);
	return future;
}

/* [va, va + len) rounded out to pages; false if it wraps. */
static bool vs_range(vaddr_t va, vsize_t len, vaddr_t *startp, vaddr_t *endp)
{
	*startp = trunc_page(va);
	*endp = round_page(va + len);
	return len > 0 && va + len > va && *endp > *startp;
}

int uvm_vslock(struct vmspace *vm, vaddr_t va, vsize_t len)
{
	vaddr_t start, end;

	if (!vs_range(va, len, &start, &end))
		return EINVAL;
	return uvm_map_pageable(&vm->vm_map, start, end, false, UVM_WIRE_SYSTEM, 0);
}

void uvm_vsunlock(struct vmspace *vm, vaddr_t va, vsize_t len)
{
	vaddr_t start, end;

	if (!vs_range(va, len, &start, &end))
		return;
	/* Cannot fail but for a clip's memory, which it waits for. */
	int error = pageable_loop(&vm->vm_map, start, end, true, UVM_WIRE_SYSTEM, 0, false);
	KASSERTMSG(error == 0 || error == EINVAL, "uvm_vsunlock: error %d", error);
}

void uvm_map_wired_pages(struct vm_map *map, long *wiredp, long *unmappedp)
{
	struct vm_map_entry *e;
	paddr_t pa;

	KASSERT(mutex_owned(&map->lock));
	*wiredp = *unmappedp = 0;
	TAILQ_FOREACH(e, &map->entries, link) {
		if (!UVM_ENTRY_WIRED(e))
			continue;
		*wiredp += entry_pages(e);
		for (vaddr_t va = e->start; va < e->end; va += PAGE_SIZE)
			if (!pmap_extract(map->pmap, va, &pa))
				(*unmappedp)++;
	}
}

void uvm_wire_init(void)
{
	uvm_wiredmax = (int)(uvmexp.npages / 3);
}
