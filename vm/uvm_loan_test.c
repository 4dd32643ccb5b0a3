/*
 * In-kernel tests of page loan-out (vm/uvm_loan.h), on real address
 * spaces: each kind of loan gives the kernel the very page the process
 * maps (same physical page, loan_count up, every mapping read-only, the
 * bytes readable through the loan arena); a write breaks the loan for the
 * writer only; an owner letting go leaves an orphan that the last unloan
 * frees; zero-fill memory lends the one zero page; wired pages are
 * refused and a range with a hole fails whole. The runner's leak check
 * also checks that no page stays lent and no orphan stays alive.
 */
#include <machine/cpu.h>
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "vm/uvm_km.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvmexp.h"

#define T_VA    0x400000
#define RW      (VM_PROT_READ | VM_PROT_WRITE)

static paddr_t pa_at(struct vmspace *vm, vaddr_t va)
{
	paddr_t pa;
	return pmap_extract(vm->vm_map.pmap, va, &pa) ? trunc_page(pa) : (paddr_t)-1;
}

/* A space with n pages at T_VA over obj (NULL: private zero fill), inherited as inh. */
static struct vmspace *loan_space(int n, struct uvm_object *obj, int inh)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;

	if (vm && uvm_map(&vm->vm_map, &va, ptoa(n), obj, 0, RW, VM_PROT_ALL, inh,
	    UVM_ADV_NORMAL, UVM_FLAG_FIXED) != 0) {
		uvmspace_free(vm);
		return NULL;
	}
	return vm;
}

/* A user's store of byte v into page i: through a writable mapping, else a write fault first. */
static int store(struct vmspace *vm, int i, uint8_t v)
{
	vaddr_t va = T_VA + ptoa(i);

	if (!(pmap_prot(vm->vm_map.pmap, va) & VM_PROT_WRITE)) {
		int error = uvm_fault(&vm->vm_map, va, VM_PROT_WRITE);
		if (error)
			return error;
	}
	memset((void *)PMAP_DIRECT_MAP(pa_at(vm, va)), v, PAGE_SIZE);
	return 0;
}

static bool page_is(struct vm_page *pg, uint8_t v)
{
	const uint8_t *p = (const uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* Reads n lent pages through the loan arena; true if page i holds bytes first + i. */
static bool arena_holds(struct vm_page **pgs, int n, int first)
{
	vaddr_t va;

	if (uvm_loan_map(pgs, n, &va) != 0)
		return false;
	bool ok = true;
	for (int i = 0; i < n; i++)
		for (unsigned k = 0; k < PAGE_SIZE; k += 512)
			ok &= ((const uint8_t *)va)[ptoa(i) + k] == (uint8_t)(first + i);
	uvm_loan_unmap(va, n);
	return ok;
}

/* A->K: the anon's own page, read-only everywhere, readable in the arena. */
KTEST(loan_anon_pages_to_kernel)
{
	enum { N = 4 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[N];
	KT_ASSERT(vm != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)(0x40 + i)), 0);
	int64_t loaned0 = uvmexp.loaned, loans0 = uvmexp.loans;

	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), v, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0 + N);
	KT_ASSERT_EQ(uvmexp.loans, loans0 + N);
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(v[i]->phys_addr, pa_at(vm, T_VA + ptoa(i)));
		KT_ASSERT_EQ(v[i]->loan_count, 1);
		KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, T_VA + ptoa(i)), VM_PROT_READ);
		KT_ASSERT(!uvmpdpol_pageisqueued_p(v[i]));      /* lent to the kernel: off */
	}
	KT_ASSERT(arena_holds(v, N, 0x40));
	/* Lent twice: one more count, the same pages. */
	struct vm_page *w[N];
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), w, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT(w[2] == v[2] && v[2]->loan_count == 2);
	uvm_unloan(w, N, UVM_LOAN_TOPAGE);
	uvm_unloan(v, N, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(v[i]->loan_count, 0);
		KT_ASSERT(uvmpdpol_pageisqueued_p(v[i]));       /* back on the queues */
	}
	uvmspace_free(vm);
}

