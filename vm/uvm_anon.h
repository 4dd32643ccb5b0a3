/*
 * Anons: anonymous pages, the units of the amap (upper) layer. An anon
 * holds one page of private memory: resident in an_page, or paged out to
 * a swap slot (an_swslot). Amap slots refer to anons; after fork two amaps may refer
 * to the same anon, and its an_ref says how many do. A write to an anon
 * with an_ref > 1 copies it first (copy-on-write).
 *
 * Locking: uvm_anonlock, one mutex for every amap and anon ([A]). NetBSD
 * gives each amap a lock shared with the amaps copied from it; one lock is
 * the simple, correct start on one CPU, and the place to split for SMP.
 * Lock order: map => uvm_anonlock => object => free pages.
 */
#ifndef _VM_UVM_ANON_H_
#define _VM_UVM_ANON_H_

#include "kernel/lock.h"
#include "vm/uvm_page.h"

struct vm_anon {
	int an_ref;                     /* [A] amap slots (later: loans) referring to it */
	struct vm_page *an_page;        /* [A] its page, if resident */
	int an_swslot;                  /* [A] its swap slot if paged out, else 0 */
};

extern struct mutex uvm_anonlock;

/* A new anon with one reference and no page, or NULL if out of memory. */
struct vm_anon *uvm_analloc(void);

/*
 * Drops one reference; the last one frees the anon and its page (after
 * removing any mapping of the page) or its swap slot. => uvm_anonlock held.
 */
void uvm_anon_unref(struct vm_anon *anon);

/* Anons alive (for tests and vmstat). */
extern int uvm_nanon;

#endif
