/*
 * Page loan-out (after NetBSD's uvm_loan.c): lending the pages of a range
 * of an address space to the kernel, or to anons, without copying them.
 *
 * A loan *pins* a page (loan_count), it does not wire it: the page stays
 * where it is, its owner keeps it, and nobody may free it while it is
 * lent. The first loan of a page makes every mapping of it read-only
 * (pmap_page_protect(READ)), so neither the owner nor anyone sharing the
 * page can change the bytes under the borrower: a write faults, and the
 * fault "breaks" the loan for the writer (it gets a copy; the borrower
 * keeps the old page). A page lent to the kernel also leaves the paging
 * queues (the pagedaemon never sees it) until its last loan is returned.
 *
 * What a range lends, page by page, to the kernel (UVM_LOAN_TOPAGE: the
 * pages) or to anons (UVM_LOAN_TOANON: anons, e.g. for a pipe that moves
 * pages into its reader's address space):
 *
 *                     to the kernel             to anons
 *   an anon           A->K: the anon's page     A->A: the anon itself, one
 *   (written private  (paged back in first if   reference more (an_ref)
 *   memory)           it is on swap)
 *   an object's page  O->K: the page (pgo_get   O->A: an anon that borrows
 *   (file, aobj)      brings it in first)       the page: pg->uanon is set
 *                                               without PQ_ANON, and the
 *                                               anon's loan is one of
 *                                               loan_count; one such anon
 *                                               per page, shared by
 *                                               reference
 *   zero-fill memory  the zero page: one        an anon that borrows the
 *   never touched     shared, never-freed page  zero page, as O->A
 *                     of zeros (a 64 MiB zero
 *                     loan allocates nothing)
 *
 * An owner that frees a lent page (unmap, exit, object destroyed) cannot:
 * the page is disowned instead (an "orphan": no owner, still lent), and
 * the last unloan frees it. An orphan an anon borrows is adopted by that
 * anon (its loan becomes ownership: PQ_ANON, counted in adoptions) the
 * next time the fault handler, the pagedaemon or an unloan meets it.
 *
 * The paging queues: a page lent to the kernel leaves them (the
 * pagedaemon never sees it) until its last kernel loan comes back; a page
 * only an anon borrows stays queued, and the pagedaemon skips it while
 * its object owns it and makes the anon adopt it once it is an orphan,
 * then pages it out through the anon.
 *
 * Borrowers read lent pages through the loan arena: kernel VA of its own,
 * mapped read-only (uvm_loan_map). A kernel write there is a bug in the
 * borrower, and the page fault it causes panics with "kernel write to
 * loaned page", before any copyin/copyout fault recovery could turn it
 * into a quiet EFAULT. The arena has a byte budget, so a user cannot pin
 * all of memory through loans: a borrower that finds it spent waits
 * (interruptibly) for another to give back.
 *
 * Locks: loan_count changes with the page's owner locked (uvm_anonlock
 * for an anon's page, the object's lock for an object's) and
 * uvm_pageqlock held, as wire_count does. A borrowing anon's link
 * (pg->uanon without PQ_ANON) changes under uvm_anonlock and
 * uvm_pageqlock. Unloan does not know the owner:
 * it takes uvm_anonlock and uvm_pageqlock, reads the page's owner, and
 * only *tries* the object's lock (against the order object => page
 * queues), backing off and yielding if it is held.
 */
#ifndef _VM_UVM_LOAN_H_
#define _VM_UVM_LOAN_H_

#include <stdbool.h>
#include "vm/uvm_map.h"
#include "vm/uvm_page.h"

#define UVM_LOAN_TOPAGE         0x1     /* lend to the kernel: an array of vm_page * */
#define UVM_LOAN_TOANON         0x2     /* lend to anons: an array of vm_anon * */

/* A page may be lent at most this often at once (loan_count is 16 bits). */
#define UVM_LOAN_MAX            0xfff0

