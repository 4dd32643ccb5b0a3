/*
 * In-kernel tests of the fault handler and of vmspaces, on real page
 * tables: each test builds a space with its own pmap, faults addresses
 * through each UVM case, and checks the result with pmap_extract and
 * pmap_prot and by reading the pages through the direct map. The ktest
 * runner's leak check proves that freeing a space returns everything.
 *
 * The lower layer is a small test object whose page at offset o is filled
 * with the byte pattern obj_byte(o, i), so a test can tell the object's
 * page from a copy.
 */
#include <machine/vmparam.h>
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_object.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvmexp.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_vnode.h"
#include "vm/uvm_wire.h"
#include "kernel/initrd.h"

#define T_VA    0x400000                /* where tests map things */
#define RW      (VM_PROT_READ | VM_PROT_WRITE)

/* ---- a test object: pages with a pattern, freed at the last detach ---- */

static uint8_t obj_byte(voff_t off, unsigned i) { return (uint8_t)(off / PAGE_SIZE * 31 + i + 1); }

static int tobj_pagein(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	struct vm_page *pg = uvm_pagealloc(uobj, off, NULL, 0);

	if (!pg)
		return ENOMEM;
	uint8_t *p = (uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		p[i] = obj_byte(off, i);
	pg->flags = PG_CLEAN;
	*pgp = pg;
	return 0;
}

static int tobj_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	return uvm_obj_getpage(uobj, off, pgp, tobj_pagein);
}

static void tobj_detach(struct uvm_object *uobj)
{
	if (uvm_obj_unref(uobj)) {
		uvm_obj_destroy(uobj);
		kmem_free(uobj, sizeof(*uobj));
	}
}

static const struct uvm_pagerops tobj_ops = {
	.pgo_name = "test object", .pgo_reference = uvm_obj_ref,
	.pgo_detach = tobj_detach, .pgo_get = tobj_get,
};

static struct uvm_object *tobj_create(int npages)
{
	struct uvm_object *uobj = kmem_zalloc(sizeof(*uobj), KM_SLEEP);
	uvm_obj_init(uobj, &tobj_ops, ptoa(npages));
	return uobj;
}

/* ---- helpers ---- */

static paddr_t pa_of(struct vmspace *vm, vaddr_t va)
{
	paddr_t pa;
	return pmap_extract(vm->vm_map.pmap, va, &pa) ? pa : (paddr_t)-1;
}

static uint8_t *bytes_at(struct vmspace *vm, vaddr_t va)
{
	return (uint8_t *)PMAP_DIRECT_MAP(pa_of(vm, va));
}

static bool page_all(const uint8_t *p, uint8_t v)
{
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* ---- the tests ---- */

KTEST(fault_zero_fill_then_anon)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(4), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);

	int64_t przero = uvmexp.flt_przero, anon = uvmexp.flt_anon;
	KT_ASSERT(pa_of(vm, va) == (paddr_t)-1);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va, VM_PROT_READ), 0);      /* 2B zero */
	KT_ASSERT_EQ(uvmexp.flt_przero, przero + 1);
	KT_ASSERT(page_all(bytes_at(vm, va), 0));
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, va), RW);       /* ours alone */
	paddr_t pa = pa_of(vm, va);

	bytes_at(vm, va)[100] = 7;
	pmap_remove(vm->vm_map.pmap, va, va + PAGE_SIZE);       /* forget it */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va, VM_PROT_WRITE), 0);     /* 1A */
	KT_ASSERT_EQ(uvmexp.flt_anon, anon + 1);
	KT_ASSERT_EQ(pa_of(vm, va), pa);
	KT_ASSERT_EQ(bytes_at(vm, va)[100], 7);

	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + ptoa(3) + 5, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvmexp.flt_przero, przero + 2);
	uvmspace_free(vm);
}

