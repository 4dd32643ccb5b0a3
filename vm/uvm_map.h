/*
 * Address-space maps: a vm_map is a sorted list of vm_map_entry, each
 * mapping [start, end) to an object (at an offset) and/or an amap of
 * anonymous pages, with protections and inheritance.
 *
 * The two layers of a mapping, as UVM has them:
 *
 *          entry [start, end)
 *            |            \
 *          aref            object + offset
 *            |               (lower layer: file or zero-fill memory)
 *          amap slots -> anons -> pages
 *            (upper layer: private, copy-on-write pages)
 *
 * Invariants (map locked):
 *  - entries are sorted, non-overlapping, each with start < end, page
 *    aligned, within [min_offset, max_offset);
 *  - nentries and size agree with the list;
 *  - protection is a subset of max_protection;
 *  - an entry with an amap covers slots [ar_pageoff, ar_pageoff +
 *    atop(end - start)) of it.
 *
 * Lock legend: [I] immutable after creation  [m] the map's lock
 */
#ifndef _VM_UVM_MAP_H_
#define _VM_UVM_MAP_H_

#include <stdbool.h>
#include <machine/types.h>
#include "kernel/lock.h"
#include "kernel/queue.h"
#include "vm/uvm_param.h"
#include "vm/uvm_page.h"

struct uvm_object;
struct vm_amap;
struct pmap;

/* A reference to a range of an amap: slots from ar_pageoff on. */
struct vm_aref {
	int ar_pageoff;                 /* [m] first slot used by the entry */
	struct vm_amap *ar_amap;        /* [m] or NULL: no anonymous pages yet */
};

/* Inheritance across fork. */
#define MAP_INHERIT_SHARE       0       /* the child shares the mapping */
#define MAP_INHERIT_COPY        1       /* the child gets a copy-on-write copy */
#define MAP_INHERIT_NONE        2       /* the child has nothing there */
#define MAP_INHERIT_DEFAULT     MAP_INHERIT_COPY

/* Advice (madvise). */
#define UVM_ADV_NORMAL          0
#define UVM_ADV_RANDOM          1
#define UVM_ADV_SEQUENTIAL      2
#define UVM_ADV_WILLNEED        3
#define UVM_ADV_DONTNEED        4

/* etype bits */
#define UVM_ET_COPYONWRITE      0x1     /* private: writes go to the amap */
#define UVM_ET_NEEDSCOPY        0x2     /* the amap must be copied before a write */

struct vm_map_entry {
	TAILQ_ENTRY(vm_map_entry) link; /* [m] the map's sorted list */
	vaddr_t start, end;             /* [m] [start, end) */
	struct uvm_object *object;      /* [m] lower layer, or NULL */
	voff_t offset;                  /* [m] offset of start in the object */
	struct vm_aref aref;            /* [m] upper layer */
	vm_prot_t protection;           /* [m] current */
	vm_prot_t max_protection;       /* [m] what protection may be raised to */
	int inheritance;                /* [m] MAP_INHERIT_* */
	int advice;                     /* [m] UVM_ADV_* */
	int etype;                      /* [m] UVM_ET_* */
	int wired_count;                /* [m] system wirings (vslock, ...) */
	bool user_wired;                /* [m] mlock'd: one user wiring, kept apart */
	int wiring;                     /* [m] marks of one wiring operation (uvm_wire.c) */
};

/*
 * An entry is wired while it has any wiring, user or system; each page
 * of a wired entry then holds one wiring of its own (wire_count) for the
 * entry, however many wirings the entry has (vm/uvm_wire.h).
 */
#define UVM_ENTRY_WIRED(e)      ((e)->wired_count > 0 || (e)->user_wired)

TAILQ_HEAD(vm_map_entries, vm_map_entry);

#define VM_MAP_WIREFUTURE       0x1     /* mlockall(MCL_FUTURE) */

