/*
 * Amaps (see vm/uvm_amap.h for the arrays, the references and the
 * invariants). Every function here runs with uvm_anonlock held, except
 * amap_alloc and amap_copy, which take it themselves.
 *
 * A shared amap (AMAP_SHARED: entries of several maps point at it, after
 * a fork with inheritance SHARE) is one set of pages seen by every
 * sharer. When a fault puts a new anon in a slot of it (a copy-on-write
 * copy, 1B, or a promotion of an object's page, 2B), the other sharers
 * may still have the old page mapped: the old page's mappings are
 * removed from every pmap (pmap_page_protect(NONE)), so each sharer's
 * next access faults and finds the new anon. NetBSD's amap_add does the
 * same for the upper layer, and uvm_fault_lower_promote for the lower.
 */
#include <stdint.h>
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/kmem.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

int uvm_namap;                          /* [A] */

/* Bytes of the four arrays of an amap with n slots. */
static size_t amap_arrays_size(int n)
{
	return (size_t)n * (3 * sizeof(int) + sizeof(struct vm_anon *));
}

/* One allocation holds the four arrays: anon pointers first (alignment). */
static bool amap_arrays_alloc(struct vm_amap *amap, int n)
{
	if ((size_t)n > SIZE_MAX / amap_arrays_size(1))
		return false;           /* the size would wrap (i386) */
	char *p = kmem_zalloc(amap_arrays_size(n), KM_NOSLEEP);

	if (!p)
		return false;
	amap->am_anon = (struct vm_anon **)p;
	amap->am_slots = (int *)(p + n * sizeof(struct vm_anon *));
	amap->am_bckptr = amap->am_slots + n;
	amap->am_ppref = amap->am_bckptr + n;
	amap->am_maxslot = n;
	return true;
}

static void amap_arrays_free(struct vm_amap *amap)
{
	kmem_free(amap->am_anon, amap_arrays_size(amap->am_maxslot));
}

struct vm_amap *amap_alloc(vsize_t sz, vsize_t padsz)
{
	struct vm_amap *amap;

	/* Pages, without round_page (which wraps for sizes near the top). */
	vsize_t npages = atop(sz) + ((sz & PAGE_MASK) != 0);
	vsize_t npad = atop(padsz) + ((padsz & PAGE_MASK) != 0);

	KASSERT(sz > 0);
	if (npages > AMAP_MAXSLOT || npad > AMAP_MAXSLOT - npages)
		return NULL;            /* more slots than an int counts */
	int nslot = (int)npages, maxslot = nslot + (int)npad;
	amap = kmem_zalloc(sizeof(*amap), KM_NOSLEEP);
	if (!amap)
		return NULL;
	if (!amap_arrays_alloc(amap, maxslot)) {
		kmem_free(amap, sizeof(*amap));
		return NULL;
	}
	amap->am_ref = 1;
	amap->am_nslot = nslot;
	for (int s = 0; s < nslot; s++)
		amap->am_ppref[s] = 1;
	mutex_enter(&uvm_anonlock);
	uvm_namap++;
	mutex_exit(&uvm_anonlock);
	return amap;
}

static void amap_free(struct vm_amap *amap)
{
	KASSERTMSG(amap->am_nused == 0, "amap %p freed with %d anons", amap, amap->am_nused);
	amap_arrays_free(amap);
	kmem_free(amap, sizeof(*amap));
	uvm_namap--;
}

static int amap_slot(const struct vm_aref *aref, vaddr_t offset)
{
	int slot = aref->ar_pageoff + (int)atop(offset);

	KASSERTMSG(slot >= 0 && slot < aref->ar_amap->am_nslot,
	    "offset %#lx is outside amap %p (%d slots)", (unsigned long)offset,
	    aref->ar_amap, aref->ar_amap->am_nslot);
	return slot;
}

struct vm_anon *amap_lookup(const struct vm_aref *aref, vaddr_t offset)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	return aref->ar_amap->am_anon[amap_slot(aref, offset)];
}

static void amap_slot_add(struct vm_amap *amap, int slot, struct vm_anon *anon)
{
	KASSERTMSG(amap->am_anon[slot] == NULL, "slot %d of amap %p is taken", slot, amap);
	KASSERTMSG(amap->am_ppref[slot] > 0, "slot %d of amap %p is not mapped", slot, amap);
	amap->am_anon[slot] = anon;
	amap->am_bckptr[slot] = amap->am_nused;
	amap->am_slots[amap->am_nused++] = slot;
}

static void amap_slot_remove(struct vm_amap *amap, int slot)
{
	int i = amap->am_bckptr[slot], last = amap->am_slots[amap->am_nused - 1];

	KASSERTMSG(amap->am_anon[slot] != NULL, "slot %d of amap %p is empty", slot, amap);
	/* The last used slot takes the removed one's place in am_slots. */
	amap->am_slots[i] = last;
	amap->am_bckptr[last] = i;
	amap->am_nused--;
	amap->am_anon[slot] = NULL;
}