KTEST(fault_refused)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(2), NULL, 0, VM_PROT_READ, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	int64_t bad = uvmexp.flt_bad;

	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va, VM_PROT_WRITE), EACCES);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va, VM_PROT_EXECUTE), EACCES);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + ptoa(2), VM_PROT_READ), EFAULT);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, 0, VM_PROT_READ), EFAULT);
	KT_ASSERT_EQ(uvmexp.flt_bad, bad + 4);
	KT_ASSERT(pa_of(vm, va) == (paddr_t)-1);
	/* Raising the protection (within the maximum) makes writes work. */
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, va, va + ptoa(2), RW, false), 0);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va, VM_PROT_WRITE), 0);
	/* Lowering it takes the write permission out of the pmap at once. */
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, va, va + ptoa(2), VM_PROT_READ, false), 0);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, va), VM_PROT_READ);
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, va, va + ptoa(2), VM_PROT_READ, true), 0);
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, va, va + ptoa(2), RW, false), EACCES);
	uvmspace_free(vm);
}

KTEST(fault_object_private_and_shared)
{
	struct vmspace *vm = uvmspace_alloc();
	struct uvm_object *uobj = tobj_create(4);
	vaddr_t priv = T_VA, shared = T_VA + ptoa(16);
	KT_ASSERT(vm != NULL);
	uvm_obj_reference(uobj);                /* each mapping takes one over */
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &priv, ptoa(4), uobj, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &shared, ptoa(4), uobj, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	int64_t obj = uvmexp.flt_obj, prcopy = uvmexp.flt_prcopy;

	/* 2A: a read of the private mapping maps the object's page read-only. */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, priv + ptoa(1), VM_PROT_READ), 0);
	KT_ASSERT_EQ(uvmexp.flt_obj, obj + 1);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, priv + ptoa(1)), VM_PROT_READ);
	paddr_t objpa = pa_of(vm, priv + ptoa(1));
	KT_ASSERT_EQ(bytes_at(vm, priv + ptoa(1))[9], obj_byte(ptoa(1), 9));

	/* 2B: a write copies the page into an anon; the object keeps its own. */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, priv + ptoa(1), VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvmexp.flt_prcopy, prcopy + 1);
	KT_ASSERT(pa_of(vm, priv + ptoa(1)) != objpa);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, priv + ptoa(1)), RW);
	KT_ASSERT_EQ(bytes_at(vm, priv + ptoa(1))[9], obj_byte(ptoa(1), 9));
	bytes_at(vm, priv + ptoa(1))[9] = 0;
	KT_ASSERT_EQ(((uint8_t *)PMAP_DIRECT_MAP(objpa))[9], obj_byte(ptoa(1), 9));

	/* The entry has its own amap now (no longer needs-copy); reading an
	 * untouched page must still map the object's page read-only. */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, priv + ptoa(2), VM_PROT_READ), 0);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, priv + ptoa(2)), VM_PROT_READ);
	KT_ASSERT_EQ(bytes_at(vm, priv + ptoa(2))[0], obj_byte(ptoa(2), 0));

	/* 2A on the shared mapping: the object's own page, writable. */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, shared + ptoa(1), VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvmexp.flt_obj, obj + 3);
	KT_ASSERT_EQ(pa_of(vm, shared + ptoa(1)), objpa);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, shared + ptoa(1)), RW);

	/* Past the object's end: EFAULT (SIGBUS, for a process). */
	vaddr_t past = T_VA + ptoa(32);
	uvm_obj_reference(uobj);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &past, ptoa(8), uobj, 0, VM_PROT_READ, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, past + ptoa(5), VM_PROT_READ), EFAULT);
	KT_ASSERT_EQ(uobj->uo_refs, 3);
	uvmspace_free(vm);                      /* the last detach frees it */
}

