/*
 * vmem: an arena of addresses handed out in ranges, after NetBSD's
 * vmem(9) (Bonwick and Adams, "Magazines and Vmem", USENIX 2001).
 * uvm_km keeps the kernel's virtual address space in one; a test can make
 * its own over any range of numbers, since an arena never touches the
 * addresses it manages. vm/vmem.c explains the boundary tags behind it.
 *
 *     static struct vmem va;
 *     vmem_addr_t a;
 *
 *     vmem_init(&va, "test", 0x100000, 0x400000, PAGE_SIZE);
 *     if (vmem_xalloc(&va, 3 * PAGE_SIZE, 4 * PAGE_SIZE, 0, &a) == 0)
 *             vmem_free(&va, a, 3 * PAGE_SIZE);      // a % 0x4000 == 0
 *     vmem_destroy(&va);
 */
#ifndef _VM_VMEM_H_
#define _VM_VMEM_H_

#include <stdbool.h>
#include <stddef.h>
#include <machine/types.h>
#include "kernel/lock.h"
#include "vm/uvm_param.h"

typedef vaddr_t vmem_addr_t;
typedef vsize_t vmem_size_t;

/* vmem_xalloc flags */
#define VMEM_USERESERVE 0x1     /* tag pages may come from the kernel's reserve */

/*
 * A ring: a circular doubly-linked list whose head is a sentinel link.
 * Everything that points at a boundary tag is a ring neighbour, which is
 * what lets the tag pool move a tag (vmem.c, "The tag pool").
 */
struct vmem_link {
	struct vmem_link *next, *prev;
};

/* A boundary tag: one segment, free or busy. */
struct vmem_btag {
	struct vmem_link bt_seglink;    /* [v] the arena's segments, by address */
	struct vmem_link bt_qlink;      /* [v] a free list (free) or hash chain (busy) */
	vmem_addr_t bt_start;           /* [v] first address */
	vmem_size_t bt_size;            /* [v] bytes, a multiple of the quantum */
	int bt_type;                    /* [v] VMEM_BT_FREE or VMEM_BT_BUSY */
};

#define VMEM_BT_FREE    1
#define VMEM_BT_BUSY    2

#define VMEM_NFREELISTS (sizeof(vmem_size_t) * 8)      /* one per power of two */
#define VMEM_HASHSIZE   256     /* busy-tag hash chains (a power of two) */
#define VMEM_NSTATIC    16      /* tags built into the arena: no page needed */

/*
 * Lock legend: [I] set by vmem_init  [v] vm_lock (a spinlock: uvm_km's
 * NOWAIT callers may be interrupt handlers)
 */
struct vmem {
	const char *vm_name;                            /* [I] for messages */
	vmem_addr_t vm_base;                            /* [I] first address */
	vmem_size_t vm_size;                            /* [I] bytes managed */
	vmem_size_t vm_quantum;                         /* [I] a power of two */
	int vm_qshift;                                  /* [I] log2(vm_quantum) */
	struct spinlock vm_lock;
	struct vmem_link vm_segs;                       /* [v] every segment, by address */
	struct vmem_link vm_freelist[VMEM_NFREELISTS];  /* [v] free, by size class */
	struct vmem_link vm_hash[VMEM_HASHSIZE];        /* [v] busy, by start */
	vmem_size_t vm_inuse;                           /* [v] bytes in busy segments */
	size_t vm_nbusy;                                /* [v] busy segments */
	size_t vm_ntags;                                /* [v] tags in use: pool slots 0.. */
	size_t vm_npages;                               /* [v] tag pages held */
	struct vmem_link vm_tagpages;                   /* [v] tag pages, in slot order */
	struct vmem_link *vm_toppage;                   /* [v] page of slot vm_ntags-1,
	                                                 *     or &vm_tagpages if static */
	struct vmem_btag vm_static[VMEM_NSTATIC];       /* [v] slots 0..VMEM_NSTATIC-1 */
};

/*
 * Makes vm an arena of [base, base + size), all free.
 * => base and size multiples of quantum (a power of two), size > 0, and
 *    base + size does not wrap.
 * => vm is not in use; it takes no memory until it holds more than
 *    VMEM_NSTATIC segments.
 */
void vmem_init(struct vmem *vm, const char *name, vmem_addr_t base, vmem_size_t size,
    vmem_size_t quantum);

/*
 * Checks that everything was freed and lets go of vm.
 * => nothing busy (panics otherwise); vm may then be reused with vmem_init.
 */
void vmem_destroy(struct vmem *vm);

/*
 * Allocates size bytes (rounded up to the quantum) starting at a multiple
 * of align, nearest to the best fit. Never sleeps.
 * => align: 0 (the quantum) or a power-of-two multiple of the quantum.
 * => flags: VMEM_USERESERVE to let a new tag page dip into the reserve.
 * => returns 0 and the address in *addrp; EINVAL for a size of 0, one
 *    that wraps when rounded, or one larger than the arena (such a size
 *    often comes from user space: it is refused, not a panic); ENOSPC if
 *    no free segment fits; ENOMEM if a page to hold new tags could not be
 *    had (the caller may uvm_wait and try again).
 * => vm_lock not held.
 */
int vmem_xalloc(struct vmem *vm, vmem_size_t size, vmem_size_t align, int flags,
    vmem_addr_t *addrp);

/*
 * Frees a range vmem_xalloc returned. Never fails and never allocates:
 * the busy tag becomes the free one, and coalescing only gives tags back.
 * => addr and size exactly as allocated (size may be unrounded); anything
 *    else panics, naming the arena.
 * => vm_lock not held; may be called from an interrupt handler.
 */
void vmem_free(struct vmem *vm, vmem_addr_t addr, vmem_size_t size);

/* Bytes in busy segments (exact, under the lock). */
vmem_size_t vmem_inuse(struct vmem *vm);
/* Boundary tags in use (one per segment), and pages holding tags (read unlocked). */
size_t vmem_ntags(struct vmem *vm);
size_t vmem_npages(struct vmem *vm);

/*
 * Checks every invariant of vm (vmem.c's opening comment) and panics,
 * naming the broken one, if one does not hold. For tests: it walks every
 * segment with the lock held.
 */
void vmem_check(struct vmem *vm);

#endif
