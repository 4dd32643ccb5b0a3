/*
 * Swap: where anonymous pages go when memory is short.
 *
 * One swap device, the ATA disk (kernel/dev/ata.h). It is divided into
 * page-sized slots: slot s is the disk's page s (sectors 8s .. 8s+7 with
 * 4 KiB pages). Slot 0 is never handed out, so 0 can mean "no slot" in an
 * anon's an_swslot and an aobj's slot array; a disk of N pages gives
 * N - 1 slots (uvmexp.swpages). Without a disk there are no slots and
 * every allocation fails: the system runs without swap.
 *
 * A slot belongs to whoever's page was written to it: an anon (an_swslot)
 * or an aobj (its per-page array). The owner frees it when the page comes
 * back in (pages read from swap are dirty again; see uvm_fault.c) or when
 * it dies. uvmexp.swpginuse counts the slots allocated.
 *
 * Lock legend: [w] swap_lock (a spinlock; the I/O itself is under the
 * disk's own lock, not this one).
 */
#ifndef _VM_UVM_SWAP_H_
#define _VM_UVM_SWAP_H_

#include <stdbool.h>
#include <stdint.h>
#include "vm/uvm_page.h"

/* Sets swap up over the disk, if there is one; prints what it found. */
void uvm_swap_init(void);

/*
 * Allocates *nslots consecutive slots and returns the first, or 0 if
 * there is no such run. With lessok, settles for the longest run there is
 * (at least one slot) and sets *nslots to its length.
 */
int uvm_swap_alloc(int *nslots, bool lessok);
/* Frees nslots slots from slot on. => they were allocated. */
void uvm_swap_free(int slot, int nslots);
/* Is every slot taken (or is there no swap)? */
bool uvm_swapisfull(void);

/*
 * Reads slot into pg / writes the npages pages pps[] to npages
 * consecutive slots from slot on. Return 0 or the disk's errno (EIO).
 * => the caller owns the pages (busy or under their owner's lock).
 */
int uvm_swap_get(struct vm_page *pg, int slot);
int uvm_swap_put(int slot, struct vm_page *const pps[], int npages);

/*
 * The slot allocator itself, over any bitmap: swap uses one for the
 * disk, and the tests (vm/uvm_swap_test.c) their own.
 *
 * Example: a map of 8 slots (slot 0 reserved) with slots 3 and 6 in use:
 *   slots  0 1 2 3 4 5 6 7     a request for 2 gets slots 1-2 (the first
 *          X . . X . . X .     run that fits, from the rotor at 1); then
 * a request for 3 finds runs of 2 (4-5) and 1 (7) only: it fails, or with
 * lessok gets 4-5 (the longest) and is told it got 2.
 */
struct swapmap {
	uint32_t *sm_bits;              /* [w] bit s set: slot s in use */
	int sm_nslots;                  /* [I] slots, slot 0 included */
	int sm_inuse;                   /* [w] slots in use, slot 0 excluded */
	int sm_rotor;                   /* [w] where the next search starts */
};
/* bits: room for nslots bits (swapmap_words(nslots) words). */
#define swapmap_words(nslots)   (((nslots) + 31) / 32)
void swapmap_init(struct swapmap *sm, uint32_t *bits, int nslots);
int swapmap_alloc(struct swapmap *sm, int *nslots, bool lessok);
void swapmap_free(struct swapmap *sm, int slot, int nslots);

#endif