/* A write to a lent page copies it for the writer; the borrower keeps the old bytes. */
KTEST(loan_break_keeps_the_borrowers_page)
{
	struct vmspace *vm = loan_space(2, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[2];
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(store(vm, 0, 0x11), 0);
	KT_ASSERT_EQ(store(vm, 1, 0x12), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(2), v, UVM_LOAN_TOPAGE), 0);
	int64_t breaks0 = uvmexp.loanbreaks, orphans0 = uvmexp.orphans;
	int64_t frees0 = uvmexp.orphanfrees;

	KT_ASSERT_EQ(store(vm, 0, 0x21), 0);                    /* the owner writes */
	KT_ASSERT_EQ(uvmexp.loanbreaks, breaks0 + 1);
	KT_ASSERT_EQ(uvmexp.orphans, orphans0 + 1);
	KT_ASSERT(pa_at(vm, T_VA) != v[0]->phys_addr);          /* the writer's copy */
	KT_ASSERT(v[0]->uanon == NULL && v[0]->uobject == NULL); /* the old page: an orphan */
	KT_ASSERT(page_is(v[0], 0x11));
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, T_VA), RW);
	KT_ASSERT(arena_holds(v, 1, 0x11));
	uvm_unloan(v, 2, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(uvmexp.orphanfrees, frees0 + 1);           /* freed by its last unloan */
	uvmspace_free(vm);
}

/* An owner that unmaps lent pages disowns them; the borrower still reads them. */
KTEST(loan_orphans_at_unmap_and_at_exit)
{
	struct vmspace *vm = loan_space(3, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[3];
	KT_ASSERT(vm != NULL);
	for (int i = 0; i < 3; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)(0x30 + i)), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(3), v, UVM_LOAN_TOPAGE), 0);
	int64_t orphans0 = uvmexp.orphans, frees0 = uvmexp.orphanfrees;

	KT_ASSERT_EQ(uvm_unmap(&vm->vm_map, T_VA, T_VA + PAGE_SIZE), 0);
	KT_ASSERT_EQ(uvmexp.orphans, orphans0 + 1);
	uvmspace_free(vm);                                      /* exit: the other two */
	KT_ASSERT_EQ(uvmexp.orphans, orphans0 + 3);
	KT_ASSERT(arena_holds(v, 3, 0x30));
	uvm_unloan(v, 3, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(uvmexp.orphanfrees, frees0 + 3);
}

/* Never-touched zero-fill memory lends the one zero page: 16 MiB allocates nothing. */
KTEST(loan_zero_fill_allocates_nothing)
{
	enum { N = 4096 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY);
	struct vm_page **v = kmem_alloc(N * sizeof(*v), KM_SLEEP);
	KT_ASSERT(vm != NULL);
	int64_t free0 = uvmexp.free, zero0 = uvmexp.loanzero;

	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), v, UVM_LOAN_TOPAGE), 0);
	int64_t used = free0 - uvmexp.free;
	bool same = true;
	for (int i = 1; i < N; i++)
		same &= v[i] == v[0];
	KT_ASSERT(used <= 0);
	KT_ASSERT(same && uvm_loan_is_zeropage(v[0]) && page_is(v[0], 0));
	KT_ASSERT_EQ(uvmexp.loanzero, zero0 + N);
	KT_ASSERT(v[0]->loan_count >= N);
	uvm_unloan(v, N, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(v[0]->loan_count, 0);
	kmem_free(v, N * sizeof(*v));
	uvmspace_free(vm);
}

