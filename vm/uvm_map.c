/*
 * Maps (see vm/uvm_map.h for the structures and invariants).
 *
 * Every operation on a range works the same way: clip the entries at the
 * range's ends so that the range is a whole number of entries, then walk
 * them. Example: entries [0x1000, 0x5000) and [0x5000, 0x8000);
 * uvm_map_protect(0x3000, 0x6000, READ) clips the first at 0x3000 and the
 * second at 0x6000, giving four entries, and changes the middle two.
 *
 * A clip gives both halves the same object (one more reference) and the
 * same amap (amap_splitref), so nothing is copied. A new anonymous mapping
 * merges into an entry beside it when nothing would tell them apart.
 *
 * Nothing fails halfway. A clip needs a new entry and so does a new
 * mapping: an operation allocates every entry it may need before it
 * takes the map's lock (struct map_spares; at most two clips and one new
 * entry), waiting for memory there if it must, and gives back the ones
 * it did not use. So mmap(MAP_FIXED) over an old mapping either fails
 * with the old mapping intact or replaces it; munmap and mprotect of the
 * middle of an entry never meet a failed allocation between two clips.
 *
 * Unmapping a wired entry unwires it first (vm/uvm_wire.h): munmap,
 * MAP_FIXED over it, brk shrinking, exit and exec all come here.
 *
 * Lock order: the map's lock, then uvm_anonlock, then an object's lock.
 */
#include "vm/uvm_map.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_object.h"
#include "vm/kmem.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_wire.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

static struct vm_map_entry *entry_alloc(void)
{
	return kmem_zalloc(sizeof(struct vm_map_entry), KM_NOSLEEP);
}

static void entry_free(struct vm_map_entry *e)
{
	kmem_free(e, sizeof(*e));
}

/* Entries allocated ahead for one operation (see the top of the file). */
#define MAP_SPARES_MAX  3               /* two clips and a new entry */
struct map_spares {
	int n;
	struct vm_map_entry *e[MAP_SPARES_MAX];
};

static void spares_put(struct map_spares *sp)
{
	while (sp->n > 0)
		entry_free(sp->e[--sp->n]);
}

/*
 * Allocates n spare entries. With wait, waits for the pagedaemon if
 * memory is short; without, fails at once (a caller that holds the map
 * and waits by itself: the fault).
 * => wait: map unlocked (a wait holds no lock).
 * => returns 0; ENOMEM (no memory and no wait, or nobody to wait for:
 *    early in boot, or the pagedaemon itself); EINTR (a signal ended the
 *    wait). Nothing is left allocated on failure.
 */
static int spares_get(struct map_spares *sp, int n, bool wait)
{
	KASSERT(n <= MAP_SPARES_MAX);
	sp->n = 0;
	while (sp->n < n) {
		struct vm_map_entry *e = entry_alloc();
		if (e != NULL) {
			sp->e[sp->n++] = e;
			continue;
		}
		int error = wait ? uvm_wait("mapent", true) : ENOMEM;
		if (error != 0) {
			spares_put(sp);
			return error;
		}
	}
	return 0;
}

/* One of the spares. The caller allocated as many as it can use. */
static struct vm_map_entry *spares_take(struct map_spares *sp)
{
	KASSERTMSG(sp->n > 0, "uvm_map: an operation used more entries than it reserved");
	return sp->e[--sp->n];
}

/* Links e after `after` (NULL: first). */
static void entry_link(struct vm_map *map, struct vm_map_entry *after, struct vm_map_entry *e)
{
	if (after)
		TAILQ_INSERT_AFTER(&map->entries, after, e, link);
	else
		TAILQ_INSERT_HEAD(&map->entries, e, link);
	map->nentries++;
	map->size += e->end - e->start;
}

static void entry_unlink(struct vm_map *map, struct vm_map_entry *e)
{
	TAILQ_REMOVE(&map->entries, e, link);
	map->nentries--;
	map->size -= e->end - e->start;
	if (map->hint == e)
		map->hint = NULL;
}

void uvm_map_setup(struct vm_map *map, vaddr_t min, vaddr_t max, struct pmap *pmap)
{
	KASSERT(min < max && (min & PAGE_MASK) == 0 && (max & PAGE_MASK) == 0);
	mutex_init(&map->lock, "vm_map");
	TAILQ_INIT(&map->entries);
	map->nentries = 0;
	map->size = 0;
	map->hint = NULL;
	map->min_offset = min;
	map->max_offset = max;
	map->pmap = pmap;
	map->flags = 0;
	map->user_wired = 0;
}

