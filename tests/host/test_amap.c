/*
 * Host tests of vm/uvm_amap.c and vm/uvm_anon.c against a model.
 *
 * The model is a set of map entries (real struct vm_map_entry, each with
 * an aref into some amap) and, for every entry, the anon it should see at
 * each of its pages (view[]). Random operations, as the map layer does
 * them: a new entry with a fresh amap, adding an anon (half of them with a
 * real page), removing one, splitting an entry (clip), a fork-style copy
 * (amap_ref + needs-copy + amap_copy), growing an entry (amap_extend),
 * and unmapping an entry. After each step:
 *  - amap_check() holds for every live amap (am_slots[am_bckptr[s]] == s,
 *    ppref bounds, counts);
 *  - amap_lookup() returns each entry's expected anon at each page;
 *  - each anon's an_ref equals the number of distinct (amap, slot) places
 *    that hold it; uvm_nanon and uvm_namap equal the live counts.
 * At the end everything is unmapped: no anon, no amap, no kmem byte and no
 * page may remain.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "tests/host/vmboot.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_page.h"
#include "vm/uvmexp.h"
#include "vm/kmem.h"
#include "kernel/errno.h"

#define MAX_ENTRIES     64
#define MAX_PAGES       24      /* per entry */
#define STEPS           3000

struct mentry {
	struct vm_map_entry e;
	struct vm_anon *view[MAX_PAGES * 2];    /* room to grow */
};

static struct mentry *ents[MAX_ENTRIES];
static int nents;

static int npages_of(struct mentry *m)
{
	return (int)atop(m->e.end - m->e.start);
}

static struct mentry *new_entry(int npages)
{
	struct mentry *m = calloc(1, sizeof(*m));
	CHECK(m != NULL);
	m->e.start = 0x100000;
	m->e.end = m->e.start + ptoa(npages);
	m->e.etype = UVM_ET_COPYONWRITE;
	ents[nents++] = m;
	return m;
}

static void drop_entry(int i)
{
	free(ents[i]);
	ents[i] = ents[--nents];
}

/* The distinct amaps in use, for the checks. */
static int live_amaps(struct vm_amap **out)
{
	int n = 0;
	for (int i = 0; i < nents; i++) {
		struct vm_amap *a = ents[i]->e.aref.ar_amap;
		bool seen = false;
		for (int k = 0; k < n; k++)
			seen |= out[k] == a;
		if (a && !seen)
			out[n++] = a;
	}
	return n;
}

static void check_all(void)
{
	struct vm_amap *amaps[MAX_ENTRIES];
	int namaps = live_amaps(amaps);
	struct { struct vm_anon *anon; int refs; } anons[MAX_ENTRIES * MAX_PAGES * 2];
	int nanons = 0;

	mutex_enter(&uvm_anonlock);
	for (int k = 0; k < namaps; k++)
		amap_check(amaps[k]);
	for (int i = 0; i < nents; i++) {
		struct mentry *m = ents[i];
		for (int p = 0; p < npages_of(m); p++) {
			struct vm_anon *got = m->e.aref.ar_amap ?
			    amap_lookup(&m->e.aref, ptoa(p)) : NULL;
			CHECKF(got == m->view[p], "entry %d page %d: amap has %p, model %p",
			    i, p, (void *)got, (void *)m->view[p]);
		}
	}
	/* an_ref = distinct (amap, slot) holding the anon. */
	for (int k = 0; k < namaps; k++) {
		for (int s = 0; s < amaps[k]->am_nslot; s++) {
			struct vm_anon *a = amaps[k]->am_anon[s];
			if (!a)
				continue;
			int j = 0;
			while (j < nanons && anons[j].anon != a)
				j++;
			if (j == nanons)
				anons[nanons++].anon = a, anons[j].refs = 0;
			anons[j].refs++;
		}
	}
	for (int j = 0; j < nanons; j++)
		CHECKF(anons[j].anon->an_ref == anons[j].refs, "anon %p: an_ref %d, held %d times",
		    (void *)anons[j].anon, anons[j].anon->an_ref, anons[j].refs);
	CHECK_EQ(uvm_nanon, nanons);
	CHECK_EQ(uvm_namap, namaps);
	mutex_exit(&uvm_anonlock);
}

static void op_new(void)
{
	if (nents == MAX_ENTRIES)
		return;
	int n = 1 + (int)host_rand_below(MAX_PAGES);
	struct mentry *m = new_entry(n);
	m->e.aref.ar_amap = amap_alloc(ptoa(n), ptoa(host_rand_below(4)));
	CHECK(m->e.aref.ar_amap != NULL);
}