/* A wired page is refused (EBUSY), a hole is EFAULT, and either way nothing stays lent. */
KTEST(loan_refusals_lend_nothing)
{
	struct vmspace *vm = loan_space(3, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[4], *held;
	KT_ASSERT(vm != NULL);
	for (int i = 0; i < 3; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)i), 0);
	KT_ASSERT_EQ(uvm_fault_hold(&vm->vm_map, T_VA + PAGE_SIZE, VM_PROT_READ, &held), 0);
	int64_t loaned0 = uvmexp.loaned, refused0 = uvmexp.loanrefused;

	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(3), v, UVM_LOAN_TOPAGE), EBUSY);
	KT_ASSERT_EQ(uvmexp.loanrefused, refused0 + 1);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, T_VA + ptoa(2)), RW);   /* never write-protected */
	uvm_pageunwire(held);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(4), v, UVM_LOAN_TOPAGE), EFAULT);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA + 1, PAGE_SIZE, v, UVM_LOAN_TOPAGE), EINVAL);
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, T_VA, T_VA + PAGE_SIZE, VM_PROT_NONE, false), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), EFAULT);
	uvmspace_free(vm);
}

/*
 * O->K: a shared anonymous mapping lends its object's pages; a write
 * through the mapping gives the object a copy, and the borrower keeps the
 * old page. The object's death leaves the rest as orphans.
 */
KTEST(loan_object_pages_and_break_through_a_shared_mapping)
{
	struct uvm_object *shm = uao_create(ptoa(2), 0);
	struct vmspace *vm;
	struct vm_page *v[2];
	KT_ASSERT(shm != NULL);
	KT_ASSERT((vm = loan_space(2, shm, MAP_INHERIT_SHARE)) != NULL);
	KT_ASSERT_EQ(store(vm, 0, 0x51), 0);
	KT_ASSERT_EQ(store(vm, 1, 0x52), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(2), v, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT(v[0]->uobject == shm && v[0]->phys_addr == pa_at(vm, T_VA));
	int64_t breaks0 = uvmexp.loanbreaks;

	KT_ASSERT_EQ(store(vm, 0, 0x61), 0);
	KT_ASSERT_EQ(uvmexp.loanbreaks, breaks0 + 1);
	mutex_enter(&shm->vmobjlock);
	struct vm_page *now = uvm_pagelookup(shm, 0);
	mutex_exit(&shm->vmobjlock);
	KT_ASSERT(now != NULL && now != v[0] && page_is(now, 0x61));
	KT_ASSERT(v[0]->uobject == NULL && page_is(v[0], 0x51));
	uvmspace_free(vm);                      /* the object dies: page 1 an orphan too */
	KT_ASSERT(v[1]->uobject == NULL && page_is(v[1], 0x52));
	KT_ASSERT(arena_holds(v, 2, 0x51));
	uvm_unloan(v, 2, UVM_LOAN_TOPAGE);
}

/* After fork the parent's write copies (1B); the borrower and the child keep the old bytes. */
KTEST(loan_survives_fork_and_writes)
{
	struct vmspace *p = loan_space(1, NULL, MAP_INHERIT_COPY), *c;
	struct vm_page *v[1];
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(store(p, 0, 0x71), 0);
	KT_ASSERT_EQ(uvm_loan(&p->vm_map, T_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT_EQ(store(p, 0, 0x72), 0);
	KT_ASSERT_EQ(v[0]->loan_count, 1);
	KT_ASSERT(page_is(v[0], 0x71));
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, T_VA, VM_PROT_READ), 0);
	KT_ASSERT_EQ(pa_at(c, T_VA), v[0]->phys_addr);          /* the child still shares it */
	KT_ASSERT_EQ(store(c, 0, 0x73), 0);                     /* the last holder: a loan break */
	KT_ASSERT(page_is(v[0], 0x71));
	uvmspace_free(c);
	uvmspace_free(p);
	uvm_unloan(v, 1, UVM_LOAN_TOPAGE);
}

/*
 * One page lent across repeated forks: each generation forks, the parent
 * and the child each write their copy, and the borrower's page never
 * changes; the loan count stays one, and each space frees at the end.
 */
KTEST(loan_survives_repeated_forks)
{
	enum { GENS = 4 };
	struct vmspace *sp[GENS + 1];
	struct vm_page *v[1];
	KT_ASSERT((sp[0] = loan_space(1, NULL, MAP_INHERIT_COPY)) != NULL);
	KT_ASSERT_EQ(store(sp[0], 0, 0x10), 0);
	KT_ASSERT_EQ(uvm_loan(&sp[0]->vm_map, T_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), 0);
	for (int g = 0; g < GENS; g++) {
		KT_ASSERT_EQ(uvmspace_fork(sp[g], &sp[g + 1]), 0);
		KT_ASSERT_EQ(store(sp[g + 1], 0, (uint8_t)(0x20 + g)), 0);    /* the child */
		KT_ASSERT_EQ(store(sp[g], 0, (uint8_t)(0x40 + g)), 0);        /* the parent */
		KT_ASSERT(pa_at(sp[g], T_VA) != v[0]->phys_addr);
		KT_ASSERT(pa_at(sp[g + 1], T_VA) != v[0]->phys_addr);
		KT_ASSERT_EQ(v[0]->loan_count, 1);
		KT_ASSERT(page_is(v[0], 0x10));
	}
	for (int g = 0; g <= GENS; g++) {
		vaddr_t va;
		KT_ASSERT_EQ(uvm_fault(&sp[g]->vm_map, T_VA, VM_PROT_READ), 0);
		va = PMAP_DIRECT_MAP(pa_at(sp[g], T_VA));
		KT_ASSERT_EQ(*(const uint8_t *)va, g < GENS ? 0x40 + g : 0x20 + GENS - 1);
	}
	for (int g = GENS; g >= 0; g--)
		uvmspace_free(sp[g]);
	KT_ASSERT(arena_holds(v, 1, 0x10));
	uvm_unloan(v, 1, UVM_LOAN_TOPAGE);
}

/* A pagedaemon pass frees no lent page and loses no byte of one. */
KTEST(loan_pagedaemon_frees_no_lent_page)
{
	enum { N = 32 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[N];
	KT_ASSERT(vm != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)(0x80 + i)), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), v, UVM_LOAN_TOPAGE), 0);
	uvmpd_pass((int)uvmexp.free + N);
	for (int i = 0; i < N; i++) {
		KT_ASSERT(v[i]->uanon != NULL && page_is(v[i], (uint8_t)(0x80 + i)));
		KT_ASSERT(!(v[i]->pqflags & PQ_FREE));
	}
	uvm_unloan(v, N, UVM_LOAN_TOPAGE);
	uvmspace_free(vm);
}