/*
 * Lends the pages of [start, start + len) of map: v[i] is the page (or
 * the anon) for start + i * PAGE_SIZE. All or nothing: on failure nothing
 * stays lent.
 * => flags: UVM_LOAN_TOPAGE (v is struct vm_page *[]) or UVM_LOAN_TOANON
 *    (v is struct vm_anon *[]: each a reference the caller now holds, to
 *    put in an amap or give back with uvm_unloan).
 * => start and len page-aligned, len > 0; map unlocked; may sleep (pages
 *    are faulted in, waiting for memory if need be).
 * => returns 0; EFAULT if a page is not mapped or not readable (or past
 *    the end of its object); EBUSY if a page is wired (the caller copies
 *    instead) or lent too often; EINVAL for bad arguments; ENOMEM; EINTR
 *    if a signal ended a wait for memory.
 */
int uvm_loan(struct vm_map *map, vaddr_t start, vsize_t len, void *v, int flags);

/*
 * Gives back npages loans of v[] (as uvm_loan filled it, flags as given
 * to it). A page whose owner freed it meanwhile (an orphan) is freed by
 * its last unloan; a page still owned goes back on the paging queues.
 * TOANON: each anon loses the reference (uvm_anon_unref).
 * => no VM lock held; may sleep.
 */
void uvm_unloan(void *v, int npages, int flags);

/*
 * A write fault on a lent anon page whose anon only one amap holds: the
 * anon gets a copy of the page. The old one stays with its borrowers: an
 * orphan if the anon owned it; if the anon only borrowed it (O->A), the
 * anon's loan goes back. => uvm_anonlock held. Returns 0 or ENOMEM.
 */
struct vm_anon;
int uvm_loanbreak_anon(struct vm_anon *anon);

/*
 * A write fault, through a shared mapping, on a lent page of an object:
 * the object gets a copy at the same offset, and the old page stays with
 * its borrowers, an orphan. => the object locked. Returns the new page,
 * or NULL (no page).
 */
struct vm_page *uvm_loanbreak(struct vm_page *pg);

/*
 * A lent page is being freed by its owner: disowns it instead (an orphan)
 * and returns true, or returns false if it is not lent.
 * => the owner locked (and uvm_pagefree's caller's locks).
 */
bool uvm_loan_disown(struct vm_page *pg);

/*
 * If pg is an orphan an anon borrows, the anon adopts it (its loan
 * becomes ownership) and returns true. => uvm_anonlock, uvm_pageqlock.
 */
bool uvm_loan_adopt(struct vm_page *pg);

/*
 * The anon is letting go of its page (its last reference is gone, or a
 * loan break): if it only borrows it (O->A), the loan goes back (the page
 * freed if it was an orphan nobody else has), anon->an_page becomes NULL,
 * and it returns true; false if the anon owns its page.
 * => uvm_anonlock held; no mapping through the anon remains.
 */
struct vm_anon;
bool uvm_loan_anon_release(struct vm_anon *anon);

/* The zero page, and whether pg is it (the pagedaemon and frees leave it alone). */
bool uvm_loan_is_zeropage(const struct vm_page *pg);

/*
 * The loan arena. uvm_loan_map maps npages lent pages read-only at
 * consecutive kernel addresses and returns the first, waiting while the
 * arena's budget is spent; uvm_loan_unmap takes the mapping away.
 * => uvm_loan_map: no lock held; returns 0 and *vap, or EINTR (a signal
 *    ended the wait), or EINVAL (more than the whole budget).
 */
int uvm_loan_map(struct vm_page **pgs, int npages, vaddr_t *vap);
void uvm_loan_unmap(vaddr_t va, int npages);

/* Is va in the loan arena? (For the trap code: a kernel write there panics.) */
bool uvm_loan_arena_contains(vaddr_t va);

/* Sets up the zero page and the arena. => boot, after uvm_km_init. */
void uvm_loan_init(void);

#endif