struct vm_map {
	struct mutex lock;              /* the map's lock */
	struct vm_map_entries entries;  /* [m] sorted by address */
	int nentries;                   /* [m] */
	vsize_t size;                   /* [m] bytes mapped */
	struct vm_map_entry *hint;      /* [m] last entry looked up, or NULL */
	vaddr_t min_offset, max_offset; /* [I] the map's range */
	struct pmap *pmap;              /* [I] */
	int flags;                      /* [m] VM_MAP_* */
	vsize_t user_wired;             /* [m] pages in user-wired entries (RLIMIT_MEMLOCK) */
};

/* uvm_map flags */
#define UVM_FLAG_FIXED          0x01    /* exactly at *startp (else: the first hole at or after it) */
#define UVM_FLAG_COPYONW        0x02    /* private: copy-on-write */
#define UVM_FLAG_OVERLAY        0x04    /* allocate the amap now, not at the first write */
#define UVM_FLAG_NOMERGE        0x08    /* never merge with a neighbour */
#define UVM_FLAG_UNMAP          0x10    /* with FIXED: replace what is mapped there */

/* Sets up an empty map over [min, max) using pmap. */
void uvm_map_setup(struct vm_map *map, vaddr_t min, vaddr_t max, struct pmap *pmap);
/* Removes every entry (dropping its references). => map unlocked. */
void uvm_map_teardown(struct vm_map *map);

/*
 * Maps size bytes at *startp (see UVM_FLAG_FIXED) to obj at off (obj may
 * be NULL: zero-fill memory), taking over the caller's reference to obj
 * on success (on failure the caller still holds it). FIXED|UNMAP
 * replaces what was there, but only once nothing can fail any more: on
 * an error the old mapping is untouched. Waits for memory for its
 * entries (interruptibly).
 * => map unlocked.
 * => returns 0 and sets *startp, or ENOMEM (no room, or no memory),
 *    EINVAL (bad arguments: unaligned, out of range, prot beyond maxprot),
 *    EEXIST (FIXED without UNMAP over something mapped), EINTR (a signal
 *    ended a wait for memory).
 */
int uvm_map(struct vm_map *map, vaddr_t *startp, vsize_t size, struct uvm_object *obj,
    voff_t off, vm_prot_t prot, vm_prot_t maxprot, int inherit, int advice, int flags);

/*
 * Unmaps [start, end): removes the mappings from the pmap and drops the
 * entries' amap and object references.
 * => map unlocked. Returns 0, EINVAL, or EINTR (a signal ended a wait
 *    for the memory of the entries a clip needs; nothing was unmapped).
 */
int uvm_unmap(struct vm_map *map, vaddr_t start, vaddr_t end);

/*
 * Changes the protection (or, with set_max, the maximum protection) of
 * [start, end). Lowering max lowers the protection with it.
 * => returns 0, EINVAL, or EACCES if prot exceeds an entry's maximum,
 *    ENOMEM if part of the range is not mapped.
 */
int uvm_map_protect(struct vm_map *map, vaddr_t start, vaddr_t end, vm_prot_t prot,
    bool set_max);
int uvm_map_inherit(struct vm_map *map, vaddr_t start, vaddr_t end, int inherit);
int uvm_map_advice(struct vm_map *map, vaddr_t start, vaddr_t end, int advice);

/*
 * Finds the entry containing va (returns true), or else the entry just
 * before va (NULL if none; returns false). => map locked.
 */
bool uvm_map_lookup_entry(struct vm_map *map, vaddr_t va, struct vm_map_entry **entryp);

/*
 * Splits entry so that it is [start, end) (clipped to where it is), the
 * rest becoming entries of their own. For a fault that gives a big
 * entry an amap for only part of it (uvm_fault.c: amap chunks).
 * => map locked. Returns 0, or ENOMEM (no memory for an entry; nothing
 *    changed).
 */
int uvm_map_clip_range(struct vm_map *map, struct vm_map_entry *entry, vaddr_t start,
    vaddr_t end);

/* Checks the invariants above; panics naming the broken one. => map locked. */
void uvm_map_check(struct vm_map *map, const char *where);

#endif
