/*
 * vmspace: an address space, a map and its pmap, as processes use it.
 * The process code (kernel/proc.c, kernel/exec.c) calls these: alloc for
 * the first process and for execve(2) (a fresh space), fork for fork(2),
 * free at exit and when exec replaces a space.
 */
#ifndef _VM_UVM_VMSPACE_H_
#define _VM_UVM_VMSPACE_H_

#include "vm/uvm_map.h"

/* Lock legend (vm/README.md): [A] uvm_anonlock */
struct vmspace {
	struct vm_map vm_map;           /* the map; its pmap is the space's */
	int vm_refcnt;                  /* [A] */
};

/* User space covers [VMSPACE_MIN, VM_MAXUSER_ADDRESS): page 0 stays unmapped. */
#define VMSPACE_MIN     PAGE_SIZE

/* A new empty space with its own pmap, or NULL if out of memory. */
struct vmspace *uvmspace_alloc(void);

/*
 * The child's space for fork: per entry, MAP_INHERIT_NONE leaves a hole,
 * SHARE shares the entry's amap and object, COPY gives the child a
 * copy-on-write snapshot (uvm_vmspace.c says how, case by case).
 * Waits for memory, interruptibly, when short.
 * => parent's map unlocked.
 * => returns 0 and sets *childp, or EINTR (a signal ended a wait for
 *    memory), or ENOMEM (no pagedaemon to wait for: early in boot).
 *    Nothing is left behind on failure.
 */
int uvmspace_fork(struct vmspace *parent, struct vmspace **childp);

/* Drops a reference; the last frees every page, anon, amap and object reference. */
void uvmspace_free(struct vmspace *vm);

/*
 * What the space holds, for ps and the OOM killer: pages mapped (its
 * pmap's resident count), its anons, resident or out on swap, and its
 * wired pages. An anon shared with another space (after fork) counts in
 * both.
 * => vm unlocked.
 */
struct uvmspace_stats {
	long resident;
	long anon_resident;
	long anon_swapped;
	long wired;                     /* pages in wired entries (vm/uvm_wire.h) */
	long wired_unmapped;            /* of those, not mapped now (mprotect(PROT_NONE)) */
};
void uvmspace_stats(struct vmspace *vm, struct uvmspace_stats *st);

#endif