static void op_add(void)
{
	if (nents == 0)
		return;
	struct mentry *m = ents[host_rand_below(nents)];
	int p = (int)host_rand_below(npages_of(m));
	if (!m->e.aref.ar_amap || m->view[p])
		return;
	struct vm_anon *anon = uvm_analloc();
	CHECK(anon != NULL);
	if (host_rand_below(2)) {
		anon->an_page = uvm_pagealloc(NULL, 0, anon, 0);
		CHECK(anon->an_page != NULL);
	}
	mutex_enter(&uvm_anonlock);
	amap_add(&m->e.aref, ptoa(p), anon, false);
	mutex_exit(&uvm_anonlock);
	/* Every entry covering the same slot of the same amap sees it. */
	int slot = m->e.aref.ar_pageoff + p;
	for (int i = 0; i < nents; i++) {
		struct mentry *o = ents[i];
		int q = slot - o->e.aref.ar_pageoff;
		if (o->e.aref.ar_amap == m->e.aref.ar_amap && q >= 0 && q < npages_of(o))
			o->view[q] = anon;
	}
}

static void op_remove(void)
{
	if (nents == 0)
		return;
	struct mentry *m = ents[host_rand_below(nents)];
	int p = (int)host_rand_below(npages_of(m));
	struct vm_anon *anon = m->view[p];
	if (!anon)
		return;
	int slot = m->e.aref.ar_pageoff + p;
	mutex_enter(&uvm_anonlock);
	amap_unadd(&m->e.aref, ptoa(p));
	uvm_anon_unref(anon);
	mutex_exit(&uvm_anonlock);
	for (int i = 0; i < nents; i++) {
		struct mentry *o = ents[i];
		int q = slot - o->e.aref.ar_pageoff;
		if (o->e.aref.ar_amap == m->e.aref.ar_amap && q >= 0 && q < npages_of(o))
			o->view[q] = NULL;
	}
}

static void op_split(void)
{
	if (nents == 0 || nents == MAX_ENTRIES)
		return;
	struct mentry *m = ents[host_rand_below(nents)];
	int n = npages_of(m);
	if (n < 2 || !m->e.aref.ar_amap)
		return;
	int at = 1 + (int)host_rand_below(n - 1);
	struct mentry *hi = new_entry(n - at);
	hi->e.etype = m->e.etype;
	mutex_enter(&uvm_anonlock);
	amap_splitref(&m->e.aref, &hi->e.aref, ptoa(at));
	mutex_exit(&uvm_anonlock);
	m->e.end = m->e.start + ptoa(at);
	memcpy(hi->view, m->view + at, (n - at) * sizeof(m->view[0]));
	memset(m->view + at, 0, (n - at) * sizeof(m->view[0]));
}

/* As fork does for an inherit-copy entry: the child refers to the same
 * amap, needs-copy; a write would amap_copy. Here the copy happens now. */
static void op_copy(void)
{
	if (nents == 0 || nents == MAX_ENTRIES)
		return;
	struct mentry *m = ents[host_rand_below(nents)];
	if (!m->e.aref.ar_amap)
		return;
	struct mentry *c = new_entry(npages_of(m));
	mutex_enter(&uvm_anonlock);
	amap_ref(m->e.aref.ar_amap, m->e.aref.ar_pageoff, npages_of(m), false);
	mutex_exit(&uvm_anonlock);
	c->e.aref = m->e.aref;
	c->e.etype |= UVM_ET_NEEDSCOPY;
	memcpy(c->view, m->view, npages_of(m) * sizeof(m->view[0]));
	/* The child or the parent copies (whichever writes first). */
	struct mentry *w = host_rand_below(2) ? c : m;
	w->e.etype |= UVM_ET_NEEDSCOPY;
	struct vm_amap *before = w->e.aref.ar_amap;
	CHECK_EQ(amap_copy(&w->e), 0);
	CHECK(!(w->e.etype & UVM_ET_NEEDSCOPY));
	CHECK(w->e.aref.ar_amap != before);     /* shared: so a real copy */
	CHECK_EQ(w->e.aref.ar_pageoff, 0);
	struct mentry *other = w == c ? m : c;
	other->e.etype &= ~UVM_ET_NEEDSCOPY;
}

static void op_extend(void)
{
	if (nents == 0)
		return;
	struct mentry *m = ents[host_rand_below(nents)];
	int add = 1 + (int)host_rand_below(4);
	if (!m->e.aref.ar_amap || npages_of(m) + add > MAX_PAGES * 2)
		return;
	mutex_enter(&uvm_anonlock);
	struct vm_amap *a = m->e.aref.ar_amap;
	bool can = a->am_ref == 1 && m->e.aref.ar_pageoff + npages_of(m) == a->am_nslot;
	int error = amap_extend(&m->e, ptoa(add));
	mutex_exit(&uvm_anonlock);
	CHECK_EQ(error, can ? 0 : EBUSY);
	if (!error)
		m->e.end += ptoa(add);          /* new pages: empty in the view */
}

static void op_unmap(int i)
{
	struct mentry *m = ents[i];
	if (m->e.aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		amap_unref(m->e.aref.ar_amap, m->e.aref.ar_pageoff, npages_of(m));
		mutex_exit(&uvm_anonlock);
	}
	drop_entry(i);
}

