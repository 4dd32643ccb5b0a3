/*
 * Host tests of vm/uvm_map.c (with the real amap and anon code) against a
 * per-page model of a small map.
 *
 * The model records, for each page of the map's range, whether it is
 * mapped and with which protection, maximum protection and inheritance,
 * and whether an anon was put there. Random uvm_map (fixed or not, with
 * or without UVM_FLAG_UNMAP, some with an amap at once), uvm_unmap,
 * uvm_map_protect (also of the maximum) and uvm_map_inherit; the expected
 * error of each call comes from the model (EEXIST, ENOMEM, EACCES). After
 * each step: uvm_map_check holds, the entries cover exactly the mapped
 * pages with the model's attributes, each anon the model expects is in
 * its entry's amap, and uvm_nanon matches (an unmapped or clipped-off
 * page's anon is freed at once). At the end, teardown frees everything.
 */
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_map.h"
#include "vm/uvmexp.h"
#include "vm/kmem.h"
#include "kernel/errno.h"

#define NP      64                      /* pages in the map */
#define BASE    0x10000
#define VA(p)   ((vaddr_t)BASE + ptoa(p))

static struct { bool mapped, anon; vm_prot_t prot, max; int inh; } pg[NP];
static struct vm_map map;
static char fake_pmap;

static int model_anons(void)
{
	int n = 0;
	for (int p = 0; p < NP; p++)
		n += pg[p].anon;
	return n;
}

static void check_map(void)
{
	struct vm_map_entry *e;
	bool covered[NP] = { false };

	mutex_enter(&map.lock);
	uvm_map_check(&map, "test_map");
	TAILQ_FOREACH(e, &map.entries, link) {
		for (vaddr_t va = e->start; va < e->end; va += PAGE_SIZE) {
			int p = (int)atop(va - BASE);
			covered[p] = true;
			CHECKF(pg[p].mapped, "page %d mapped but not in the model", p);
			CHECKF(e->protection == pg[p].prot && e->max_protection == pg[p].max &&
			    e->inheritance == pg[p].inh, "page %d: prot %d/%d inh %d, model %d/%d %d",
			    p, e->protection, e->max_protection, e->inheritance,
			    pg[p].prot, pg[p].max, pg[p].inh);
			mutex_enter(&uvm_anonlock);
			struct vm_anon *a = e->aref.ar_amap ?
			    amap_lookup(&e->aref, va - e->start) : NULL;
			mutex_exit(&uvm_anonlock);
			CHECKF((a != NULL) == pg[p].anon, "page %d: anon %p, model %d", p,
			    (void *)a, pg[p].anon);
		}
	}
	for (int p = 0; p < NP; p++)
		CHECKF(covered[p] == pg[p].mapped, "page %d: model mapped %d, map %d", p,
		    pg[p].mapped, covered[p]);
	mutex_exit(&map.lock);
	CHECK_EQ(uvm_nanon, model_anons());
}

static vm_prot_t rand_prot(void) { return (vm_prot_t)host_rand_below(8); }

static void op_map(void)
{
	int n = 1 + (int)host_rand_below(8), at = (int)host_rand_below(NP);
	vm_prot_t max = rand_prot() | VM_PROT_READ, prot = rand_prot() & max;
	int inh = (int)host_rand_below(3);
	int flags = 0, want = 0, p;
	bool fixed = host_rand_below(2);
	if (fixed)
		flags |= UVM_FLAG_FIXED | (host_rand_below(2) ? UVM_FLAG_UNMAP : 0);
	if (host_rand_below(3) == 0)
		flags |= UVM_FLAG_OVERLAY;
	vaddr_t va = VA(at);

	if (fixed) {
		if (at + n > NP)
			want = EINVAL;
		else
			for (p = at; p < at + n; p++)
				if (pg[p].mapped && !(flags & UVM_FLAG_UNMAP))
					want = EEXIST;
	} else {
		/* First fit from the hint. */
		for (at = at; at + n <= NP; at++) {
			for (p = at; p < at + n && !pg[p].mapped; p++)
				;
			if (p == at + n)
				break;
		}
		if (at + n > NP)
			want = ENOMEM;
	}
	int error = uvm_map(&map, &va, ptoa(n), NULL, 0, prot, max, inh, UVM_ADV_NORMAL, flags);
	CHECKF(error == want, "uvm_map(%d pages at page %d, flags %#x): %d, expected %d",
	    n, at, flags, error, want);
	if (error)
		return;
	CHECK_EQ(va, VA(at));
	for (p = at; p < at + n; p++) {
		pg[p].anon = false;
		pg[p].mapped = true;
		pg[p].prot = prot;
		pg[p].max = max;
		pg[p].inh = inh;
	}
}