/*
 * Puts anon (a reference the caller gives) at page 0 of vm's anonymous
 * range, in place of the anon there: what a page-flip does with an anon
 * loan. The old mapping goes; the next access faults the new anon in.
 */
static void install_anon(struct vmspace *vm, struct vm_anon *anon)
{
	struct vm_map_entry *e;

	mutex_enter(&vm->vm_map.lock);
	bool found = uvm_map_lookup_entry(&vm->vm_map, T_VA, &e);
	if (!found || e->aref.ar_amap == NULL)
		panic("install_anon: no anonymous range at T_VA");
	mutex_enter(&uvm_anonlock);
	struct vm_anon *old = amap_lookup(&e->aref, 0);
	pmap_remove(vm->vm_map.pmap, T_VA, T_VA + PAGE_SIZE);
	amap_add(&e->aref, 0, anon, old != NULL);
	if (old)
		uvm_anon_unref(old);
	mutex_exit(&uvm_anonlock);
	mutex_exit(&vm->vm_map.lock);
}

/* A->A: the anon itself, one reference more; a write by either side copies. */
KTEST(loan_anon_to_anon_is_a_reference)
{
	enum { N = 3 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY), *b;
	struct vm_anon *a[N];
	KT_ASSERT(vm != NULL && (b = loan_space(1, NULL, MAP_INHERIT_COPY)) != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)(0x90 + i)), 0);
	KT_ASSERT_EQ(store(b, 0, 0xee), 0);
	int64_t loaned0 = uvmexp.loaned, loans0 = uvmexp.loans;
	paddr_t pa1 = pa_at(vm, T_VA + PAGE_SIZE);

	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), a, UVM_LOAN_TOANON), 0);
	KT_ASSERT_EQ(uvmexp.loans, loans0 + N);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);                  /* a reference, not a page loan */
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(a[i]->an_ref, 2);
		KT_ASSERT_EQ(a[i]->an_page->phys_addr, pa_at(vm, T_VA + ptoa(i)));
		KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, T_VA + ptoa(i)), VM_PROT_READ);
	}
	/* The owner writes page 0: 1B, a copy for the owner; the borrower keeps the bytes. */
	KT_ASSERT_EQ(store(vm, 0, 0x99), 0);
	KT_ASSERT(pa_at(vm, T_VA) != a[0]->an_page->phys_addr && a[0]->an_ref == 1);
	KT_ASSERT(page_is(a[0]->an_page, 0x90));
	/* Page 1 goes into another space: both read the one page; its write copies. */
	mutex_enter(&uvm_anonlock);
	a[1]->an_ref++;
	mutex_exit(&uvm_anonlock);
	install_anon(b, a[1]);
	KT_ASSERT_EQ(uvm_fault(&b->vm_map, T_VA, VM_PROT_READ), 0);
	KT_ASSERT_EQ(pa_at(b, T_VA), pa1);
	KT_ASSERT_EQ(store(b, 0, 0x55), 0);
	KT_ASSERT(pa_at(b, T_VA) != pa1 && page_is(a[1]->an_page, 0x91));
	uvm_unloan(a, N, UVM_LOAN_TOANON);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	uvmspace_free(b);
	uvmspace_free(vm);
}