KTEST(fork_copy_on_write_isolation)
{
	enum { N = 16 };
	struct vmspace *p = uvmspace_alloc(), *c;
	vaddr_t va = T_VA;
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &va, ptoa(N), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(uvm_fault(&p->vm_map, va + ptoa(i), VM_PROT_WRITE), 0);
		memset(bytes_at(p, va + ptoa(i)), 0x40 + i, PAGE_SIZE);
	}
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT(c != NULL);
	int64_t acow = uvmexp.flt_acow;

	for (int i = 0; i < N; i++) {
		vaddr_t a = va + ptoa(i);
		/* The parent's pages lost write permission at fork. */
		KT_ASSERT_EQ(pmap_prot(p->vm_map.pmap, a), VM_PROT_READ);
		/* The child reads the same page, read-only. */
		KT_ASSERT_EQ(uvm_fault(&c->vm_map, a, VM_PROT_READ), 0);
		KT_ASSERT_EQ(pa_of(c, a), pa_of(p, a));
		KT_ASSERT_EQ(pmap_prot(c->vm_map.pmap, a), VM_PROT_READ);
		/* Even pages: the child writes first and gets a copy (1B). */
		if (i % 2 == 0) {
			KT_ASSERT_EQ(uvm_fault(&c->vm_map, a, VM_PROT_WRITE), 0);
			KT_ASSERT(pa_of(c, a) != pa_of(p, a));
			KT_ASSERT(page_all(bytes_at(c, a), 0x40 + i));
			memset(bytes_at(c, a), 0xc0 + i, PAGE_SIZE);
			KT_ASSERT(page_all(bytes_at(p, a), 0x40 + i));
		}
	}
	KT_ASSERT_EQ(uvmexp.flt_acow, acow + N / 2);
	/*
	 * The parent writes every page. Even pages: the child took its copy,
	 * so the anon is the parent's alone again: no copy (1A). Odd pages:
	 * still shared: the parent copies (1B) and the child keeps the old.
	 */
	for (int i = 0; i < N; i++) {
		vaddr_t a = va + ptoa(i);
		paddr_t before = pa_of(p, a);
		KT_ASSERT_EQ(uvm_fault(&p->vm_map, a, VM_PROT_WRITE), 0);
		KT_ASSERT(i % 2 == 0 ? pa_of(p, a) == before : pa_of(p, a) != before);
		memset(bytes_at(p, a), 0x80 + i, PAGE_SIZE);
		KT_ASSERT(page_all(bytes_at(c, a), i % 2 == 0 ? 0xc0 + i : 0x40 + i));
	}
	KT_ASSERT_EQ(uvmexp.flt_acow, acow + N);
	uvmspace_free(c);
	for (int i = 0; i < N; i++)
		KT_ASSERT(page_all(bytes_at(p, va + ptoa(i)), 0x80 + i));
	uvmspace_free(p);
}

KTEST(fork_inherit_share_and_none)
{
	struct vmspace *p = uvmspace_alloc(), *c;
	vaddr_t sh = T_VA, none = T_VA + ptoa(8);
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &sh, ptoa(2), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &none, ptoa(2), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_NONE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, sh, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, none, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT(c != NULL);

	/* Shared: the same page, writable on both sides, also for a new page. */
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, sh, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(pa_of(c, sh), pa_of(p, sh));
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, sh + PAGE_SIZE, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, sh + PAGE_SIZE, VM_PROT_READ), 0);
	KT_ASSERT_EQ(pa_of(c, sh + PAGE_SIZE), pa_of(p, sh + PAGE_SIZE));
	bytes_at(c, sh + PAGE_SIZE)[0] = 0x5a;
	KT_ASSERT_EQ(bytes_at(p, sh + PAGE_SIZE)[0], 0x5a);
	/* None: nothing there in the child. */
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, none, VM_PROT_READ), EFAULT);
	uvmspace_free(p);                       /* the child's share lives on */
	KT_ASSERT_EQ(bytes_at(c, sh + PAGE_SIZE)[0], 0x5a);
	uvmspace_free(c);
}

