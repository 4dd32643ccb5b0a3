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
#include "kernel/printf.h"
#include "vm/uvm_km.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
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

/* Loan n pages, map them in the arena, read one word of each, unmap, unloan. */
static uint64_t bench_loan(struct vmspace *vm, int n, struct vm_page **v, int *errorp)
{
	uint64_t best = ~0ull;
	volatile uint32_t sink = 0;

	for (int r = 0; r < BENCH_REPS; r++) {
		vaddr_t va;
		uint64_t t0 = cpu_cycles();
		int error = uvm_loan(&vm->vm_map, T_VA, ptoa(n), v, UVM_LOAN_TOPAGE);
		if (error == 0 && (error = uvm_loan_map(v, n, &va)) == 0) {
			for (int i = 0; i < n; i++)
				sink += *(const uint32_t *)(va + (vaddr_t)i * PAGE_SIZE);
			uvm_loan_unmap(va, n);
		}
		if (error == 0)
			uvm_unloan(v, n, UVM_LOAN_TOPAGE);
		uint64_t t = cpu_cycles() - t0;
		if (error) {
			*errorp = error;
			return 0;
		}
		best = t < best ? t : best;
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
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		uint64_t c = bench_copy(vm, n, buf), l = bench_loan(vm, n, v, &error);
		KT_ASSERT_EQ(error, 0);
		printf("loanbench: %5d %18llu %24llu %12llu.%02llu\n", n,
		    (unsigned long long)(c / n), (unsigned long long)(l / n),
		    (unsigned long long)(c / l), (unsigned long long)(c * 100 / l % 100));
	}

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