/* Is pg on the paging queues? */
static bool queued(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	bool q = uvmpdpol_pageisqueued_p(pg);
	mutex_exit(&uvm_pageqlock);
	return q;
}

/*
 * O->A: an anon borrows the object's page (it stays the object's, and
 * queued); a second loan of it shares that anon. The object dies: the
 * pages are orphans the anons borrow, and each is adopted: one by the
 * fault of a space the anon was put in, one by a pagedaemon pass, one
 * by the return of a kernel loan.
 */
KTEST(loan_object_to_anon_and_adoption)
{
	enum { N = 3 };
	struct uvm_object *shm = uao_create(ptoa(N), 0);
	struct vmspace *vm, *b;
	struct vm_anon *a[N], *again[1];
	struct vm_page *k[1];
	KT_ASSERT(shm != NULL);
	KT_ASSERT((vm = loan_space(N, shm, MAP_INHERIT_SHARE)) != NULL);
	KT_ASSERT((b = loan_space(1, NULL, MAP_INHERIT_COPY)) != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)(0xa0 + i)), 0);
	KT_ASSERT_EQ(store(b, 0, 0xee), 0);
	int64_t loaned0 = uvmexp.loaned, adopt0 = uvmexp.adoptions;
	int64_t orphans0 = uvmexp.orphans;

	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), a, UVM_LOAN_TOANON), 0);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0 + N);
	struct vm_page *pg[N];
	for (int i = 0; i < N; i++) {
		pg[i] = a[i]->an_page;
		KT_ASSERT(pg[i]->uobject == shm && pg[i]->uanon == a[i] && uvm_page_anonloaned(pg[i]));
		KT_ASSERT_EQ(pg[i]->loan_count, 1);
		KT_ASSERT_EQ(pg[i]->phys_addr, pa_at(vm, T_VA + ptoa(i)));
		KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, T_VA + ptoa(i)), VM_PROT_READ);
		KT_ASSERT(queued(pg[i]));                       /* only an anon has it: queued */
	}
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, PAGE_SIZE, again, UVM_LOAN_TOANON), 0);
	KT_ASSERT(again[0] == a[0] && a[0]->an_ref == 2 && pg[0]->loan_count == 1);
	uvm_unloan(again, 1, UVM_LOAN_TOANON);
	/* Page 2 lent to the kernel too: off the queues. */
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA + ptoa(2), PAGE_SIZE, k, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT(k[0] == pg[2] && pg[2]->loan_count == 2 && !queued(pg[2]));

	/* Page 0 into space b, then the object dies: three orphans, borrowed. */
	install_anon(b, a[0]);
	uvmspace_free(vm);
	KT_ASSERT_EQ(uvmexp.orphans, orphans0 + N);
	for (int i = 0; i < N; i++)
		KT_ASSERT(pg[i]->uobject == NULL && pg[i]->uanon == a[i] && page_is(pg[i], 0xa0 + i));
	/* The fault adopts page 0: b maps it, and may write it in place. */
	KT_ASSERT_EQ(uvm_fault(&b->vm_map, T_VA, VM_PROT_READ), 0);
	KT_ASSERT_EQ(uvmexp.adoptions, adopt0 + 1);
	KT_ASSERT((pg[0]->pqflags & PQ_ANON) && pg[0]->loan_count == 0);
	KT_ASSERT_EQ(store(b, 0, 0xb0), 0);
	KT_ASSERT_EQ(pa_at(b, T_VA), pg[0]->phys_addr);         /* no copy: it is b's page */
	/*
	 * The pagedaemon adopts page 1 when it meets it (and may page it out
	 * through its anon): passes until it has, the page made the oldest
	 * candidate it can be (inactive, unreferenced).
	 */
	uvm_pagedeactivate(pg[1]);
	pmap_clear_reference(pg[1]);
	for (int pass = 0; pass < 64 && uvmexp.adoptions == adopt0 + 1; pass++)
		uvmpd_pass((int)uvmexp.free + 16);
	KT_ASSERT_EQ(uvmexp.adoptions, adopt0 + 2);
	KT_ASSERT(a[1]->an_page == NULL || (a[1]->an_page == pg[1] && (pg[1]->pqflags & PQ_ANON)));
	/* The kernel's loan of page 2 comes back: its anon adopts it. */
	uvm_unloan(k, 1, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(uvmexp.adoptions, adopt0 + 3);
	KT_ASSERT((pg[2]->pqflags & PQ_ANON) && pg[2]->loan_count == 0 && queued(pg[2]));
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	uvm_unloan(&a[1], 2, UVM_LOAN_TOANON);
	uvmspace_free(b);
}

