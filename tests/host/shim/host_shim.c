/*
 * The host shim: the little of the kernel that vm/uvm_page.c and
 * vm/kmem.c call, on top of libc, so that the real files compile
 * unchanged with the host compiler under ASan and UBSan.
 *
 *  - "Physical memory" is host_phys_arena, physical addresses
 *    [HOST_PHYS_LO, HOST_PHYS_HI); the shim's DIRECT_MAP_BASE
 *    (shim/machine/vmparam.h) maps the direct map onto it, and
 *    pmap_zero_page/pmap_copy_page work on it.
 *  - uvm_km_alloc/uvm_km_free hand out page-aligned, zeroed host memory
 *    (aligned_alloc), as UVM_KMF_WIRED promises, and keep a table of what
 *    is out: freeing anything else, or with another size, fails the test.
 *    Like the kernel's, uvm_km_alloc returns 0 for a size beyond
 *    HOST_KM_VA_SIZE (amd64's kernel VA) instead of wrapping it.
 *  - panic() fails the running test, unless the test is inside
 *    host_catch_panic(), which longjmps back with the message.
 *  - Spinlocks (the vm/ locks) are flags; the shim keeps the ones held in
 *    host_held[], so a test can check that every vm/ call returns with all
 *    released, and a caught panic releases what the panicking code held.
 * memset, printf and the rest come from libc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"
#include "vm/uvm_km.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_wire.h"
#include "vm/uvm_loan.h"
#include "kernel/errno.h"
#include "vm/uvm_page.h"

unsigned char host_phys_arena[HOST_PHYS_HI - HOST_PHYS_LO] __attribute__((aligned(4096)));
#define HOST_MAX_HELD   8
static struct spinlock *host_held[HOST_MAX_HELD];
int host_spin_depth;
long host_pages_zeroed;
long host_km_pages;
bool host_km_fail;

void *host_phys_ptr(paddr_t pa)
{
	if (pa < HOST_PHYS_LO || pa >= HOST_PHYS_HI)
		host_fail("physical address %#llx is outside the arena [%#x, %#x)",
		    (unsigned long long)pa, HOST_PHYS_LO, HOST_PHYS_HI);
	return host_phys_arena + (pa - HOST_PHYS_LO);
}

void pmap_zero_page(paddr_t pa)
{
	if (pa & PAGE_MASK)
		host_fail("pmap_zero_page(%#llx): not page-aligned", (unsigned long long)pa);
	memset(host_phys_ptr(pa), 0, PAGE_SIZE);
	host_pages_zeroed++;
}

void pmap_copy_page(paddr_t src, paddr_t dst)
{
	if ((src | dst) & PAGE_MASK)
		host_fail("pmap_copy_page: unaligned address");
	memcpy(host_phys_ptr(dst), host_phys_ptr(src), PAGE_SIZE);
}

/* Nothing lends pages on the host: an owner's free is a free. */
bool uvm_loan_disown(struct vm_page *pg)
{
	(void)pg;
	return false;
}

/* ... so no anon borrows a page, and there is no zero page. */
bool uvm_loan_anon_release(struct vm_anon *anon)
{
	(void)anon;
	return false;
}

bool uvm_loan_is_zeropage(const struct vm_page *pg)
{
	(void)pg;
	return false;
}

/* No pagedaemon on the host: a wait for memory never brings any. */
int uvm_wait(const char *wmsg, bool intr)
{
	(void)wmsg;
	(void)intr;
	return ENOMEM;
}

/* ---- uvm_km: the live allocations, so frees can be checked ---- */

#define KM_MAX_LIVE     4096
#define HOST_KM_VA_SIZE 0x8000000000UL  /* 512 GiB, as on amd64 */
static struct { vaddr_t va; vsize_t npages; } km_live[KM_MAX_LIVE];
static int km_nlive;

vaddr_t uvm_km_alloc(vsize_t size, int flags)
{
	vsize_t npages = atop(round_page(size));

	if (!(flags & UVM_KMF_WIRED) || size == 0)
		host_fail("uvm_km_alloc(%zu, %#x): kmem asks for wired memory, never 0 bytes",
		    size, flags);
	/* As the kernel's: a size beyond its VA is refused before round_page wraps it. */
	if (host_km_fail || size > HOST_KM_VA_SIZE)
		return 0;
	if (km_nlive == KM_MAX_LIVE)
		host_fail("uvm_km_alloc: shim table full (raise KM_MAX_LIVE)");
	void *p = aligned_alloc(PAGE_SIZE, npages * PAGE_SIZE);
	if (!p)
		host_fail("uvm_km_alloc: host out of memory");
	memset(p, 0, npages * PAGE_SIZE);
	km_live[km_nlive].va = (vaddr_t)p;
	km_live[km_nlive].npages = npages;
	km_nlive++;
	host_km_pages += npages;
	return (vaddr_t)p;
}