/* Puts an anon at a random page of an entry that has an amap. */
static void op_anon(void)
{
	int p = (int)host_rand_below(NP);
	struct vm_map_entry *e;

	if (!pg[p].mapped || pg[p].anon)
		return;
	mutex_enter(&map.lock);
	CHECK(uvm_map_lookup_entry(&map, VA(p), &e));
	if (e->aref.ar_amap) {
		struct vm_anon *a = uvm_analloc();
		CHECK(a != NULL);
		mutex_enter(&uvm_anonlock);
		amap_add(&e->aref, VA(p) - e->start, a, false);
		mutex_exit(&uvm_anonlock);
		pg[p].anon = true;
	}
	mutex_exit(&map.lock);
}

static void rand_range(int *s, int *e)
{
	*s = (int)host_rand_below(NP);
	*e = *s + 1 + (int)host_rand_below(NP - *s);
}

static void op_unmap(void)
{
	int s, e;
	rand_range(&s, &e);
	CHECK_EQ(uvm_unmap(&map, VA(s), VA(e)), 0);
	for (int p = s; p < e; p++)
		pg[p].mapped = pg[p].anon = false;
}

static void op_protect(void)
{
	int s, e, want = 0;
	bool set_max = host_rand_below(4) == 0;
	vm_prot_t prot = rand_prot();
	rand_range(&s, &e);
	for (int p = s; p < e; p++) {
		if (!pg[p].mapped)
			want = ENOMEM;
		else if (!set_max && (prot & ~pg[p].max) && want == 0)
			want = EACCES;
	}
	int error = uvm_map_protect(&map, VA(s), VA(e), prot, set_max);
	CHECKF(error == want, "protect [%d, %d) to %d (max %d): %d, expected %d",
	    s, e, prot, set_max, error, want);
	if (error)
		return;
	for (int p = s; p < e; p++) {
		if (set_max) {
			pg[p].max = prot;
			pg[p].prot &= prot;
		} else {
			pg[p].prot = prot;
		}
	}
}

static void op_inherit(void)
{
	int s, e, inh = (int)host_rand_below(3);
	rand_range(&s, &e);
	CHECK_EQ(uvm_map_inherit(&map, VA(s), VA(e), inh), 0);
	for (int p = s; p < e; p++)
		if (pg[p].mapped)
			pg[p].inh = inh;
}

void test_map_model(void)
{
	host_vm_boot();
	kmem_init();
	uvm_map_setup(&map, BASE, VA(NP), (struct pmap *)&fake_pmap);

	for (int step = 0; step < 4000; step++) {
		switch (host_rand_below(7)) {
		case 0: case 1: op_map(); break;
		case 2: op_anon(); break;
		case 3: op_unmap(); break;
		case 4: op_protect(); break;
		case 5: op_inherit(); break;
		case 6: op_anon(); break;
		}
		CHECK_UNLOCKED();
		check_map();
	}
	uvm_map_teardown(&map);
	CHECK_EQ(uvm_nanon, 0);
	CHECK_EQ(uvm_namap, 0);
	CHECK_EQ(kmem_bytes_in_use(), 0);
}

