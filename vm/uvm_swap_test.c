/*
 * In-kernel tests of swap: the slot allocator on maps of its own (the
 * example of vm/uvm_swap.h, filling and fragmenting, and random
 * allocations against a model), then real page I/O on the swap disk the
 * harness attaches. The leak check proves every slot test frees its
 * slots (uvmexp.swpginuse is compared too).
 */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_swap.h"
#include "vm/uvmexp.h"

#define MAXSLOTS        200

static struct swapmap tmap;
static uint32_t tbits[swapmap_words(MAXSLOTS)];

static int take(int n, bool lessok, int *got)
{
	*got = n;
	return swapmap_alloc(&tmap, got, lessok);
}

KTEST(swapmap_header_example)
{
	int got;

	swapmap_init(&tmap, tbits, 8);
	/* Slots 3 and 6 in use, one at a time. */
	KT_ASSERT_EQ(take(2, false, &got), 1);
	KT_ASSERT_EQ(take(1, false, &got), 3);
	KT_ASSERT_EQ(take(2, false, &got), 4);
	KT_ASSERT_EQ(take(1, false, &got), 6);
	swapmap_free(&tmap, 1, 2);
	swapmap_free(&tmap, 4, 2);
	KT_ASSERT_EQ(tmap.sm_inuse, 2);
	/* 2 from the rotor (at 7): slot 7 is one long; 1-2 is the first fit. */
	KT_ASSERT_EQ(take(2, false, &got), 1);
	KT_ASSERT_EQ(got, 2);
	/* 3: runs of 2 (4-5) and 1 (7) only. */
	KT_ASSERT_EQ(take(3, false, &got), 0);
	KT_ASSERT_EQ(take(3, true, &got), 4);
	KT_ASSERT_EQ(got, 2);
	KT_ASSERT_EQ(take(1, false, &got), 7);
	KT_ASSERT_EQ(tmap.sm_inuse, 7);
	KT_ASSERT_EQ(take(1, true, &got), 0);  /* full; slot 0 is never given */
}

KTEST(swapmap_next_fit_and_full)
{
	int got, first;

	/* Next fit: after the last allocation, not into the hole behind it. */
	swapmap_init(&tmap, tbits, 21);
	KT_ASSERT_EQ(take(5, false, &got), 1);
	KT_ASSERT_EQ(take(5, false, &got), 6);
	swapmap_free(&tmap, 1, 5);
	KT_ASSERT_EQ(take(5, false, &got), 11);
	KT_ASSERT_EQ(take(5, false, &got), 16);
	KT_ASSERT_EQ(take(5, false, &got), 1);  /* round to the hole */

	swapmap_init(&tmap, tbits, 101);        /* slots 1..100 */
	for (int i = 0; i < 10; i++)            /* consecutive clusters */
		KT_ASSERT_EQ(take(10, false, &got), 1 + 10 * i);
	KT_ASSERT_EQ(take(1, true, &got), 0);
	KT_ASSERT_EQ(tmap.sm_inuse, 100);
	/* Free every other cluster: runs of 10 only. */
	for (int i = 0; i < 10; i += 2)
		swapmap_free(&tmap, 1 + 10 * i, 10);
	KT_ASSERT_EQ(take(11, false, &got), 0);
	KT_ASSERT_EQ((first = take(11, true, &got)) % 20, 1);
	KT_ASSERT_EQ(got, 10);
	/* The next search starts after it: the following hole. */
	KT_ASSERT_EQ(take(10, false, &got), first + 20 > 100 ? 1 : first + 20);
}

/* Random allocations and frees against a model: no slot given twice. */
KTEST(swapmap_random_model)
{
	static bool used[MAXSLOTS];
	static struct { int slot, n; } live[MAXSLOTS];
	int nlive = 0, inuse = 0;

	memset(used, 0, sizeof(used));
	swapmap_init(&tmap, tbits, MAXSLOTS);
	for (int step = 0; step < 3000; step++) {
		if (nlive > 0 && ktest_random(kt) % 2) {
			int k = (int)(ktest_random(kt) % (uint64_t)nlive);
			swapmap_free(&tmap, live[k].slot, live[k].n);
			for (int s = live[k].slot; s < live[k].slot + live[k].n; s++)
				used[s] = false;
			inuse -= live[k].n;
			live[k] = live[--nlive];
			continue;
		}
		int want = 1 + (int)(ktest_random(kt) % 16), got;
		bool lessok = ktest_random(kt) % 2;
		int slot = take(want, lessok, &got);
		if (slot == 0)
			continue;
		KT_ASSERT(slot > 0 && got >= 1 && got <= want && slot + got <= MAXSLOTS);
		KT_ASSERT(lessok || got == want);
		for (int s = slot; s < slot + got; s++) {
			KT_ASSERT(!used[s]);
			used[s] = true;
		}
		inuse += got;
		live[nlive].slot = slot;
		live[nlive++].n = got;
		KT_ASSERT_EQ(tmap.sm_inuse, inuse);
	}
}

/* Pages written to consecutive slots in one write come back the same. */
KTEST(swap_put_get_pages)
{
	struct vm_page *out[3], *in;
	int n = 3, slot;
	int64_t inuse0 = uvmexp.swpginuse, out0 = uvmexp.pgswapout, in0 = uvmexp.pgswapin;
	bool same = true;

	KT_ASSERT(uvmexp.swpages > 0);          /* the harness attaches a disk */
	KT_ASSERT((slot = uvm_swap_alloc(&n, false)) != 0);
	KT_ASSERT_EQ(uvmexp.swpginuse, inuse0 + 3);
	for (int i = 0; i < 3; i++) {
		KT_ASSERT((out[i] = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL);
		uint32_t *w = (uint32_t *)PMAP_DIRECT_MAP(out[i]->phys_addr);
		for (unsigned k = 0; k < PAGE_SIZE / 4; k++)
			w[k] = (uint32_t)(slot + i) * 2654435761u ^ k;
	}
	KT_ASSERT((in = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL);
	KT_ASSERT_EQ(uvm_swap_put(slot, out, 3), 0);
	for (int i = 2; i >= 0; i--) {
		memset((void *)PMAP_DIRECT_MAP(in->phys_addr), 0, PAGE_SIZE);
		KT_ASSERT_EQ(uvm_swap_get(in, slot + i), 0);
		same &= memcmp((void *)PMAP_DIRECT_MAP(in->phys_addr),
		    (void *)PMAP_DIRECT_MAP(out[i]->phys_addr), PAGE_SIZE) == 0;
	}
	for (int i = 0; i < 3; i++)
		uvm_pagefree(out[i]);
	uvm_pagefree(in);
	uvm_swap_free(slot, 3);
	KT_ASSERT(same);
	KT_ASSERT_EQ(uvmexp.pgswapout, out0 + 3);
	KT_ASSERT_EQ(uvmexp.pgswapin, in0 + 3);
	KT_ASSERT_EQ(uvmexp.swpginuse, inuse0);
}