/* An anon's loan of an object page goes back when the anon dies, and a write breaks it. */
KTEST(loan_object_to_anon_returns_at_unref_and_break)
{
	struct uvm_object *shm = uao_create(ptoa(2), 0);
	struct vmspace *vm, *b;
	struct vm_anon *a[2];
	KT_ASSERT(shm != NULL);
	KT_ASSERT((vm = loan_space(2, shm, MAP_INHERIT_SHARE)) != NULL);
	KT_ASSERT((b = loan_space(1, NULL, MAP_INHERIT_COPY)) != NULL);
	KT_ASSERT_EQ(store(vm, 0, 0xc0), 0);
	KT_ASSERT_EQ(store(vm, 1, 0xc1), 0);
	KT_ASSERT_EQ(store(b, 0, 0xee), 0);
	int64_t loaned0 = uvmexp.loaned, breaks0 = uvmexp.loanbreaks;
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(2), a, UVM_LOAN_TOANON), 0);
	struct vm_page *p0 = a[0]->an_page;

	/* b takes page 0 and writes it: a loan break; the object keeps its page and bytes. */
	install_anon(b, a[0]);
	KT_ASSERT_EQ(store(b, 0, 0xd0), 0);
	KT_ASSERT_EQ(uvmexp.loanbreaks, breaks0 + 1);
	KT_ASSERT(pa_at(b, T_VA) != p0->phys_addr && p0->uobject == shm && p0->uanon == NULL);
	KT_ASSERT(p0->loan_count == 0 && page_is(p0, 0xc0));
	/* The object's owner writes page 1 in place once the anon is gone. */
	uvm_unloan(&a[1], 1, UVM_LOAN_TOANON);
	KT_ASSERT_EQ(uvmexp.loaned, loaned0);
	KT_ASSERT_EQ(store(vm, 1, 0xc2), 0);
	mutex_enter(&shm->vmobjlock);
	struct vm_page *p1 = uvm_pagelookup(shm, ptoa(1));
	mutex_exit(&shm->vmobjlock);
	KT_ASSERT(p1 != NULL && p1->phys_addr == pa_at(vm, T_VA + PAGE_SIZE) && page_is(p1, 0xc2));
	uvmspace_free(b);
	uvmspace_free(vm);
}