void amap_add(struct vm_aref *aref, vaddr_t offset, struct vm_anon *anon, bool replace)
{
	int slot = amap_slot(aref, offset);

	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERT(anon != NULL);
	if (replace) {
		struct vm_anon *old = aref->ar_amap->am_anon[slot];
		KASSERTMSG(old != NULL, "amap_add: replacing the empty slot %d of amap %p",
		    slot, aref->ar_amap);
		/* The other sharers must stop seeing the old page (top of file). */
		if ((aref->ar_amap->am_flags & AMAP_SHARED) && old->an_page != NULL)
			pmap_page_protect(old->an_page, VM_PROT_NONE);
		aref->ar_amap->am_anon[slot] = anon;
	} else {
		amap_slot_add(aref->ar_amap, slot, anon);
	}
}

void amap_unadd(struct vm_aref *aref, vaddr_t offset)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	amap_slot_remove(aref->ar_amap, amap_slot(aref, offset));
}

void amap_ref(struct vm_amap *amap, int slotoff, int nslots, bool shared)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERT(slotoff >= 0 && nslots > 0 && slotoff + nslots <= amap->am_nslot);
	amap->am_ref++;
	if (shared)
		amap->am_flags |= AMAP_SHARED;
	for (int s = slotoff; s < slotoff + nslots; s++)
		amap->am_ppref[s]++;
}

void amap_unref(struct vm_amap *amap, int slotoff, int nslots)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERT(slotoff >= 0 && nslots > 0 && slotoff + nslots <= amap->am_nslot);
	KASSERTMSG(amap->am_ref > 0, "amap %p has no reference to drop", amap);
	for (int s = slotoff; s < slotoff + nslots; s++) {
		KASSERTMSG(amap->am_ppref[s] > 0, "slot %d of amap %p is not referenced", s, amap);
		if (--amap->am_ppref[s] == 0 && amap->am_anon[s] != NULL) {
			struct vm_anon *anon = amap->am_anon[s];
			amap_slot_remove(amap, s);
			uvm_anon_unref(anon);
		}
	}
	if (--amap->am_ref == 0)
		amap_free(amap);
	else if (amap->am_ref == 1)
		amap->am_flags &= ~AMAP_SHARED;
}

void amap_splitref(struct vm_aref *origref, struct vm_aref *splitref, vaddr_t offset)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERT((offset & PAGE_MASK) == 0 && offset > 0);
	(void)amap_slot(origref, offset);       /* in range */
	splitref->ar_amap = origref->ar_amap;
	splitref->ar_pageoff = origref->ar_pageoff + (int)atop(offset);
	origref->ar_amap->am_ref++;
}

int amap_copy(struct vm_map_entry *entry)
{
	int nslots = (int)atop(entry->end - entry->start);
	struct vm_amap *src = entry->aref.ar_amap, *dst;

	KASSERT(!mutex_owned(&uvm_anonlock));
	KASSERT(entry->etype & UVM_ET_NEEDSCOPY);
	if (src == NULL) {
		/* Zero-fill memory touched for the first time: a fresh amap. */
		if ((dst = amap_alloc(entry->end - entry->start, 0)) == NULL)
			return ENOMEM;
		entry->aref = (struct vm_aref){ 0, dst };
		entry->etype &= ~UVM_ET_NEEDSCOPY;
		return 0;
	}
	mutex_enter(&uvm_anonlock);
	if (src->am_ref == 1 && !(src->am_flags & AMAP_SHARED)) {
		/* Nobody else has it: it is already ours. */
		entry->etype &= ~UVM_ET_NEEDSCOPY;
		mutex_exit(&uvm_anonlock);
		return 0;
	}
	mutex_exit(&uvm_anonlock);
	if ((dst = amap_alloc(entry->end - entry->start, 0)) == NULL)
		return ENOMEM;
	mutex_enter(&uvm_anonlock);
	for (int s = 0; s < nslots; s++) {
		struct vm_anon *anon = src->am_anon[entry->aref.ar_pageoff + s];
		if (anon) {
			amap_slot_add(dst, s, anon);
			anon->an_ref++;
		}
	}
	amap_unref(src, entry->aref.ar_pageoff, nslots);
	entry->aref = (struct vm_aref){ 0, dst };
	entry->etype &= ~UVM_ET_NEEDSCOPY;
	mutex_exit(&uvm_anonlock);
	return 0;
}