/* Neighbours merge only when nothing tells them apart; bad arguments fail. */
void test_map_merge_and_args(void)
{
	host_vm_boot();
	kmem_init();
	uvm_map_setup(&map, BASE, VA(NP), (struct pmap *)&fake_pmap);
	vaddr_t va = VA(0);
	vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;

	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	va = VA(2);
	CHECK_EQ(uvm_map(&map, &va, ptoa(3), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	CHECK_EQ(map.nentries, 1);                      /* merged */
	va = VA(5);
	CHECK_EQ(uvm_map(&map, &va, ptoa(1), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED), 0);
	CHECK_EQ(map.nentries, 2);                      /* other protection */
	va = VA(6);
	CHECK_EQ(uvm_map(&map, &va, ptoa(1), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED | UVM_FLAG_NOMERGE), 0);
	CHECK_EQ(map.nentries, 3);                      /* asked not to */
	CHECK_EQ(map.size, ptoa(7));
	/* Forward into the entry after, then both neighbours at once. */
	va = VA(22);
	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	va = VA(20);
	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	CHECK_EQ(map.nentries, 4);                      /* [20, 24) forward-merged */
	va = VA(26);
	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	CHECK_EQ(map.nentries, 5);
	va = VA(24);
	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, rw, VM_PROT_ALL, 1, 0, UVM_FLAG_FIXED), 0);
	CHECK_EQ(map.nentries, 4);                      /* [20, 28): three became one */
	CHECK_EQ(map.size, ptoa(15));
	mutex_enter(&map.lock);
	uvm_map_check(&map, "merge");
	mutex_exit(&map.lock);
	CHECK_EQ(uvm_unmap(&map, VA(20), VA(28)), 0);

	va = VA(10);
	CHECK_EQ(uvm_map(&map, &va, ptoa(1), NULL, 0, VM_PROT_ALL, VM_PROT_READ, 1, 0, 0), EINVAL);
	CHECK_EQ(uvm_map(&map, &va, 100, NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0, 0), EINVAL);
	CHECK_EQ(uvm_map(&map, &va, ptoa(1), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 7, 0, 0), EINVAL);
	va = VA(NP - 1);
	CHECK_EQ(uvm_map(&map, &va, ptoa(2), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED), EINVAL);
	va = VA(1);
	CHECK_EQ(uvm_map(&map, &va, ptoa(1), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED), EEXIST);
	CHECK_EQ(uvm_map_protect(&map, VA(0), VA(2), VM_PROT_READ | VM_PROT_EXECUTE, true), 0);
	CHECK_EQ(uvm_map_protect(&map, VA(0), VA(1), VM_PROT_ALL, false), EACCES);
	CHECK_EQ(uvm_map_protect(&map, VA(6), VA(9), VM_PROT_READ, false), ENOMEM);
	CHECK_EQ(uvm_unmap(&map, VA(1) + 1, VA(3)), EINVAL);
	uvm_map_teardown(&map);
	CHECK_EQ(kmem_bytes_in_use(), 0);
}

/*
 * mmap(MAP_FIXED) over an old mapping that runs out of memory leaves the
 * old mapping as it was: uvm_map allocates what it needs (entries, the
 * amap) before it unmaps anything. Here the new amap cannot be had.
 */
void test_map_fixed_replace_fails_whole(void)
{
	host_vm_boot();
	kmem_init();
	uvm_map_setup(&map, BASE, VA(NP), (struct pmap *)&fake_pmap);
	vaddr_t va = VA(0);
	vm_prot_t rw = VM_PROT_READ | VM_PROT_WRITE;
	struct vm_map_entry *e;

	CHECK_EQ(uvm_map(&map, &va, ptoa(NP), NULL, 0, rw, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED | UVM_FLAG_OVERLAY), 0);
	mutex_enter(&map.lock);
	CHECK(uvm_map_lookup_entry(&map, VA(10), &e));
	struct vm_anon *a = uvm_analloc();
	CHECK(a != NULL);
	mutex_enter(&uvm_anonlock);
	amap_add(&e->aref, VA(10) - e->start, a, false);
	mutex_exit(&uvm_anonlock);
	mutex_exit(&map.lock);

	/* An amap of 60 slots needs a page of its own: none is to be had. */
	host_km_fail = true;
	va = VA(2);
	int error = uvm_map(&map, &va, ptoa(60), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED | UVM_FLAG_UNMAP | UVM_FLAG_OVERLAY);
	host_km_fail = false;
	CHECK_EQ(error, ENOMEM);
	mutex_enter(&map.lock);
	uvm_map_check(&map, "fixed_replace_fails_whole");
	CHECK_EQ(map.nentries, 1);
	CHECK(uvm_map_lookup_entry(&map, VA(10), &e));
	CHECK(e->start == VA(0) && e->end == VA(NP) && e->protection == rw);
	mutex_enter(&uvm_anonlock);
	CHECK(amap_lookup(&e->aref, VA(10) - e->start) == a);
	mutex_exit(&uvm_anonlock);
	mutex_exit(&map.lock);
	CHECK_EQ(uvm_nanon, 1);

	/* With memory, the same call replaces it. */
	CHECK_EQ(uvm_map(&map, &va, ptoa(60), NULL, 0, VM_PROT_READ, VM_PROT_ALL, 1, 0,
	    UVM_FLAG_FIXED | UVM_FLAG_UNMAP | UVM_FLAG_OVERLAY), 0);
	CHECK_EQ(map.nentries, 3);
	CHECK_EQ(uvm_nanon, 0);
	uvm_map_teardown(&map);
	CHECK_EQ(uvm_namap, 0);
	CHECK_EQ(kmem_bytes_in_use(), 0);
}