KTEST(unmap_middle_frees_its_pages)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(8), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	for (int i = 0; i < 8; i++) {
		KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + ptoa(i), VM_PROT_WRITE), 0);
		bytes_at(vm, va + ptoa(i))[0] = (uint8_t)i;
	}
	int64_t anon0 = uvmexp.anonpages, free0 = uvmexp.free;
	KT_ASSERT_EQ(uvm_unmap(&vm->vm_map, va + ptoa(3), va + ptoa(5)), 0);
	/*
	 * Two pages back at once. (The free count alone may show one: the
	 * entry the clip made may have needed a new kmem slab page.)
	 */
	KT_ASSERT_EQ(uvmexp.anonpages, anon0 - 2);
	KT_ASSERT(uvmexp.free >= free0 + 1);
	KT_ASSERT(pa_of(vm, va + ptoa(3)) == (paddr_t)-1);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + ptoa(4), VM_PROT_READ), EFAULT);
	for (int i = 0; i < 8; i++)
		if (i < 3 || i >= 5)
			KT_ASSERT_EQ(bytes_at(vm, va + ptoa(i))[0], i);
	KT_ASSERT_EQ(vm->vm_map.nentries, 2);
	uvmspace_free(vm);
}

/*
 * The real objects through the fault handler: an initrd file mapped
 * private (read maps the file object's page; a write copies it and the
 * file stays as it was), and an anonymous object mapped shared across
 * fork (both sides see each other's writes).
 */
KTEST(fault_real_objects)
{
	const struct initrd_file *f;
	char want[64], got[64];
	size_t done;

	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/size12388", &f), 0);
	KT_ASSERT_EQ(initrd_read(f, PAGE_SIZE + 100, want, sizeof(want), &done), 0);
	KT_ASSERT_EQ(done, sizeof(want));

	struct vmspace *p = uvmspace_alloc(), *c;
	struct uvm_object *file = uvn_attach(f), *shm = uao_create(ptoa(2), 0);
	vaddr_t fva = T_VA, sva = T_VA + ptoa(16);
	KT_ASSERT(p && file && shm);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &fva, ptoa(4), file, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &sva, ptoa(2), shm, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);

	KT_ASSERT_EQ(uvm_fault(&p->vm_map, fva + PAGE_SIZE, VM_PROT_READ), 0);
	memcpy(got, bytes_at(p, fva + PAGE_SIZE) + 100, sizeof(got));
	KT_ASSERT(memcmp(got, want, sizeof(got)) == 0);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, fva + PAGE_SIZE, VM_PROT_WRITE), 0);
	memset(bytes_at(p, fva + PAGE_SIZE), 'x', PAGE_SIZE);
	KT_ASSERT_EQ(initrd_read(f, PAGE_SIZE + 100, got, sizeof(got), &done), 0);
	KT_ASSERT(memcmp(got, want, sizeof(got)) == 0);
	/* The file's last page: its tail past the end of the file is zero. */
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, fva + ptoa(3), VM_PROT_READ), 0);
	KT_ASSERT_EQ(bytes_at(p, fva + ptoa(3))[12388 - ptoa(3)], 0);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, fva + ptoa(3) + PAGE_SIZE - 1, VM_PROT_READ), 0);

	KT_ASSERT_EQ(uvm_fault(&p->vm_map, sva, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT(c != NULL);
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, sva, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(pa_of(c, sva), pa_of(p, sva));
	bytes_at(c, sva)[7] = 0x77;
	KT_ASSERT_EQ(bytes_at(p, sva)[7], 0x77);
	/* The child's copy of the private file mapping still sees the parent's copy. */
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, fva + PAGE_SIZE, VM_PROT_READ), 0);
	KT_ASSERT_EQ(bytes_at(c, fva + PAGE_SIZE)[0], 'x');
	uvmspace_free(c);
	uvmspace_free(p);
}

/*
 * Wiring (uvm_map_pageable, as mlock) resolves copy-on-write at once in
 * a writable private entry, even for a page never written, enters a
 * wired mapping and wires the page; unwiring gives both back.
 */