bool uvm_map_lookup_entry(struct vm_map *map, vaddr_t va, struct vm_map_entry **entryp)
{
	struct vm_map_entry *e, *prev = NULL;

	KASSERT(mutex_owned(&map->lock));
	if (map->hint && map->hint->start <= va && va < map->hint->end) {
		*entryp = map->hint;
		return true;
	}
	TAILQ_FOREACH(e, &map->entries, link) {
		if (va < e->start)
			break;
		if (va < e->end) {
			*entryp = map->hint = e;
			return true;
		}
		prev = e;
	}
	*entryp = prev;
	return false;
}

/* The first entry at or after va. */
static struct vm_map_entry *first_entry_from(struct vm_map *map, vaddr_t va)
{
	struct vm_map_entry *e;

	if (uvm_map_lookup_entry(map, va, &e))
		return e;
	return e ? TAILQ_NEXT(e, link) : TAILQ_FIRST(&map->entries);
}

/* What a clip does to the references: lo and hi share obj and amap. */
static void clip_share(struct vm_map_entry *lo, struct vm_map_entry *hi, vaddr_t adj)
{
	if (hi->object) {
		hi->offset = lo->offset + adj;
		uvm_obj_reference(hi->object);
	}
	if (lo->aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		amap_splitref(&lo->aref, &hi->aref, adj);
		mutex_exit(&uvm_anonlock);
	}
}

/*
 * Splits entry so that it starts at va: the part below becomes an entry
 * of its own, taken from the spares. => map locked.
 */
static void clip_start(struct vm_map *map, struct vm_map_entry *entry, vaddr_t va,
    struct map_spares *sp)
{
	KASSERT(mutex_owned(&map->lock));
	if (va <= entry->start)
		return;
	KASSERT(va < entry->end && (va & PAGE_MASK) == 0);
	struct vm_map_entry *lo = spares_take(sp);
	/* entry becomes the upper half; lo, the lower, goes before it. */
	*lo = *entry;
	lo->end = va;
	entry->start = va;
	clip_share(lo, entry, va - lo->start);
	map->size -= lo->end - lo->start;       /* entry_link adds it back */
	entry_link(map, TAILQ_PREV(entry, vm_map_entries, link), lo);
}

/* Splits entry so that it ends at va (the part above from the spares). => map locked. */
static void clip_end(struct vm_map *map, struct vm_map_entry *entry, vaddr_t va,
    struct map_spares *sp)
{
	KASSERT(mutex_owned(&map->lock));
	if (va >= entry->end)
		return;
	KASSERT(va > entry->start && (va & PAGE_MASK) == 0);
	struct vm_map_entry *hi = spares_take(sp);
	*hi = *entry;
	hi->start = va;
	hi->aref = (struct vm_aref){ 0, NULL };
	entry->end = va;
	clip_share(entry, hi, va - entry->start);
	map->size -= hi->end - hi->start;
	entry_link(map, entry, hi);
}

int uvm_map_clip_range(struct vm_map *map, struct vm_map_entry *entry, vaddr_t start,
    vaddr_t end)
{
	struct map_spares sp;

	KASSERT(mutex_owned(&map->lock));
	KASSERT(start < end && !(start & PAGE_MASK) && !(end & PAGE_MASK));
	if (start < entry->start)
		start = entry->start;
	if (end > entry->end)
		end = entry->end;
	/* No waiting here: the caller (a fault) holds the map and waits itself. */
	if (spares_get(&sp, (start > entry->start) + (end < entry->end), false) != 0)
		return ENOMEM;
	clip_start(map, entry, start, &sp);
	clip_end(map, entry, end, &sp);
	KASSERT(sp.n == 0);
	return 0;
}

