/*
 * vmspace: an address space, a map and its pmap, as processes use it.
 * Issue 4's process code calls these: create for the first process, fork
 * for fork(2), exec for execve(2) (a fresh space), free at exit.
 */
#ifndef _VM_UVM_VMSPACE_H_
#define _VM_UVM_VMSPACE_H_

#include "vm/uvm_map.h"

/* Lock legend: [I] immutable  [a] uvm_anonlock (the reference count) */
struct vmspace {
	struct vm_map vm_map;           /* the map; its pmap is the space's */
	int vm_refcnt;                  /* [a] */
};

/* User space covers [VMSPACE_MIN, VM_MAXUSER_ADDRESS): page 0 stays unmapped. */
#define VMSPACE_MIN     PAGE_SIZE

/* A new empty space with its own pmap, or NULL if out of memory. */
struct vmspace *uvmspace_alloc(void);

/*
 * The child's space for fork: per entry, MAP_INHERIT_NONE leaves a hole,
 * SHARE shares the entry's amap and object, COPY gives the child a
 * needs-copy copy-on-write entry, and write-protects the parent's pages
 * so that the first write of either side copies.
 * => returns the new space, or NULL if out of memory (nothing is left behind).
 */
struct vmspace *uvmspace_fork(struct vmspace *parent);

/* A fresh space for exec: the old one's reference is dropped. */
struct vmspace *uvmspace_exec(struct vmspace *old);

/* Adds / drops a reference; the last frees every page, anon, amap and object reference. */
void uvmspace_addref(struct vmspace *vm);
void uvmspace_free(struct vmspace *vm);

/*
 * What the space holds, for ps and the OOM killer: pages mapped (its
 * pmap's resident count), and its anons, resident or out on swap. An
 * anon shared with another space (after fork) counts in both.
 * => vm unlocked.
 */
struct uvmspace_stats {
	long resident;
	long anon_resident;
	long anon_swapped;
};
void uvmspace_stats(struct vmspace *vm, struct uvmspace_stats *st);

#endif