KTEST(fault_wire_copies_now)
{
	struct vmspace *vm = uvmspace_alloc();
	struct uvm_object *uobj = tobj_create(2);
	vaddr_t va = T_VA;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(2), uobj, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	int64_t prcopy = uvmexp.flt_prcopy;
	long wired = pmap_wired_count(vm->vm_map.pmap);

	KT_ASSERT_EQ(uvm_map_pageable(&vm->vm_map, va, va + PAGE_SIZE, false, UVM_WIRE_USER,
	    (vsize_t)-1), 0);
	KT_ASSERT_EQ(uvmexp.flt_prcopy, prcopy + 1);            /* copied, not shared */
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, va), RW);
	KT_ASSERT_EQ(pmap_wired_count(vm->vm_map.pmap), wired + 1);
	KT_ASSERT_EQ(bytes_at(vm, va)[3], obj_byte(0, 3));
	struct vm_page *pg = uvm_phys_to_page(pa_of(vm, va));
	KT_ASSERT_EQ(pg->wire_count, 1);
	KT_ASSERT(pg->uanon != NULL);
	/* An ordinary read of the other page shares the object's page. */
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + PAGE_SIZE, VM_PROT_READ), 0);
	KT_ASSERT_EQ(pmap_wired_count(vm->vm_map.pmap), wired + 1);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, va + PAGE_SIZE), VM_PROT_READ);
	KT_ASSERT_EQ(uvm_map_pageable(&vm->vm_map, va, va + PAGE_SIZE, true, UVM_WIRE_USER, 0), 0);
	KT_ASSERT_EQ(pg->wire_count, 0);
	KT_ASSERT_EQ(pmap_wired_count(vm->vm_map.pmap), wired);
	uvmspace_free(vm);
}

/* ---- fork of shared and copied ranges ---- */

/*
 * What a user's one-byte load at va reads: the page the MMU has mapped
 * there, faulted in first (a read) if nothing is. -1 if the fault fails.
 */
static int user_load(struct vmspace *vm, vaddr_t va)
{
	if (pa_of(vm, trunc_page(va)) == (paddr_t)-1 &&
	    uvm_fault(&vm->vm_map, va, VM_PROT_READ) != 0)
		return -1;
	return bytes_at(vm, trunc_page(va))[va & PAGE_MASK];
}

/* A user's store of v at va: straight through a writable mapping, else a write fault first. */
static int user_store(struct vmspace *vm, vaddr_t va, uint8_t v)
{
	if (!(pmap_prot(vm->vm_map.pmap, trunc_page(va)) & VM_PROT_WRITE)) {
		int error = uvm_fault(&vm->vm_map, va, VM_PROT_WRITE);
		if (error)
			return error;
	}
	bytes_at(vm, trunc_page(va))[va & PAGE_MASK] = v;
	return 0;
}

/* A space with n pages of private zero-fill memory at T_VA, inherited as inh. */
static struct vmspace *anon_space(int n, int inh)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;

	if (vm && uvm_map(&vm->vm_map, &va, ptoa(n), NULL, 0, RW, VM_PROT_ALL, inh,
	    UVM_ADV_NORMAL, UVM_FLAG_FIXED) != 0) {
		uvmspace_free(vm);
		return NULL;
	}
	return vm;
}

/*
 * A copy-on-write copy into a shared amap (1B) unmaps the old page from
 * the other sharers. Touch, fork (copy) C1, minherit(SHARE), fork C2: the
 * parent and C2 share an amap whose anon C1 also holds. C2 reads the
 * page; the parent writes it (1B: a new anon in the shared amap); C2 must
 * read the parent's byte, not the old page, and C1 keeps the old byte.
 */
