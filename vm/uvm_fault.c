/*
 * The page-fault handler: uvm_fault(map, va, access).
 *
 * A map entry has two layers (vm/uvm_map.h): the upper, an amap of anons
 * (private pages), and the lower, an object (file or nothing: zero fill).
 * A fault is resolved from the upper layer if an anon is there, else from
 * the lower layer:
 *
 *                     is there an anon at va?
 *                    /                       \
 *                 yes                         no
 *          case 1: upper layer           case 2: lower layer
 *           /              \              /                  \
 *   read, or write     write, and     read, or write        write to a
 *   to an anon only    the anon is    to a shared           copy-on-write
 *   we hold            shared/loaned  (non-COW) entry       entry, or any
 *       |                  |               |                 zero-fill fault
 *   1A: map the        1B: copy it   2A: map the object's        |
 *   anon's page        into a new    page (read-only if    2B: promote into a
 *   [flt_anon]         anon, map     the entry is COW)     new anon: copy the
 *                      that          [flt_obj]             object's page
 *                      [flt_acow]                          [flt_prcopy] or zero
 *                                                          fill [flt_przero]
 *
 * In a shared amap (fork with inheritance SHARE) a new anon replaces
 * what the other sharers may have mapped (1B: the old anon's page, 2B:
 * the object's page): that page is unmapped from every pmap, so that
 * they fault and find the new anon.
 *
 * A lent page (vm/uvm_loan.h) is mapped read-only; a write to it breaks
 * the loan: in 1A (the anon ours alone) the anon gets a copy and the
 * borrowers keep the old page (uvm_loanbreak_anon); in 2A through a
 * shared mapping the object gets a copy at the same offset
 * (uvm_loanbreak); 1B and 2B copy anyway. Counted in loanbreaks. An anon
 * that only borrows its page (O->A) adopts it here if its object has let
 * go of it (uvm_loan_adopt).
 *
 * Before either: uvm_fault_check finds the entry, checks the access
 * against its protection, and gives a needs-copy entry its own amap when
 * it will write (or has no amap and needs one to hold a new anon). A
 * needs-copy entry that only reads keeps sharing, mapped read-only, so
 * the first write faults again and copies.
 *
 * Case 1 first brings a paged-out anon back from swap (flt_swapin): the
 * page read is the only copy again (its slot is freed), and 1A or 1B
 * goes on as if it had never left.
 *
 * Every page a fault maps is activated: the page-replacement policy
 * (vm/uvm_pdpolicy.h) learns it was used.
 *
 * Wiring (vm/uvm_wire.h): a wiring fault (uvm_fault_wire_locked) gives
 * the page its entry's one wiring instead of activating it, resolves
 * copy-on-write now if the entry is writable, and breaks a loan of the
 * page first. A fault in a wired entry maps wired, and if it puts a new
 * page in the slot (1B, 2B) the old page's wiring moves to the new one.
 *
 * Locks: the map's lock for the whole fault (the map cannot change under
 * us), uvm_anonlock for the upper layer, the object's lock for the lower.
 * Running out of memory is not an error: a step that finds no page (or
 * no memory for an anon or an amap) returns ENOMEM, uvm_fault_internal
 * lets go of every lock, waits for the pagedaemon (uvm_wait) and starts
 * the fault again from the top; the map may have changed meanwhile.
 */
#include "vm/uvm_fault.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_ftrace.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_swap.h"
#include "vm/uvmexp.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

/* What the steps of one fault share. */
struct uvm_faultctx {
	struct vm_map *map;
	vaddr_t va;                     /* the faulting page */
	vm_prot_t access_type;
	bool wire;                      /* the mapping is wired: UVM_FAULT_WIRE, or a wired entry */
	bool wire_paging;               /* UVM_FAULT_WIRE: the page takes the entry's wiring */
	bool wired_entry;               /* a wired entry: a new page takes over the old one's wiring */
	bool major;                     /* a page was read back from swap */
	struct vm_map_entry *entry;
	vm_prot_t enter_prot;           /* what the pmap entry will allow */
	bool write;                     /* a write access, or a wiring */
	bool cow_now;                   /* write to a copy-on-write entry: copy */
};