/* Removes [start, end) from the map. => map locked; two spares for the clips. */
static void unmap_locked(struct vm_map *map, vaddr_t start, vaddr_t end, struct map_spares *sp)
{
	struct vm_map_entry *e = first_entry_from(map, start), *next;

	KASSERT(mutex_owned(&map->lock));
	if (e && e->start < start)
		clip_start(map, e, start, sp);
	for (; e && e->start < end; e = next) {
		clip_end(map, e, end, sp);
		next = TAILQ_NEXT(e, link);
		/* Its pages give back its wiring first (found through amap and object). */
		if (UVM_ENTRY_WIRED(e))
			uvm_map_entry_unwire(map, e);
		pmap_remove(map->pmap, e->start, e->end);
		entry_unlink(map, e);
		if (e->aref.ar_amap) {
			mutex_enter(&uvm_anonlock);
			amap_unref(e->aref.ar_amap, e->aref.ar_pageoff, (int)atop(e->end - e->start));
			mutex_exit(&uvm_anonlock);
		}
		if (e->object)
			uvm_obj_detach(e->object);
		entry_free(e);
	}
	pmap_update(map->pmap);
}

void uvm_map_teardown(struct vm_map *map)
{
	struct map_spares none = { .n = 0 };   /* the whole map: no entry is clipped */

	KASSERT(!mutex_owned(&map->lock));
	mutex_enter(&map->lock);
	unmap_locked(map, map->min_offset, map->max_offset, &none);
	KASSERT(map->nentries == 0 && map->size == 0);
	mutex_exit(&map->lock);
	mutex_destroy(&map->lock);
}

/* The first hole of size bytes at or after va, or 0 (the map is never mapped at 0). */
static vaddr_t find_space(struct vm_map *map, vaddr_t va, vsize_t size)
{
	struct vm_map_entry *e;

	KASSERT(mutex_owned(&map->lock));
	if (va < map->min_offset)
		va = map->min_offset;
	TAILQ_FOREACH(e, &map->entries, link) {
		if (e->end <= va)
			continue;
		if (va + size <= e->start)
			break;
		va = e->end;
	}
	if (va + size > map->max_offset || va + size < va)
		return 0;
	return va;
}

static bool range_is_free(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e = first_entry_from(map, start);

	return e == NULL || e->start >= end;
}

/* Would neighbour n, anonymous memory too, be told apart from the new one? */
static bool alike(const struct vm_map_entry *n, const struct vm_map_entry *new)
{
	return n && n->object == NULL && n->protection == new->protection &&
	    n->max_protection == new->max_protection && n->inheritance == new->inheritance &&
	    n->advice == new->advice && n->etype == new->etype &&
	    n->wired_count == 0 && !n->user_wired;
}

/*
 * Makes a new anonymous mapping `new` part of an alike neighbour instead
 * of an entry of its own: the one before it (growing its amap, if any, at
 * the end) or the one after it (only without an amap: amaps grow upwards
 * only), or both at once when neither has an amap.
 * => returns true if it did. => map locked.
 */
static bool try_merge(struct vm_map *map, struct vm_map_entry *prev, const struct vm_map_entry *new)
{
	struct vm_map_entry *next = prev ? TAILQ_NEXT(prev, link) : TAILQ_FIRST(&map->entries);
	vsize_t size = new->end - new->start;
	bool back = alike(prev, new) && prev->end == new->start;
	bool fwd = alike(next, new) && next->start == new->end && next->aref.ar_amap == NULL;

	KASSERT(mutex_owned(&map->lock));
	if (back && prev->aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		back = amap_extend(prev, size) == 0;
		mutex_exit(&uvm_anonlock);
		fwd = false;            /* the amap would have to cover next too */
	}
	if (back && fwd) {              /* prev, new and next become one */
		vsize_t nsize = next->end - next->start;
		entry_unlink(map, next);
		entry_free(next);
		prev->end += size + nsize;
		map->size += size + nsize;
	} else if (back) {
		prev->end += size;
		map->size += size;
	} else if (fwd) {
		next->start = new->start;
		map->size += size;
	}
	return back || fwd;
}