void uvm_km_free(vaddr_t va, vsize_t size, int flags)
{
	for (int i = 0; i < km_nlive; i++) {
		if (km_live[i].va != va)
			continue;
		if (km_live[i].npages != atop(round_page(size)))
			host_fail("uvm_km_free(%#zx, %zu): allocated with %zu pages",
			    va, size, km_live[i].npages);
		host_km_pages -= km_live[i].npages;
		km_live[i] = km_live[--km_nlive];
		free((void *)va);
		return;
	}
	host_fail("uvm_km_free(%#zx, %zu): not allocated by uvm_km_alloc", va, size);
}

/* kmem asks whether a slab's page is still allocated. */
struct pmap *pmap_kernel(void)
{
	return NULL;
}

bool pmap_extract(struct pmap *pm, vaddr_t va, paddr_t *pap)
{
	for (int i = 0; i < km_nlive; i++)
		if (va >= km_live[i].va && va < km_live[i].va + ptoa(km_live[i].npages)) {
			if (pap)
				*pap = va;      /* the shim has no physical side */
			return true;
		}
	return false;
}

/* ---- panic ---- */

static jmp_buf *panic_jmp;
static char *panic_msg;
static size_t panic_msglen;

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!panic_jmp)
		host_fail("panic: %s", buf);
	jmp_buf *jb = panic_jmp;
	panic_jmp = NULL;
	snprintf(panic_msg, panic_msglen, "%s", buf);
	while (host_spin_depth > 0)     /* a real panic never returns to unlock */
		host_held[--host_spin_depth]->sl_locked = 0;
	longjmp(*jb, 1);
}

bool host_catch_panic(void (*fn)(void *), void *arg, char *msg, size_t len)
{
	jmp_buf jb;

	msg[0] = '\0';
	panic_msg = msg;
	panic_msglen = len;
	if (setjmp(jb))
		return true;
	panic_jmp = &jb;
	fn(arg);
	panic_jmp = NULL;
	return false;
}

/* ---- spinlocks ---- */

void spinlock_enter(struct spinlock *sl)
{
	if (sl->sl_locked)
		host_fail("spinlock %s taken while held (a deadlock in the kernel)", sl->sl_name);
	if (host_spin_depth == HOST_MAX_HELD)
		host_fail("more than %d spinlocks held", HOST_MAX_HELD);
	sl->sl_locked = 1;
	host_held[host_spin_depth++] = sl;
}

void spinlock_exit(struct spinlock *sl)
{
	if (!sl->sl_locked || host_spin_depth == 0 || host_held[host_spin_depth - 1] != sl)
		host_fail("spinlock %s released out of order or not held", sl->sl_name);
	sl->sl_locked = 0;
	host_spin_depth--;
}

bool spinlock_held(const struct spinlock *sl)
{
	return sl->sl_locked != 0;
}

/*
 * Mutexes: one host thread, so a mutex is a flag; taking one that is
 * held would sleep forever in the kernel, and fails the test here.
 */
static struct thread *const host_thread = (struct thread *)&host_held;

void mutex_init(struct mutex *m, const char *name)
{
	m->mtx_owner = NULL;
	m->mtx_name = name;
}

void mutex_destroy(struct mutex *m)
{
	if (m->mtx_owner)
		host_fail("mutex %s destroyed while held", m->mtx_name);
}

void mutex_enter(struct mutex *m)
{
	if (m->mtx_owner)
		host_fail("mutex %s taken while held (a deadlock in the kernel)", m->mtx_name);
	m->mtx_owner = host_thread;
}

void mutex_exit(struct mutex *m)
{
	if (m->mtx_owner != host_thread)
		host_fail("mutex %s released but not held", m->mtx_name);
	m->mtx_owner = NULL;
}

bool mutex_owned(const struct mutex *m)
{
	return m->mtx_owner == host_thread;
}

/* Anons free their pages through pmap_page_protect: no mappings here. */
void pmap_page_protect(struct vm_page *pg, vm_prot_t prot)
{
	if (pg->pv_list != NULL)
		host_fail("pmap_page_protect: the shim has no managed mappings");
}

/* No mappings, so never a referenced bit to clear (the clock policy asks). */
bool pmap_clear_reference(struct vm_page *pg)
{
	return false;
}

/* No pagedaemon on the host: allocations that find no page just fail. */
void uvm_kick_pdaemon(void)
{
}

bool uvm_pdaemon_curthread(void)
{
	return false;
}

/* The host tests never wire an entry (vm/uvm_wire.c is the kernel's). */
void uvm_map_entry_unwire(struct vm_map *map, struct vm_map_entry *e)
{
	host_fail("uvm_map_entry_unwire: the host tests wire nothing");
}

/* No swap on the host: no anon ever gets a slot to free. */
void uvm_swap_free(int slot, int nslots)
{
	host_fail("uvm_swap_free(%d, %d): the host has no swap", slot, nslots);
}

/* The map code tells the pmap what to forget; the shim has no MMU. */
void pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva)
{
	if (sva >= eva)
		host_fail("pmap_remove: empty range [%#lx, %#lx)", (unsigned long)sva,
		    (unsigned long)eva);
}

void pmap_protect(struct pmap *pm, vaddr_t sva, vaddr_t eva, vm_prot_t prot)
{
	if (sva >= eva)
		host_fail("pmap_protect: empty range");
}

void pmap_update(struct pmap *pm)
{
}