/*
 * Maps pg at the fault's va; a wiring fault also wires it (the entry's
 * one wiring of the page, vm/uvm_wire.h). A wiring of a PROT_NONE entry
 * only wires: there is nothing to map. => the owner's lock held.
 */
static int fault_enter(struct uvm_faultctx *flt, struct vm_page *pg, vm_prot_t prot)
{
	KASSERT(mutex_owned(&uvm_anonlock) || (pg->uobject && mutex_owned(&pg->uobject->vmobjlock)));
	int error = 0;

	if (prot != VM_PROT_NONE)
		error = pmap_enter(flt->map->pmap, flt->va, pg->phys_addr, prot,
		    flt->access_type | PMAP_CANFAIL | (flt->wire ? PMAP_WIRED : 0));
	if (error)
		uvmexp.flt_noram++;
	else if (flt->wire_paging)
		uvm_pagewire(pg);
	else
		uvm_pageactivate(pg);
	return error;
}

/*
 * A fault in a wired entry put newpg where oldpg (NULL: nothing) was:
 * the entry's wiring of the page at va moves to the new page, so that
 * unwiring, which finds the pages through the amap and the object, finds
 * the page that holds it. => the owners' locks held.
 */
static void fault_move_wiring(struct uvm_faultctx *flt, struct vm_page *oldpg,
    struct vm_page *newpg)
{
	if (!flt->wired_entry)
		return;
	uvm_pagewire(newpg);
	if (oldpg != NULL)
		uvm_pageunwire(oldpg);
}

/* A new anon with a page for it (zeroed, or a copy of src). => uvm_anonlock. */
static struct vm_anon *fault_new_anon(struct vm_page *src)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	struct vm_anon *anon = uvm_analloc();

	if (!anon) {
		uvmexp.flt_noanon++;
		return NULL;
	}
	struct vm_page *pg = uvm_pagealloc(NULL, 0, anon, src ? 0 : UVM_PGA_ZERO);
	if (!pg) {
		uvmexp.flt_noram++;
		uvm_anon_unref(anon);
		return NULL;
	}
	if (src)
		pmap_copy_page(src->phys_addr, pg->phys_addr);
	pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);   /* dirty: not on any backing store */
	anon->an_page = pg;
	return anon;
}

/*
 * Amap chunks (NetBSD's UVM_AMAP_CHUNK): an entry of more than
 * AMAP_CHUNK_LARGE pages that gets its first amap is first clipped to
 * the AMAP_CHUNK-aligned chunk of AMAP_CHUNK pages around the fault, and
 * only that chunk gets an amap. An amap costs memory for every slot,
 * used or not: without chunks, touching one page of a sparse 1 TiB
 * mapping would need an amap of 2^28 slots, which no memory can hold,
 * and the fault would wait for memory for ever. Ours are bigger than
 * NetBSD's (16 pages above 256): our map is a list, and every chunk is
 * an entry in it.
 */
#define AMAP_CHUNK_LARGE        4096    /* pages: entries above 16 MiB are chunked */
#define AMAP_CHUNK              256     /* pages: 1 MiB chunks */

/* Clips the fault's entry to its chunk. => map locked. Returns 0 or ENOMEM. */
static int fault_clip_chunk(struct uvm_faultctx *flt)
{
	KASSERT(mutex_owned(&flt->map->lock));
	vaddr_t start = flt->va - flt->va % ptoa(AMAP_CHUNK);

	if (start + ptoa(AMAP_CHUNK) < start)
		return uvm_map_clip_range(flt->map, flt->entry, start, flt->entry->end);
	return uvm_map_clip_range(flt->map, flt->entry, start, start + ptoa(AMAP_CHUNK));
}

