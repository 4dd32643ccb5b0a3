/*
 * A process's address space, entry by entry and page by page, for the
 * program vmmap (its table and its pictures, `vmmap -svg`).
 *
 *   vmmap(pid, index, ent, pgoff, pages, npages)
 *       fills *ent with the index-th entry (from 0, in address order) of
 *       the map of process pid (0: the caller), and pages[0 .. n) with
 *       the pages pgoff .. pgoff + n of that entry, where n is npages cut
 *       to the entry's size; returns n. pages may be NULL when npages is
 *       0. ESRCH: no such process, or one that has no address space left
 *       (a zombie); ENOENT: index is past the last entry; EINVAL: index
 *       or pgoff < 0, or npages < 0 or > UVIX_VMMAP_MAXPAGES; EFAULT: a
 *       bad pointer.
 *
 * Each call is a snapshot of one moment (the map and the pages locked);
 * the map may change between two calls. A page is described by what
 * holds it: an anon in the entry's amap (the upper layer: private,
 * copy-on-write memory), else a resident page of the entry's object (the
 * lower layer: a file, shared memory), else nothing (never touched, or
 * an object page not in memory). An anon is named by its page's
 * physical page number while resident, by its swap slot while paged
 * out: two processes that show the same pfn (or slot) for an anon share
 * that anon, which is what fork leaves until one of them writes. Fork
 * shares an anon two ways: the two entries share the whole amap (needs
 * copy: vp_slot_refs 2, the anon's references 1), or, once one side
 * copied the amap, two amaps hold the anon (vp_anon_refs 2).
 */
#ifndef _UVIX_ABI_VMMAP_H_
#define _UVIX_ABI_VMMAP_H_

#include "kernel/abi/types.h"

#define UVIX_VMMAP_MAXPAGES     1024    /* the most pages one call describes */

/* ve_flags */
#define UVIX_VE_COW             0x01    /* private: writes go to the amap */
#define UVIX_VE_NEEDSCOPY       0x02    /* the amap is still shared: copied at a write */
#define UVIX_VE_AMAP            0x04    /* has an amap (some anon pages may be there) */
#define UVIX_VE_OBJECT          0x08    /* maps an object (a file, shared memory) */
#define UVIX_VE_WIRED           0x10    /* wired (by the system or mlock) */
#define UVIX_VE_VNODE           0x20    /* the object is a file */

struct uvix_vmmap_entry {
	uint64_t ve_start;              /* [start, end) */
	uint64_t ve_end;
	uint64_t ve_offset;             /* of start in the object */
	uint32_t ve_npages;             /* pages of the entry: (end - start) / page size */
	uint32_t ve_prot;               /* PROT_* now */
	uint32_t ve_maxprot;            /* PROT_* it may be raised to */
	uint32_t ve_inherit;            /* MAP_INHERIT_* */
	uint32_t ve_flags;              /* UVIX_VE_* */
	uint32_t ve_pad;
};

/* vp_flags */
#define UVIX_VP_ANON            0x01    /* an anon of the amap holds the page */
#define UVIX_VP_OBJECT          0x02    /* the entry's object holds it */
#define UVIX_VP_RESIDENT        0x04    /* in memory (vp_pfn) */
#define UVIX_VP_SWAPPED         0x08    /* an anon paged out (vp_swslot) */
#define UVIX_VP_MAPPED          0x10    /* the page table maps it at this address now */
#define UVIX_VP_WIRED           0x20    /* the page's wire count is not 0 */
#define UVIX_VP_LOANED          0x40    /* the page is lent (its loan count is not 0) */

struct uvix_vmmap_page {
	uint64_t vp_pfn;                /* resident: the physical page number */
	uint32_t vp_swslot;             /* swapped: the swap slot */
	uint16_t vp_flags;              /* UVIX_VP_*; 0: nothing there */
	uint16_t vp_anon_refs;          /* an anon's references (amap slots): > 1 is shared */
	uint32_t vp_slot_refs;          /* the entries covering its amap slot: > 1 while fork's
	                                 * copies still share the amap (needs copy) */
	uint32_t vp_pad;
};

#endif
