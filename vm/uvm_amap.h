/*
 * Amaps: the array of anons behind a map entry (the upper layer).
 *
 * An amap has am_maxslot slots, of which the first am_nslot are in use
 * (the rest is padding for growth). Three arrays, as in UVM:
 *
 *   am_anon[s]    the anon at slot s, or NULL
 *   am_slots[i]   for i < am_nused: the slots that hold an anon, densely
 *   am_bckptr[s]  for each such slot: its index in am_slots
 *
 * so that am_slots[am_bckptr[s]] == s for every slot s with an anon, and
 * adding, removing and visiting every anon are all O(1) per anon.
 *
 * Example: anons at slots 5 and 2, added in that order:
 *   am_slots = [5, 2], am_bckptr[5] = 0, am_bckptr[2] = 1, am_nused = 2.
 * Removing slot 5 moves the last entry into its place:
 *   am_slots = [2], am_bckptr[2] = 0, am_nused = 1.
 *
 * References: am_ref counts the arefs (map entries) that point at the
 * amap; am_ppref[s] counts those whose range covers slot s. When a map
 * entry is split (clip), both halves point at the same amap (am_ref + 1,
 * ppref unchanged); when one half is unmapped, its slots drop to ppref 0
 * and their anons are freed at once, while the other half keeps its own.
 *
 * Invariants ([A] uvm_anonlock):
 *  - 0 <= am_nused <= am_nslot <= am_maxslot;
 *  - am_slots[am_bckptr[s]] == s for each of the am_nused used slots, and
 *    am_anon[s] != NULL exactly for those;
 *  - 0 <= am_ppref[s] <= am_ref, and am_anon[s] == NULL if am_ppref[s] == 0;
 *  - AMAP_SHARED is set while entries in more than one map share the amap
 *    (inheritance SHARE): then a needs-copy entry must copy it.
 */
#ifndef _VM_UVM_AMAP_H_
#define _VM_UVM_AMAP_H_

#include <stdbool.h>
#include "vm/uvm_map.h"

struct vm_anon;

struct vm_amap {
	int am_ref;                     /* [A] arefs pointing here */
	int am_flags;                   /* [A] AMAP_* */
	int am_maxslot;                 /* [A] size of the arrays */
	int am_nslot;                   /* [A] slots in use by mappings */
	int am_nused;                   /* [A] slots holding an anon */
	int *am_slots;                  /* [A] the used slots, densely */
	int *am_bckptr;                 /* [A] slot -> index in am_slots */
	struct vm_anon **am_anon;       /* [A] slot -> anon */
	int *am_ppref;                  /* [A] slot -> arefs covering it */
};

#define AMAP_SHARED     0x1

/* The most slots an amap may have (slot numbers are ints). */
#define AMAP_MAXSLOT    (1 << 30)

/*
 * A new amap of atop(sz) slots, plus atop(padsz) of padding for growth,
 * referenced once (covering the atop(sz) slots). Takes uvm_anonlock.
 * => NULL if out of memory, or if it would have more than AMAP_MAXSLOT
 *    slots.
 */
struct vm_amap *amap_alloc(vsize_t sz, vsize_t padsz);

/* The anon at byte offset `offset` of the aref's range, or NULL. => [A] */
struct vm_anon *amap_lookup(const struct vm_aref *aref, vaddr_t offset);

/*
 * Puts anon at offset. With replace, a slot's anon is swapped (the caller
 * drops the old one's reference) and, in a shared amap, the old page's
 * mappings are removed from every pmap; without, the slot must be
 * empty. => [A]
 */
void amap_add(struct vm_aref *aref, vaddr_t offset, struct vm_anon *anon, bool replace);
/* Empties the slot at offset (the caller drops the anon's reference). => [A] */
void amap_unadd(struct vm_aref *aref, vaddr_t offset);

/* A new aref covering nslots slots from slotoff (shared: AMAP_SHARED). => [A] */
void amap_ref(struct vm_amap *amap, int slotoff, int nslots, bool shared);
/*
 * Drops an aref covering nslots slots from slotoff: anons no aref covers
 * any more are released, and the last aref frees the amap. => [A]
 */
void amap_unref(struct vm_amap *amap, int slotoff, int nslots);

/*
 * Splits an aref at byte offset `offset` (a clip): origref keeps what is
 * below, splitref gets the same amap from offset on. => [A]
 */
void amap_splitref(struct vm_aref *origref, struct vm_aref *splitref, vaddr_t offset);

/*
 * Gives a needs-copy entry an amap of its own: a new one if it had none;
 * the same one if nobody else references it; otherwise a copy whose
 * slots share the anons (each an_ref + 1), so that the first write to
 * each page copies it. Clears UVM_ET_NEEDSCOPY.
 * => map locked; uvm_anonlock not held. Returns 0 or ENOMEM.
 */
int amap_copy(struct vm_map_entry *entry);

/*
 * Grows the entry's amap by atop(addsize) slots at its end, for an entry
 * that grows upwards (brk). When the arrays must grow they at least
 * double, so growing page by page costs O(1) per page. => [A]
 * => returns 0, or EBUSY if another aref shares the amap or the entry does
 *    not reach its end, ENOMEM if out of memory.
 */
int amap_extend(struct vm_map_entry *entry, vsize_t addsize);

/*
 * Lowers to prot the mappings, in every pmap, of each resident page of
 * the amap's anons (fork: a new snapshot shares them). => [A]
 */
void amap_pages_protect(struct vm_amap *amap, vm_prot_t prot);

/*
 * Copies now every anon of the entry's range that someone else holds
 * too (an_ref > 1): the slot gets a new anon with a copy of the page
 * (NetBSD's amap_cow_now). Fork gives the child of a wired entry its
 * copy this way, so that the parent keeps its pages and its writable
 * mappings. An anon out on swap stays shared (copied at its first write).
 * => [A]; the amap the entry's own (not needs-copy, not shared). Returns
 *    0 or ENOMEM (what was copied so far stays copied).
 */
int amap_cow_now(struct vm_map_entry *entry);

/* Checks the invariants above; panics naming the broken one. => [A] */
void amap_check(const struct vm_amap *amap);

/* Amaps alive (for tests and vmstat). */
extern int uvm_namap;

#endif