KTEST(fork_shared_amap_copy_unmaps_sharers)
{
	struct vmspace *p = anon_space(2, MAP_INHERIT_COPY), *c1, *c2;
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(user_store(p, T_VA + 5, 0x11), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c1), 0);
	KT_ASSERT_EQ(uvm_map_inherit(&p->vm_map, T_VA, T_VA + ptoa(2), MAP_INHERIT_SHARE), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c2), 0);
	KT_ASSERT_EQ(user_load(c2, T_VA + 5), 0x11);

	int64_t acow = uvmexp.flt_acow;
	KT_ASSERT_EQ(user_store(p, T_VA + 5, 0x22), 0);
	KT_ASSERT_EQ(uvmexp.flt_acow, acow + 1);                /* C1 holds the anon too */
	KT_ASSERT_EQ(user_load(c2, T_VA + 5), 0x22);
	KT_ASSERT_EQ(pa_of(c2, T_VA), pa_of(p, T_VA));
	KT_ASSERT_EQ(user_load(c1, T_VA + 5), 0x11);
	/* And the other way: C2's writes reach the parent. */
	KT_ASSERT_EQ(user_store(c2, T_VA + 6, 0x33), 0);
	KT_ASSERT_EQ(user_load(p, T_VA + 6), 0x33);
	KT_ASSERT_EQ(user_load(c1, T_VA + 6), 0);
	uvmspace_free(c1);
	uvmspace_free(c2);
	uvmspace_free(p);
}

/*
 * A promotion into a shared amap (2B) unmaps the object's page from the
 * other sharers: a private file mapping, minherit(SHARE), fork; the child
 * reads page 1 (the object's page); the parent writes it: the child must
 * read the parent's byte.
 */
KTEST(fork_shared_amap_promote_unmaps_object_page)
{
	struct vmspace *p = uvmspace_alloc(), *c;
	struct uvm_object *uobj = tobj_create(2);
	vaddr_t va = T_VA, y = T_VA + PAGE_SIZE;
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &va, ptoa(2), uobj, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT_EQ(user_load(c, y + 9), obj_byte(PAGE_SIZE, 9));

	int64_t prcopy = uvmexp.flt_prcopy;
	KT_ASSERT_EQ(user_store(p, y + 9, 0x5c), 0);
	KT_ASSERT_EQ(uvmexp.flt_prcopy, prcopy + 1);
	KT_ASSERT_EQ(user_load(c, y + 9), 0x5c);
	KT_ASSERT_EQ(pa_of(c, y), pa_of(p, y));
	uvmspace_free(c);
	uvmspace_free(p);
}

/*
 * Fork (copy) of an entry whose amap is shared gives the child a
 * snapshot: minherit(SHARE), fork C1, minherit(COPY), fork C2. Writes of
 * C1 or of the parent after that, even through mappings they had made
 * writable before, must not reach C2, and still reach each other.
 */
KTEST(fork_copy_of_shared_amap_is_a_snapshot)
{
	struct vmspace *p = anon_space(3, MAP_INHERIT_SHARE), *c1, *c2;
	KT_ASSERT(p != NULL);
	for (int i = 0; i < 2; i++)
		KT_ASSERT_EQ(user_store(p, T_VA + ptoa(i), 0x10 + i), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c1), 0);
	KT_ASSERT_EQ(user_store(c1, T_VA, 0x20), 0);            /* writable in C1 now */
	KT_ASSERT_EQ(user_load(p, T_VA), 0x20);
	KT_ASSERT_EQ(uvm_map_inherit(&p->vm_map, T_VA, T_VA + ptoa(3), MAP_INHERIT_COPY), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c2), 0);

	KT_ASSERT_EQ(user_store(c1, T_VA, 0x21), 0);
	KT_ASSERT_EQ(user_store(p, T_VA + PAGE_SIZE, 0x31), 0);
	KT_ASSERT_EQ(user_store(p, T_VA + ptoa(2), 0x41), 0);   /* untouched before the fork */
	KT_ASSERT_EQ(user_load(c2, T_VA), 0x20);
	KT_ASSERT_EQ(user_load(c2, T_VA + PAGE_SIZE), 0x11);
	KT_ASSERT_EQ(user_load(c2, T_VA + ptoa(2)), 0);
	KT_ASSERT_EQ(user_load(p, T_VA), 0x21);
	KT_ASSERT_EQ(user_load(c1, T_VA + PAGE_SIZE), 0x31);
	KT_ASSERT_EQ(user_load(c1, T_VA + ptoa(2)), 0x41);
	/* C2's own writes are its own. */
	KT_ASSERT_EQ(user_store(c2, T_VA, 0x50), 0);
	KT_ASSERT_EQ(user_load(p, T_VA), 0x21);
	KT_ASSERT_EQ(user_load(c1, T_VA), 0x21);
	uvmspace_free(p);
	uvmspace_free(c1);
	KT_ASSERT_EQ(user_load(c2, T_VA + PAGE_SIZE), 0x11);
	uvmspace_free(c2);
}