int amap_extend(struct vm_map_entry *entry, vsize_t addsize)
{
	struct vm_amap *amap = entry->aref.ar_amap;
	int used = entry->aref.ar_pageoff + (int)atop(entry->end - entry->start);
	int add = (int)atop(round_page(addsize));

	KASSERT(mutex_owned(&uvm_anonlock));
	if (amap->am_ref != 1 || used != amap->am_nslot)
		return EBUSY;
	if (add > AMAP_MAXSLOT - amap->am_nslot)
		return ENOMEM;
	if (amap->am_nslot + add > amap->am_maxslot) {
		/*
		 * Grow geometrically: at least double, so that a heap grown
		 * page by page (brk) copies each slot O(1) times in all,
		 * not once per page added.
		 */
		int want = amap->am_nslot + add;
		if (amap->am_maxslot <= AMAP_MAXSLOT / 2 && want < 2 * amap->am_maxslot)
			want = 2 * amap->am_maxslot;
		struct vm_amap grown = *amap;
		if (!amap_arrays_alloc(&grown, want))
			return ENOMEM;
		memcpy(grown.am_anon, amap->am_anon, amap->am_nslot * sizeof(struct vm_anon *));
		memcpy(grown.am_slots, amap->am_slots, amap->am_nused * sizeof(int));
		memcpy(grown.am_bckptr, amap->am_bckptr, amap->am_nslot * sizeof(int));
		memcpy(grown.am_ppref, amap->am_ppref, amap->am_nslot * sizeof(int));
		amap_arrays_free(amap);
		*amap = grown;
	}
	for (int s = amap->am_nslot; s < amap->am_nslot + add; s++)
		amap->am_ppref[s] = 1;
	amap->am_nslot += add;
	return 0;
}

void amap_pages_protect(struct vm_amap *amap, vm_prot_t prot)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	for (int i = 0; i < amap->am_nused; i++) {
		struct vm_anon *anon = amap->am_anon[amap->am_slots[i]];
		if (anon->an_page != NULL)
			pmap_page_protect(anon->an_page, prot);
	}
}

void amap_check(const struct vm_amap *amap)
{
	int with_anon = 0;

	KASSERTMSG(0 <= amap->am_nused && amap->am_nused <= amap->am_nslot &&
	    amap->am_nslot <= amap->am_maxslot, "amap %p: counts %d <= %d <= %d broken",
	    amap, amap->am_nused, amap->am_nslot, amap->am_maxslot);
	for (int i = 0; i < amap->am_nused; i++) {
		int s = amap->am_slots[i];
		KASSERTMSG(s >= 0 && s < amap->am_nslot, "amap %p: am_slots[%d] = %d is out of range",
		    amap, i, s);
		KASSERTMSG(amap->am_bckptr[s] == i,
		    "amap %p: am_slots[am_bckptr[%d]] != %d", amap, s, s);
		KASSERTMSG(amap->am_anon[s] != NULL, "amap %p: used slot %d has no anon", amap, s);
	}
	for (int s = 0; s < amap->am_maxslot; s++) {
		if (amap->am_anon[s])
			with_anon++;
		KASSERTMSG(amap->am_ppref[s] >= 0 && amap->am_ppref[s] <= amap->am_ref,
		    "amap %p: ppref[%d] = %d, am_ref %d", amap, s, amap->am_ppref[s], amap->am_ref);
		KASSERTMSG(amap->am_ppref[s] > 0 || amap->am_anon[s] == NULL,
		    "amap %p: slot %d has an anon but no reference", amap, s);
	}
	KASSERTMSG(with_anon == amap->am_nused, "amap %p: %d anons but am_nused %d",
	    amap, with_anon, amap->am_nused);
	KASSERTMSG(amap->am_ref > 1 || !(amap->am_flags & AMAP_SHARED),
	    "amap %p: AMAP_SHARED with one reference", amap);
}

int amap_cow_now(struct vm_map_entry *entry)
{
	struct vm_amap *amap = entry->aref.ar_amap;
	int lo = entry->aref.ar_pageoff, hi = lo + (int)atop(entry->end - entry->start);

	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERT(amap != NULL && !(entry->etype & UVM_ET_NEEDSCOPY) && amap->am_ref == 1);
	for (int i = 0; i < amap->am_nused; i++) {
		int slot = amap->am_slots[i];
		struct vm_anon *anon = amap->am_anon[slot];
		if (slot < lo || slot >= hi || anon->an_ref == 1 || anon->an_page == NULL)
			continue;
		struct vm_anon *copy = uvm_analloc();
		if (copy == NULL)
			return ENOMEM;
		struct vm_page *pg = uvm_pagealloc(NULL, 0, copy, 0);
		if (pg == NULL) {
			uvm_anon_unref(copy);
			return ENOMEM;
		}
		pmap_copy_page(anon->an_page->phys_addr, pg->phys_addr);
		pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);   /* dirty: the only copy */
		copy->an_page = pg;
		uvm_pageactivate(pg);
		/* The same slot: am_slots and am_bckptr stay as they are. */
		amap->am_anon[slot] = copy;
		uvm_anon_unref(anon);
	}
	return 0;
}