/* Zero-fill memory lent to anons: one anon borrows the zero page; a write copies. */
KTEST(loan_zero_fill_to_anons)
{
	enum { N = 64 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY), *b;
	struct vm_anon *a[N];
	KT_ASSERT(vm != NULL && (b = loan_space(1, NULL, MAP_INHERIT_COPY)) != NULL);
	KT_ASSERT_EQ(store(b, 0, 0xee), 0);
	int64_t free0 = uvmexp.free;
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, ptoa(N), a, UVM_LOAN_TOANON), 0);
	KT_ASSERT(free0 - uvmexp.free <= 0);
	bool same = true;
	for (int i = 1; i < N; i++)
		same &= a[i] == a[0];
	KT_ASSERT(same && a[0]->an_ref == N && uvm_loan_is_zeropage(a[0]->an_page));
	KT_ASSERT(!queued(a[0]->an_page));
	mutex_enter(&uvm_anonlock);
	a[0]->an_ref++;
	mutex_exit(&uvm_anonlock);
	install_anon(b, a[0]);
	KT_ASSERT_EQ(uvm_fault(&b->vm_map, T_VA, VM_PROT_READ), 0);
	KT_ASSERT_EQ(pa_at(b, T_VA), a[0]->an_page->phys_addr);
	KT_ASSERT_EQ(store(b, 0, 0x5a), 0);
	KT_ASSERT(pa_at(b, T_VA) != a[0]->an_page->phys_addr && page_is(a[0]->an_page, 0));
	uvm_unloan(a, N, UVM_LOAN_TOANON);
	uvmspace_free(b);
	uvmspace_free(vm);
}