void test_amap_model(void)
{
	host_vm_boot();
	kmem_init();
	int64_t free0 = uvmexp.free;

	for (int step = 0; step < STEPS; step++) {
		switch (host_rand_below(8)) {
		case 0: op_new(); break;
		case 1: case 2: op_add(); break;
		case 3: op_remove(); break;
		case 4: op_split(); break;
		case 5: op_copy(); break;
		case 6: op_extend(); break;
		case 7: if (nents > 4) op_unmap((int)host_rand_below(nents)); break;
		}
		CHECK_UNLOCKED();
		check_all();
	}
	while (nents > 0)
		op_unmap((int)host_rand_below(nents));
	check_all();
	CHECK_EQ(uvm_nanon, 0);
	CHECK_EQ(uvm_namap, 0);
	CHECK_EQ(kmem_bytes_in_use(), 0);
	CHECK_EQ(host_km_pages, 0);
	CHECK_EQ(uvmexp.free, free0);
}

/* A clipped entry unmapped in part frees exactly the anons of that part. */
void test_amap_partial_unmap(void)
{
	host_vm_boot();
	kmem_init();
	struct vm_map_entry lo = { .start = 0, .end = ptoa(8) }, hi;
	struct vm_anon *a[8];

	lo.aref.ar_amap = amap_alloc(ptoa(8), 0);
	CHECK(lo.aref.ar_amap != NULL);
	mutex_enter(&uvm_anonlock);
	for (int p = 0; p < 8; p++) {
		a[p] = uvm_analloc();
		CHECK(a[p] != NULL);
		amap_add(&lo.aref, ptoa(p), a[p], false);
	}
	amap_splitref(&lo.aref, &hi.aref, ptoa(3));     /* lo: 0-2, hi: 3-7 */
	CHECK_EQ(lo.aref.ar_amap->am_ref, 2);
	amap_unref(hi.aref.ar_amap, hi.aref.ar_pageoff, 5);
	CHECK_EQ(uvm_nanon, 3);
	CHECK_EQ(lo.aref.ar_amap->am_nused, 3);
	amap_check(lo.aref.ar_amap);
	for (int p = 0; p < 3; p++)
		CHECK(amap_lookup(&lo.aref, ptoa(p)) == a[p]);
	amap_unref(lo.aref.ar_amap, 0, 3);
	CHECK_EQ(uvm_nanon, 0);
	CHECK_EQ(uvm_namap, 0);
	mutex_exit(&uvm_anonlock);
	CHECK_EQ(kmem_bytes_in_use(), 0);
}

/* amap_check catches a broken back pointer. */
static void break_bckptr(void *arg)
{
	struct vm_amap *amap = arg;
	amap->am_bckptr[amap->am_slots[0]] = 1;
	amap_check(amap);
}

void test_amap_check_catches(void)
{
	host_vm_boot();
	kmem_init();
	struct vm_aref ar = { 0, amap_alloc(ptoa(4), 0) };
	char msg[256];

	mutex_enter(&uvm_anonlock);
	amap_add(&ar, ptoa(2), uvm_analloc(), false);
	amap_add(&ar, ptoa(0), uvm_analloc(), false);
	amap_check(ar.ar_amap);
	CHECK(host_catch_panic(break_bckptr, ar.ar_amap, msg, sizeof(msg)));
	CHECKF(strstr(msg, "am_slots[am_bckptr[") != NULL, "panic: %s", msg);
}

/*
 * A heap grown page by page (brk) grows its amap's arrays geometrically:
 * 4096 one-page extends reallocate the arrays about log2(4096) times,
 * not 4096 times, and every anon stays where it was.
 */
void test_amap_extend_geometric(void)
{
	host_vm_boot();
	kmem_init();
	struct vm_map_entry e = { .start = 0, .end = ptoa(1) };
	int reallocs = 0;

	e.aref.ar_amap = amap_alloc(ptoa(1), 0);
	CHECK(e.aref.ar_amap != NULL);
	mutex_enter(&uvm_anonlock);
	struct vm_anon *first = uvm_analloc();
	CHECK(first != NULL);
	amap_add(&e.aref, 0, first, false);
	for (int i = 1; i < 4096; i++) {
		int max = e.aref.ar_amap->am_maxslot;
		CHECK_EQ(amap_extend(&e, PAGE_SIZE), 0);
		e.end += PAGE_SIZE;
		reallocs += e.aref.ar_amap->am_maxslot != max;
	}
	CHECK_EQ(e.aref.ar_amap->am_nslot, 4096);
	CHECKF(reallocs <= 13, "%d reallocations for 4096 one-page extends", reallocs);
	amap_check(e.aref.ar_amap);
	CHECK(amap_lookup(&e.aref, 0) == first);
	amap_unref(e.aref.ar_amap, 0, 4096);
	CHECK_EQ(uvm_nanon, 0);
	CHECK_EQ(uvm_namap, 0);
	mutex_exit(&uvm_anonlock);
	CHECK_EQ(kmem_bytes_in_use(), 0);
}