/* Step 1: find the entry, check the access, get the amap we need. */
static int uvm_fault_check(struct uvm_faultctx *flt)
{
	struct vm_map_entry *e;

	if (!uvm_map_lookup_entry(flt->map, flt->va, &e)) {
		uvmexp.flt_bad++;
		return EFAULT;
	}
	if (!flt->wire_paging && (flt->access_type & ~e->protection)) {
		uvmexp.flt_bad++;
		return EACCES;
	}
	flt->entry = e;
	flt->enter_prot = e->protection;
	flt->wired_entry = UVM_ENTRY_WIRED(e) && !flt->wire_paging;
	flt->wire |= flt->wired_entry;
	/*
	 * A wiring resolves copy-on-write now for a writable private entry,
	 * so that no later write changes the page under the wiring; a
	 * read-only one (program text) keeps the object's page (NetBSD's
	 * rule for wired faults). Its amap is made its own all the same.
	 */
	bool write = (flt->access_type & VM_PROT_WRITE) ||
	    (flt->wire_paging && (e->protection & VM_PROT_WRITE));

	if (e->etype & UVM_ET_NEEDSCOPY) {
		if (write || e->object == NULL || flt->wire_paging) {
			if (e->aref.ar_amap == NULL && atop(e->end - e->start) > AMAP_CHUNK_LARGE &&
			    fault_clip_chunk(flt) != 0) {
				uvmexp.flt_noamap++;
				return ENOMEM;
			}
			if (amap_copy(e) != 0) {
				uvmexp.flt_noamap++;
				return ENOMEM;
			}
		} else {
			/* Reading a needs-copy entry: share, but read-only. */
			flt->enter_prot &= ~VM_PROT_WRITE;
		}
	}
	flt->write = write;
	flt->cow_now = write && (e->etype & UVM_ET_COPYONWRITE);
	return 0;
}

/*
 * Reads a paged-out anon back from its swap slot, which it then gives
 * up: the page is dirty again (the only copy), as in NetBSD.
 * => uvm_anonlock held. Returns 0, ENOMEM (no page) or EIO (the disk).
 */
static int fault_anon_pagein(struct vm_anon *anon)
{
	KASSERTMSG(anon->an_swslot != 0, "anon %p has neither a page nor a swap slot", anon);
	struct vm_page *pg = uvm_pagealloc(NULL, 0, anon, 0);
	if (!pg) {
		uvmexp.flt_noram++;
		return ENOMEM;
	}
	int error = uvm_swap_get(pg, anon->an_swslot);
	if (error) {
		uvm_pagefree(pg);       /* the slot keeps the data: a later fault retries */
		return error;
	}
	uvm_swap_free(anon->an_swslot, 1);
	anon->an_swslot = 0;
	pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);
	anon->an_page = pg;
	uvmexp.flt_swapin++;
	return 0;
}

/* Step 2, case 1: the anon at va. => uvm_anonlock held. */
static int uvm_fault_upper(struct uvm_faultctx *flt, struct vm_anon *anon)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	if (anon->an_page == NULL) {
		int error = fault_anon_pagein(anon);
		if (error)
			return error;
		flt->major = true;
	}
	struct vm_page *pg = anon->an_page;
	if (uvm_page_anonloaned(pg)) {
		/* Borrowed (O->A): if its object let go of it, it is ours now. */
		mutex_enter(&uvm_pageqlock);
		uvm_loan_adopt(pg);
		mutex_exit(&uvm_pageqlock);
	}
	/* A page being wired must not stay lent (a wired page is never lent). */
	bool unlend = flt->cow_now || (flt->wire_paging && pg->loan_count > 0);
	if (unlend && anon->an_ref == 1 && pg->loan_count > 0) {
		/* Ours alone, but lent: break the loan; the borrowers keep the old page. */
		int error = uvm_loanbreak_anon(anon);
		if (error) {
			uvmexp.flt_noram++;
			return error;
		}
		pg = anon->an_page;
	}
	if (unlend && anon->an_ref > 1) {
		/* 1B: others hold this anon: copy it for ourselves. */
		struct vm_anon *copy = fault_new_anon(pg);
		if (!copy)
			return ENOMEM;
		fault_move_wiring(flt, pg, copy->an_page);
		amap_add(&flt->entry->aref, flt->va - flt->entry->start, copy, true);
		uvm_anon_unref(anon);
		uvmexp.flt_acow++;
		return fault_enter(flt, copy->an_page, flt->enter_prot);
	}
	/* 1A: ours alone (or only read): map it; shared anons read-only. */
	vm_prot_t prot = flt->enter_prot;
	if (anon->an_ref > 1 || pg->loan_count > 0)
		prot &= ~VM_PROT_WRITE;
	uvmexp.flt_anon++;
	return fault_enter(flt, pg, prot);
}

