/*
 * Anons (see vm/uvm_anon.h). Example: a process writes to a private page
 * of zero-fill memory: the fault handler allocates an anon (an_ref 1) and
 * a zeroed page for it, and puts the anon in the entry's amap. After fork
 * both amaps hold the anon (an_ref 2). The child's first write copies it
 * into a new anon (an_ref 1 each); the old one loses a reference.
 */
#include "vm/uvm_anon.h"
#include "vm/kmem.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_swap.h"
#include "vm/uvmexp.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

struct mutex uvm_anonlock = MUTEX_INITIALIZER(uvm_anonlock, "anon");
int uvm_nanon;                          /* [A] */

struct vm_anon *uvm_analloc(void)
{
	struct vm_anon *anon = kmem_zalloc(sizeof(*anon), KM_NOSLEEP);

	if (anon) {
		anon->an_ref = 1;
		uvm_nanon++;
	}
	return anon;
}

void uvm_anon_unref(struct vm_anon *anon)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	KASSERTMSG(anon->an_ref > 0, "anon %p has no reference to drop", anon);
	if (--anon->an_ref > 0)
		return;
	struct vm_page *pg = anon->an_page;
	/* A page it only borrows (O->A) goes back to its lender. */
	if (pg && !uvm_loan_anon_release(anon)) {
		KASSERTMSG(pg->uanon == anon, "anon %p's page %p belongs to %p",
		    anon, pg, pg->uanon);
		/* No entry refers to the anon any more: no mapping may remain. */
		pmap_page_protect(pg, VM_PROT_NONE);
		uvm_pagefree(pg);
	}
	if (anon->an_swslot != 0)
		uvm_swap_free(anon->an_swslot, 1);
	uvm_nanon--;
	kmem_free(anon, sizeof(*anon));
}