int uvm_map(struct vm_map *map, vaddr_t *startp, vsize_t size, struct uvm_object *obj,
    voff_t off, vm_prot_t prot, vm_prot_t maxprot, int inherit, int advice, int flags)
{
	vaddr_t start = *startp;
	int etype = (flags & UVM_FLAG_COPYONW) || obj == NULL ?
	    UVM_ET_COPYONWRITE | UVM_ET_NEEDSCOPY : 0;
	bool replace = (flags & (UVM_FLAG_FIXED | UVM_FLAG_UNMAP)) ==
	    (UVM_FLAG_FIXED | UVM_FLAG_UNMAP);
	struct vm_map_entry *prev, *e;
	struct vm_amap *amap = NULL;
	struct map_spares sp;
	int error;

	KASSERT(!mutex_owned(&map->lock));
	if (size == 0 || (size & PAGE_MASK) || (start & PAGE_MASK) || (off & PAGE_MASK) ||
	    (prot & ~maxprot) || (maxprot & ~VM_PROT_ALL) ||
	    inherit < MAP_INHERIT_SHARE || inherit > MAP_INHERIT_NONE ||
	    advice < UVM_ADV_NORMAL || advice > UVM_ADV_DONTNEED)
		return EINVAL;
	if ((flags & UVM_FLAG_FIXED) &&
	    (start < map->min_offset || start + size > map->max_offset || start + size < start))
		return EINVAL;
	if (size > map->max_offset - map->min_offset)
		return ENOMEM;

	/* Everything that can fail, before anything changes: the new entry, two clips, the amap. */
	if ((error = spares_get(&sp, replace ? 3 : 1, true)) != 0)
		return error;
	if ((flags & UVM_FLAG_OVERLAY) && (amap = amap_alloc(size, 0)) == NULL) {
		spares_put(&sp);
		return ENOMEM;
	}

	mutex_enter(&map->lock);
	if (flags & UVM_FLAG_FIXED) {
		if (!range_is_free(map, start, start + size)) {
			if (!replace) {
				error = EEXIST;
				goto fail;
			}
			unmap_locked(map, start, start + size, &sp);
		}
	} else if ((start = find_space(map, start, size)) == 0) {
		error = ENOMEM;
		goto fail;
	}

	struct vm_map_entry new = { .start = start, .end = start + size, .object = obj,
	    .offset = off, .protection = prot, .max_protection = maxprot,
	    .inheritance = inherit, .advice = advice, .etype = etype };
	uvm_map_lookup_entry(map, start, &prev);
	if (obj == NULL && !(flags & (UVM_FLAG_OVERLAY | UVM_FLAG_NOMERGE)) &&
	    try_merge(map, prev, &new)) {
		/* Merged: the new entry is not needed. */
	} else {
		e = spares_take(&sp);
		*e = new;
		if (amap) {
			e->aref.ar_amap = amap;
			e->etype &= ~UVM_ET_NEEDSCOPY;
		}
		entry_link(map, prev, e);
	}
	mutex_exit(&map->lock);
	spares_put(&sp);
	*startp = start;
	return 0;

fail:
	mutex_exit(&map->lock);
	if (amap) {
		mutex_enter(&uvm_anonlock);
		amap_unref(amap, 0, (int)atop(size));
		mutex_exit(&uvm_anonlock);
	}
	spares_put(&sp);
	return error;
}

int uvm_unmap(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	struct map_spares sp;
	int error;

	KASSERT(!mutex_owned(&map->lock));
	if ((start & PAGE_MASK) || (end & PAGE_MASK) || start >= end ||
	    start < map->min_offset || end > map->max_offset)
		return EINVAL;
	if ((error = spares_get(&sp, 2, true)) != 0)
		return error;
	mutex_enter(&map->lock);
	unmap_locked(map, start, end, &sp);
	mutex_exit(&map->lock);
	spares_put(&sp);
	return 0;
}

/* Is [start, end) mapped with no hole? => map locked. */
static bool range_is_mapped(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;

	KASSERT(mutex_owned(&map->lock));
	if (!uvm_map_lookup_entry(map, start, &e))
		return false;
	for (; e && e->start < end; e = TAILQ_NEXT(e, link)) {
		struct vm_map_entry *next = TAILQ_NEXT(e, link);
		if (e->end < end && (!next || next->start != e->end))
			return false;
	}
	return true;
}

static int range_check(struct vm_map *map, vaddr_t start, vaddr_t end)
{
	if ((start & PAGE_MASK) || (end & PAGE_MASK) || start >= end ||
	    start < map->min_offset || end > map->max_offset)
		return EINVAL;
	return 0;
}