/*
 * Copy inheritance of a shared mapping (MAP_SHARED|MAP_ANON, minherit
 * COPY) gives the child a private copy-on-write view: its writes stay
 * its own, and a page it wrote no longer follows the parent's.
 */
KTEST(fork_copy_of_shared_object_is_private)
{
	struct vmspace *p = uvmspace_alloc(), *c;
	struct uvm_object *shm = uao_create(ptoa(2), 0);
	vaddr_t va = T_VA;
	KT_ASSERT(p != NULL && shm != NULL);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &va, ptoa(2), shm, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	KT_ASSERT_EQ(user_store(p, T_VA, 0x11), 0);
	KT_ASSERT_EQ(uvm_map_inherit(&p->vm_map, T_VA, T_VA + ptoa(2), MAP_INHERIT_COPY), 0);
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);

	KT_ASSERT_EQ(user_load(c, T_VA), 0x11);
	KT_ASSERT_EQ(user_store(c, T_VA, 0x44), 0);
	KT_ASSERT_EQ(user_store(c, T_VA + PAGE_SIZE, 0x45), 0);
	KT_ASSERT_EQ(user_load(p, T_VA), 0x11);
	KT_ASSERT_EQ(user_load(p, T_VA + PAGE_SIZE), 0);
	KT_ASSERT_EQ(user_store(p, T_VA, 0x12), 0);
	KT_ASSERT_EQ(user_load(c, T_VA), 0x44);
	uvmspace_free(c);
	uvmspace_free(p);
}

/*
 * A fault in a huge zero-fill mapping gives an amap to one chunk of it
 * only (uvm_fault.c: amap chunks): half of user space is mapped, a page
 * in its middle is touched, and the entry around it is one chunk whose
 * amap has a slot per page of the chunk. Without chunks the amap would
 * need a slot for every page of the mapping (2^34 on amd64).
 */
KTEST(fault_huge_mapping_gets_an_amap_chunk)
{
	struct vmspace *vm = uvmspace_alloc();
	vsize_t size = trunc_page(VM_MAXUSER_ADDRESS / 2) & ~(ptoa(256) - 1);
	vaddr_t va = 0;
	struct vm_map_entry *e;
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, size, NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, 0), 0);
	vaddr_t mid = va + size / 2 + ptoa(7);
	KT_ASSERT_EQ(user_store(vm, mid, 0x6d), 0);
	KT_ASSERT_EQ(user_store(vm, mid + PAGE_SIZE, 0x6e), 0);        /* the same chunk */
	KT_ASSERT_EQ(vm->vm_map.nentries, 3);
	mutex_enter(&vm->vm_map.lock);
	KT_ASSERT(uvm_map_lookup_entry(&vm->vm_map, mid, &e));
	vsize_t len = e->end - e->start;
	int nslot = e->aref.ar_amap ? e->aref.ar_amap->am_nslot : -1;
	bool aligned = e->start % len == 0;
	mutex_exit(&vm->vm_map.lock);
	KT_ASSERT_EQ(len, ptoa(256));
	KT_ASSERT_EQ(nslot, 256);
	KT_ASSERT(aligned);
	KT_ASSERT_EQ(user_load(vm, mid), 0x6d);
	KT_ASSERT_EQ(user_load(vm, va + 3), 0);                 /* another chunk: zeros */
	KT_ASSERT_EQ(vm->vm_map.nentries, 4);
	KT_ASSERT_EQ(uvm_unmap(&vm->vm_map, va, va + size), 0);
	KT_ASSERT_EQ(vm->vm_map.nentries, 0);
	uvmspace_free(vm);
}