/* A kernel write through the loan arena panics, naming the page. */
KTEST_DEATH_TEST(loan_kernel_write_panics)
{
	struct vmspace *vm = loan_space(1, NULL, MAP_INHERIT_COPY);
	struct vm_page *v[1];
	vaddr_t va;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(store(vm, 0, 1), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT_EQ(uvm_loan_map(v, 1, &va), 0);
	*(volatile uint8_t *)va = 2;
	KT_ASSERT(!"the write did not fault");
}

/* ---- loanbench: what a loan costs, beside a copy of the same bytes ---- */

/* The least of REPS runs of op, in cycles (the first runs warm the caches). */
#define BENCH_REPS      7

static uint64_t bench_copy(struct vmspace *vm, int n, uint8_t *dst)
{
	uint64_t best = ~0ull;

	for (int r = 0; r < BENCH_REPS; r++) {
		uint64_t t0 = cpu_cycles();
		for (int i = 0; i < n; i++)
			memcpy(dst + ptoa(i), (void *)PMAP_DIRECT_MAP(pa_at(vm, T_VA + ptoa(i))),
			    PAGE_SIZE);
		uint64_t t = cpu_cycles() - t0;
		best = t < best ? t : best;
	}
	return best;
}

/* The stages of the loan path, as bench_loan times them. */
enum { ST_LOAN, ST_MAP, ST_READ, ST_UNMAP, ST_UNLOAN, ST_N };
static const char *const stage_names[ST_N] = { "loan", "map", "read", "unmap", "unloan" };

/*
 * Loan n pages, map them in the arena, read one word of each, unmap,
 * unloan: the best of BENCH_REPS runs, in cycles, and that run's stages.
 */
static uint64_t bench_loan(struct vmspace *vm, int n, struct vm_page **v, uint64_t *stages,
    int *errorp)
{
	uint64_t best = ~0ull;
	volatile uint32_t sink = 0;

	for (int r = 0; r < BENCH_REPS; r++) {
		vaddr_t va;
		uint64_t t[ST_N + 1];
		t[0] = cpu_cycles();
		int error = uvm_loan(&vm->vm_map, T_VA, ptoa(n), v, UVM_LOAN_TOPAGE);
		t[1] = cpu_cycles();
		if (error == 0 && (error = uvm_loan_map(v, n, &va)) == 0) {
			t[2] = cpu_cycles();
			for (int i = 0; i < n; i++)
				sink += *(const uint32_t *)(va + (vaddr_t)i * PAGE_SIZE);
			t[3] = cpu_cycles();
			uvm_loan_unmap(va, n);
			t[4] = cpu_cycles();
		}
		if (error == 0)
			uvm_unloan(v, n, UVM_LOAN_TOPAGE);
		t[5] = cpu_cycles();
		if (error) {
			*errorp = error;
			return 0;
		}
		if (t[5] - t[0] < best) {
			best = t[5] - t[0];
			for (int i = 0; i < ST_N; i++)
				stages[i] = t[i + 1] - t[i];
		}
	}
	return best;
}

/* One write fault on page 0 of vm, in cycles. */
static uint64_t bench_write_fault(struct vmspace *vm)
{
	uint64_t t0 = cpu_cycles();
	int error = uvm_fault(&vm->vm_map, T_VA, VM_PROT_WRITE);
	uint64_t t = cpu_cycles() - t0;
	return error ? 0 : t;
}

/*
 * Prints the loan path's cost per page (loan, map in the arena, unmap,
 * unloan) against copying the same bytes with the kernel's memcpy, for
 * 16 and 256 pages, and one loan break against one copy-on-write fault.
 * Run it with test=loanbench (make qemu CMDLINE=test=loanbench).
 */
KTEST_BENCHMARK(loanbench)
{
	enum { N = 256 };
	static const int sizes[] = { 16, 256 };
	struct vmspace *vm = loan_space(N, NULL, MAP_INHERIT_COPY);
	struct vm_page **v = kmem_alloc(N * sizeof(*v), KM_SLEEP);
	uint8_t *buf = (uint8_t *)uvm_km_alloc(ptoa(N), UVM_KMF_WIRED);
	int error = 0;
	KT_ASSERT(vm != NULL && buf != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(vm, i, (uint8_t)i), 0);

	printf("loanbench: %5s %18s %24s %12s\n", "pages", "copy cycles/page",
	    "loan+map+unmap+unloan", "copy / loan");
	uint64_t stages[ST_N];
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		uint64_t c = bench_copy(vm, n, buf), l = bench_loan(vm, n, v, stages, &error);
		KT_ASSERT_EQ(error, 0);
		printf("loanbench: %5d %18llu %24llu %12llu.%02llu\n", n,
		    (unsigned long long)(c / n), (unsigned long long)(l / n),
		    (unsigned long long)(c / l), (unsigned long long)(c * 100 / l % 100));
	}
	/* Where the time of the last size's best run went, per page. */
	printf("loanbench: stages at %d pages, cycles/page:", sizes[1]);
	for (int i = 0; i < ST_N; i++)
		printf(" %s %llu", stage_names[i], (unsigned long long)(stages[i] / sizes[1]));
	printf("\n");

	/* A loan break (1A, the anon ours alone) and a copy-on-write fault (1B after fork). */
	uint64_t brk = ~0ull, cow = ~0ull;
	for (int r = 0; r < BENCH_REPS; r++) {
		struct vmspace *c;
		KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), 0);
		uint64_t t = bench_write_fault(vm);
		uvm_unloan(v, 1, UVM_LOAN_TOPAGE);
		KT_ASSERT(t != 0);
		brk = t < brk ? t : brk;
		KT_ASSERT_EQ(uvmspace_fork(vm, &c), 0);
		t = bench_write_fault(vm);
		uvmspace_free(c);
		KT_ASSERT(t != 0);
		cow = t < cow ? t : cow;
	}
	printf("loanbench: one loan break %llu cycles, one copy-on-write fault %llu cycles, "
	    "ratio %llu.%02llu\n", (unsigned long long)brk, (unsigned long long)cow,
	    (unsigned long long)(brk / cow), (unsigned long long)(brk * 100 / cow % 100));
	uvm_km_free((vaddr_t)buf, ptoa(N), UVM_KMF_WIRED);
	kmem_free(v, N * sizeof(*v));
	uvmspace_free(vm);
}