/* Step 2, case 2: no anon; the object's page, or zero fill. => uvm_anonlock held. */
static int uvm_fault_lower(struct uvm_faultctx *flt)
{
	struct vm_map_entry *e = flt->entry;
	struct uvm_object *uobj = e->object;
	struct vm_page *pg = NULL;
	int error;

	KASSERT(mutex_owned(&uvm_anonlock));
	if (uobj) {
		mutex_enter(&uobj->vmobjlock);
		error = uobj->pgops->pgo_get(uobj, e->offset + (flt->va - e->start), &pg);
		if (error) {
			mutex_exit(&uobj->vmobjlock);
			if (error == EFAULT)
				uvmexp.flt_bad++;
			return error;
		}
		uvm_pageactivate(pg);   /* used, even if only copied from (2B) */
		/* Being wired, a lent page of a private mapping is copied (2B). */
		bool unlend = flt->wire_paging && pg->loan_count > 0;
		if (!flt->cow_now && !(unlend && (e->etype & UVM_ET_COPYONWRITE))) {
			/* 2A: map the object's own page; read-only if COW. */
			vm_prot_t prot = flt->enter_prot;
			if (e->etype & UVM_ET_COPYONWRITE) {
				prot &= ~VM_PROT_WRITE;
			} else if (pg->loan_count > 0 && (flt->write || unlend)) {
				/* A write through a shared mapping breaks the loan. */
				struct vm_page *npg = uvm_loanbreak(pg);
				if (npg == NULL) {
					mutex_exit(&uobj->vmobjlock);
					uvmexp.flt_noram++;
					return ENOMEM;
				}
				pg = npg;
			} else if (pg->loan_count > 0) {
				prot &= ~VM_PROT_WRITE;         /* lent: read-only */
			}
			uvmexp.flt_obj++;
			error = fault_enter(flt, pg, prot);
			mutex_exit(&uobj->vmobjlock);
			return error;
		}
	}
	/* 2B: promote into a new anon: a copy of pg, or zeros. */
	KASSERT(e->aref.ar_amap != NULL);
	struct vm_anon *anon = fault_new_anon(pg);
	/*
	 * Into a shared amap: the other sharers may have the object's page
	 * mapped, and must see the new anon from now on (uvm_amap.c).
	 */
	if (anon && pg && (e->aref.ar_amap->am_flags & AMAP_SHARED))
		pmap_page_protect(pg, VM_PROT_NONE);
	if (anon)
		fault_move_wiring(flt, pg, anon->an_page);
	if (uobj)
		mutex_exit(&uobj->vmobjlock);
	if (!anon)
		return ENOMEM;
	amap_add(&e->aref, flt->va - e->start, anon, false);
	uobj ? uvmexp.flt_prcopy++ : uvmexp.flt_przero++;
	return fault_enter(flt, anon->an_page, flt->enter_prot);
}

/*
 * The fault's steps, with the map locked. With pgp, the page mapped at
 * va on success, wired (uvm_fault_hold).
 */
static int uvm_fault_locked(struct uvm_faultctx *flt, struct vm_page **pgp,
    struct uvm_ftrace_fault *ft)
{
	int error = uvm_fault_check(flt);