int uvm_map_protect(struct vm_map *map, vaddr_t start, vaddr_t end, vm_prot_t prot,
    bool set_max)
{
	struct vm_map_entry *e, *next;
	struct map_spares sp;
	int error = range_check(map, start, end);

	if (error)
		return error;
	if (prot & ~VM_PROT_ALL)
		return EINVAL;
	if ((error = spares_get(&sp, 2, true)) != 0)
		return error;
	mutex_enter(&map->lock);
	if (!range_is_mapped(map, start, end)) {
		error = ENOMEM;
		goto out;
	}
	/* Check every entry first: all or nothing. */
	for (e = first_entry_from(map, start); e && e->start < end; e = TAILQ_NEXT(e, link))
		if (!set_max && (prot & ~e->max_protection)) {
			error = EACCES;
			goto out;
		}
	e = first_entry_from(map, start);
	clip_start(map, e, start, &sp);
	for (; e && e->start < end; e = next) {
		clip_end(map, e, end, &sp);
		next = TAILQ_NEXT(e, link);
		vm_prot_t old = e->protection;
		if (set_max) {
			e->max_protection = prot;
			e->protection &= prot;
		} else {
			e->protection = prot;
		}
		/* Lowered rights must leave the MMU now; raised ones come by fault. */
		if (old & ~e->protection)
			pmap_protect(map->pmap, e->start, e->end, e->protection);
	}
	pmap_update(map->pmap);
out:
	mutex_exit(&map->lock);
	spares_put(&sp);
	return error;
}

/* Sets a field over [start, end), clipping; unmapped parts are skipped. */
static int set_range(struct vm_map *map, vaddr_t start, vaddr_t end, int *(*field)(struct vm_map_entry *), int value)
{
	struct vm_map_entry *e, *next;
	struct map_spares sp;
	int error = range_check(map, start, end);

	if (error)
		return error;
	if ((error = spares_get(&sp, 2, true)) != 0)
		return error;
	mutex_enter(&map->lock);
	e = first_entry_from(map, start);
	if (e && e->start < start)
		clip_start(map, e, start, &sp);
	for (; e && e->start < end; e = next) {
		clip_end(map, e, end, &sp);
		next = TAILQ_NEXT(e, link);
		*field(e) = value;
	}
	mutex_exit(&map->lock);
	spares_put(&sp);
	return 0;
}

static int *inheritance_of(struct vm_map_entry *e) { return &e->inheritance; }
static int *advice_of(struct vm_map_entry *e) { return &e->advice; }

int uvm_map_inherit(struct vm_map *map, vaddr_t start, vaddr_t end, int inherit)
{
	if (inherit < MAP_INHERIT_SHARE || inherit > MAP_INHERIT_NONE)
		return EINVAL;
	return set_range(map, start, end, inheritance_of, inherit);
}

int uvm_map_advice(struct vm_map *map, vaddr_t start, vaddr_t end, int advice)
{
	if (advice < UVM_ADV_NORMAL || advice > UVM_ADV_DONTNEED)
		return EINVAL;
	return set_range(map, start, end, advice_of, advice);
}

void uvm_map_check(struct vm_map *map, const char *where)
{
	struct vm_map_entry *e, *prev = NULL;
	int n = 0;
	vsize_t size = 0;

	KASSERT(mutex_owned(&map->lock));
	TAILQ_FOREACH(e, &map->entries, link) {
		KASSERTMSG(e->start < e->end && !(e->start & PAGE_MASK) && !(e->end & PAGE_MASK),
		    "%s: entry [%p, %p) is empty or unaligned", where, (void *)e->start, (void *)e->end);
		KASSERTMSG(e->start >= map->min_offset && e->end <= map->max_offset,
		    "%s: entry [%p, %p) is outside the map", where, (void *)e->start, (void *)e->end);
		KASSERTMSG(!prev || prev->end <= e->start,
		    "%s: entries [%p, %p) and [%p, %p) are out of order or overlap", where,
		    (void *)prev->start, (void *)prev->end, (void *)e->start, (void *)e->end);
		KASSERTMSG(!(e->protection & ~e->max_protection),
		    "%s: entry [%p, %p) has protection %#x beyond its maximum %#x", where,
		    (void *)e->start, (void *)e->end, e->protection, e->max_protection);
		if (e->aref.ar_amap)
			KASSERTMSG(e->aref.ar_pageoff + (int)atop(e->end - e->start) <=
			    e->aref.ar_amap->am_nslot, "%s: entry [%p, %p) runs past its amap",
			    where, (void *)e->start, (void *)e->end);
		n++;
		size += e->end - e->start;
		prev = e;
	}
	KASSERTMSG(n == map->nentries, "%s: %d entries, nentries %d", where, n, map->nentries);
	KASSERTMSG(size == map->size, "%s: entries cover %#lx bytes, size %#lx", where,
	    (unsigned long)size, (unsigned long)map->size);
}