	if (error == 0) {
		mutex_enter(&uvm_anonlock);
		uvm_ftrace_step_begin(ft);
		struct vm_anon *anon = flt->entry->aref.ar_amap ?
		    amap_lookup(&flt->entry->aref, flt->va - flt->entry->start) : NULL;
		error = anon ? uvm_fault_upper(flt, anon) : uvm_fault_lower(flt);
		if (error == 0 && pgp) {
			/* Still under uvm_anonlock: the pagedaemon cannot have taken it. */
			paddr_t pa;
			bool mapped = pmap_extract(flt->map->pmap, flt->va, &pa);
			KASSERTMSG(mapped, "uvm_fault_hold: %p not mapped after the fault",
			    (void *)flt->va);
			*pgp = uvm_phys_to_page(pa);
			uvm_pagewire(*pgp);
		}
		uvm_ftrace_step_end(ft);
		mutex_exit(&uvm_anonlock);
	}
	return error;
}

/* One try at the fault, with every lock taken and let go. */
static int uvm_fault_try(struct vm_map *map, vaddr_t va, vm_prot_t access_type,
    int flags, struct vm_page **pgp, bool *majorp, struct uvm_ftrace_fault *ft)
{
	struct uvm_faultctx flt = {
		.map = map, .va = trunc_page(va), .access_type = access_type,
		.wire = (flags & UVM_FAULT_WIRE) != 0,
		.wire_paging = (flags & UVM_FAULT_WIRE) != 0,
	};
	int error;

	mutex_enter(&map->lock);
	error = uvm_fault_locked(&flt, pgp, ft);
	if (majorp != NULL && flt.major)
		*majorp = true;
	pmap_update(map->pmap);
	mutex_exit(&map->lock);
	return error;
}

int uvm_fault_wire_locked(struct vm_map *map, vaddr_t va)
{
	struct uvm_faultctx flt = {
		.map = map, .va = va, .access_type = 0, .wire = true, .wire_paging = true,
	};

	struct uvm_ftrace_fault ft;     /* traced as any fault, so the trace equals uvmexp */

	KASSERT(mutex_owned(&map->lock) && (va & PAGE_MASK) == 0);
	uvm_ftrace_begin(&ft);
	int error = uvm_fault_locked(&flt, NULL, &ft);
	uvm_ftrace_end(&ft, va, VM_PROT_READ, error);
	return error;
}

/* Tries until the fault is resolved, or fails for a reason other than memory. */
static int uvm_fault_loop(struct vm_map *map, vaddr_t va, vm_prot_t access_type,
    int flags, struct vm_page **pgp, bool *majorp)
{
	struct uvm_ftrace_fault ft;     /* the fault trace (vm/uvm_ftrace.h) */
	int error;

	KASSERT(!mutex_owned(&map->lock));
	KASSERT(access_type == VM_PROT_READ || access_type == VM_PROT_WRITE ||
	    access_type == VM_PROT_EXECUTE);
	uvmexp.faults++;
	uvm_ftrace_begin(&ft);
	while ((error = uvm_fault_try(map, va, access_type, flags, pgp, majorp, &ft)) == ENOMEM) {
		uvm_ftrace_wait(&ft);
		int werror = uvm_wait("fault", true);
		if (werror != 0) {
			error = werror; /* EINTR; ENOMEM before the pagedaemon runs */
			break;
		}
	}
	uvm_ftrace_end(&ft, va, access_type, error);
	return error;
}

int uvm_fault_internal(struct vm_map *map, vaddr_t va, vm_prot_t access_type, int flags)
{
	return uvm_fault_loop(map, va, access_type, flags, NULL, NULL);
}

int uvm_fault_hold(struct vm_map *map, vaddr_t va, vm_prot_t access_type,
    struct vm_page **pgp)
{
	return uvm_fault_loop(map, va, access_type, 0, pgp, NULL);
}

int uvm_fault(struct vm_map *map, vaddr_t va, vm_prot_t access_type)
{
	return uvm_fault_internal(map, va, access_type, 0);
}

int uvm_fault_user(struct vm_map *map, vaddr_t va, vm_prot_t access_type, bool *majorp)
{
	*majorp = false;
	return uvm_fault_loop(map, va, access_type, 0, NULL, majorp);
}
