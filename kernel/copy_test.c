/*
 * In-kernel tests of the copies: md_copy (arch/<arch>/copy.S), which
 * copyin and copyout are, and the kernel's memcpy and memset
 * (kernel/string.c), at every alignment of source and destination
 * (0..15) and at lengths from 0 to 3 pages; and md_copy's and copyin's
 * faults in the middle of a copy, which must stop exactly at the first
 * byte that cannot be accessed (kernel/copy.h).
 *
 * Each copy goes into a buffer filled with a fill byte; the test checks
 * the copied range and COPY_T_GUARD bytes on each side of it (a copy
 * that runs long or starts early shows there).
 */
#include <machine/pmap_md.h>
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_km.h"
#include "vm/uvm_page.h"

#define COPY_T_ALIGNS   16                      /* source and destination offsets 0..15 */
#define COPY_T_GUARD    128                     /* bytes checked on each side */
#define COPY_T_MAXLEN   (3 * PAGE_SIZE)
#define COPY_T_BUFSIZE  (COPY_T_MAXLEN + 2 * COPY_T_GUARD + COPY_T_ALIGNS)
#define COPY_T_SHORT    200     /* every length below it: more than two blocks and a word */
#define COPY_T_STRIDE   97      /* the longer lengths: a stride prime to the word sizes */
#define COPY_T_FILL     0xa5

/* Byte i of the source pattern: no period a word or a block long. */
static unsigned char pat(size_t i)
{
	return (unsigned char)(i * 131 + (i >> 8) * 7 + 1);
}

typedef int (*copy_fn)(void *dst, const void *src, size_t len);

static int via_memcpy(void *dst, const void *src, size_t len)
{
	memcpy(dst, src, len);
	return 0;
}

/* memset(dst, src[0], len): the same checks apply with a one-byte "pattern". */
static int via_memset(void *dst, const void *src, size_t len)
{
	memset(dst, *(const unsigned char *)src, len);
	return 0;
}

struct copy_bufs {
	unsigned char *src, *dst;               /* COPY_T_BUFSIZE each */
};

/*
 * One copy of len bytes from src + COPY_T_GUARD + sa to dst + COPY_T_GUARD
 * + da; returns false (and says why) if the result or a guard byte is
 * wrong. Leaves dst filled with COPY_T_FILL again.
 */
static bool copy_one(struct ktest_ctx *kt, copy_fn fn, bool is_set, struct copy_bufs *b,
    size_t sa, size_t da, size_t len)
{
	unsigned char *s = b->src + COPY_T_GUARD + sa, *d = b->dst + COPY_T_GUARD + da;
	bool ok = true;

	if (fn(d, s, len) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "copy of %zu bytes (%zu, %zu) failed", len, sa, da);
		return false;
	}
	for (size_t i = 0; i < len && ok; i++)
		ok = d[i] == (is_set ? s[0] : s[i]);
	for (size_t i = 1; i <= COPY_T_GUARD && ok; i++)
		ok = d[-(long)i] == COPY_T_FILL && d[len - 1 + i] == COPY_T_FILL;
	if (!ok)
		ktest_fail(kt, __FILE__, __LINE__, "%s of %zu bytes, src +%zu, dst +%zu: wrong bytes",
		    is_set ? "memset" : "copy", len, sa, da);
	for (size_t i = 0; i < len; i++)
		d[i] = COPY_T_FILL;
	return ok;
}

/* Every alignment pair at each short length and each page boundary; a few at the others. */
static void copy_sweep(struct ktest_ctx *kt, copy_fn fn, bool is_set)
{
	static const size_t edges[] = { PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1,
	    2 * PAGE_SIZE + 3, COPY_T_MAXLEN - 1, COPY_T_MAXLEN };
	struct copy_bufs b = {
		.src = (unsigned char *)uvm_km_alloc(COPY_T_BUFSIZE, UVM_KMF_WIRED),
		.dst = (unsigned char *)uvm_km_alloc(COPY_T_BUFSIZE, UVM_KMF_WIRED),
	};

	KT_ASSERT(b.src != NULL && b.dst != NULL);
	for (size_t i = 0; i < COPY_T_BUFSIZE; i++)
		b.src[i] = pat(i), b.dst[i] = COPY_T_FILL;
	for (size_t len = 0; len < COPY_T_SHORT; len++)
		for (size_t sa = 0; sa < COPY_T_ALIGNS; sa++)
			for (size_t da = 0; da < COPY_T_ALIGNS; da++)
				if (!copy_one(kt, fn, is_set, &b, sa, da, len))
					goto out;
	for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]); e++)
		for (size_t sa = 0; sa < COPY_T_ALIGNS; sa++)
			for (size_t da = 0; da < COPY_T_ALIGNS; da++)
				if (!copy_one(kt, fn, is_set, &b, sa, da, edges[e]))
					goto out;
	for (size_t len = COPY_T_SHORT; len <= COPY_T_MAXLEN; len += COPY_T_STRIDE) {
		size_t sa = ktest_random(kt) % COPY_T_ALIGNS, da = ktest_random(kt) % COPY_T_ALIGNS;
		if (!copy_one(kt, fn, is_set, &b, sa, da, len) ||
		    !copy_one(kt, fn, is_set, &b, da, sa, len))
			goto out;
	}
out:
	uvm_km_free((vaddr_t)b.src, COPY_T_BUFSIZE, UVM_KMF_WIRED);
	uvm_km_free((vaddr_t)b.dst, COPY_T_BUFSIZE, UVM_KMF_WIRED);
}

KTEST(md_copy_every_alignment_and_length)
{
	copy_sweep(kt, md_copy, false);
}

KTEST(memcpy_every_alignment_and_length)
{
	copy_sweep(kt, via_memcpy, false);
}

KTEST(memset_every_alignment_and_length)
{
	copy_sweep(kt, via_memset, true);
}

/* --- faults in the middle of a copy ---------------------------------------- */

/* Bytes before the hole a faulting copy starts at; lengths past the hole. */
static const size_t fault_before[] = { 0, 1, 3, 7, 8, 9, 31, 33, 63, 64, 65, 100, PAGE_SIZE };
static const size_t fault_past[] = { 1, 5, 64, 2 * PAGE_SIZE };

/*
 * Two pages of kernel VA with only the first mapped: *hole is the second.
 * => returns the mapped page's vm_page, or NULL.
 */
static struct vm_page *hole_map(vaddr_t *va, vaddr_t *hole)
{
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);

	*va = uvm_km_alloc(2 * PAGE_SIZE, UVM_KMF_VAONLY);
	if (pg == NULL || *va == 0) {
		if (pg != NULL)
			uvm_pagefree(pg);
		if (*va != 0)
			uvm_km_free(*va, 2 * PAGE_SIZE, UVM_KMF_VAONLY);
		return NULL;
	}
	pmap_kenter_pa(*va, pg->phys_addr, VM_PROT_READ | VM_PROT_WRITE, 0);
	*hole = *va + PAGE_SIZE;
	return pg;
}

static void hole_unmap(vaddr_t va, struct vm_page *pg)
{
	pmap_kremove(va, PAGE_SIZE);
	uvm_pagefree(pg);
	uvm_km_free(va, 2 * PAGE_SIZE, UVM_KMF_VAONLY);
}

/*
 * A copy out of and into a range whose second page is unmapped: EFAULT,
 * with exactly the bytes before the hole copied and nothing after; a copy
 * that ends at the hole succeeds.
 */
KTEST(md_copy_fault_stops_at_the_hole)
{
	vaddr_t va, hole;
	struct vm_page *pg = hole_map(&va, &hole);
	unsigned char *buf = (unsigned char *)uvm_km_alloc(3 * PAGE_SIZE, UVM_KMF_WIRED);
	unsigned char *mapped = (unsigned char *)va;

	KT_ASSERT(pg != NULL && buf != NULL);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		mapped[i] = pat(i);
	for (size_t b = 0; b < sizeof(fault_before) / sizeof(fault_before[0]); b++) {
		size_t k = fault_before[b];
		unsigned char *from = (unsigned char *)hole - k;
		KT_ASSERT_EQ(md_copy(buf, from, k), 0);
		for (size_t p = 0; p < sizeof(fault_past) / sizeof(fault_past[0]); p++) {
			size_t len = k + fault_past[p];
			/* Out of the hole: buf holds the k bytes, then the fill. */
			memset(buf, COPY_T_FILL, len);
			KT_ASSERT_EQ(md_copy(buf, from, len), EFAULT);
			for (size_t i = 0; i < len; i++)
				KT_ASSERT_EQ(buf[i], i < k ? from[i] : COPY_T_FILL);
			/* Into the hole: the k bytes before it written, the byte below untouched. */
			unsigned char below = k < PAGE_SIZE ? from[-1] : 0;
			for (size_t i = 0; i < len; i++)
				buf[i] = (unsigned char)~pat(i);
			KT_ASSERT_EQ(md_copy(from, buf, len), EFAULT);
			for (size_t i = 0; i < k; i++)
				KT_ASSERT_EQ(from[i], buf[i]);
			if (k < PAGE_SIZE)
				KT_ASSERT_EQ(from[-1], below);
			for (size_t i = 0; i < k; i++)          /* the pattern back */
				from[i] = pat(PAGE_SIZE - k + i);
		}
	}
	uvm_km_free((vaddr_t)buf, 3 * PAGE_SIZE, UVM_KMF_WIRED);
	hole_unmap(va, pg);
}

/* TVA: a user address in an empty user pmap (curthread has no process). */
#define COPY_T_TVA      ((vaddr_t)0x400000)

/* copyin from a user range whose second page is unmapped: EFAULT, the bytes before the hole copied. */
KTEST(copyin_fault_copies_the_bytes_before_the_hole)
{
	struct pmap *pm = pmap_create();
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO);
	unsigned char *buf = (unsigned char *)uvm_km_alloc(2 * PAGE_SIZE, UVM_KMF_WIRED);
	unsigned char *page = (unsigned char *)PMAP_DIRECT_MAP(pg->phys_addr);
	int results[sizeof(fault_before) / sizeof(fault_before[0])];
	bool prefix_ok[sizeof(fault_before) / sizeof(fault_before[0])];

	KT_ASSERT(pm != NULL && pg != NULL && buf != NULL);
	pg->flags &= ~(PG_BUSY | PG_FAKE);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		page[i] = pat(i);
	KT_ASSERT_EQ(pmap_enter(pm, COPY_T_TVA, pg->phys_addr, VM_PROT_READ, 0), 0);
	/* Nothing may fail while pm is current: results first, checks after. */
	pmap_activate(pm);
	for (size_t b = 0; b < sizeof(fault_before) / sizeof(fault_before[0]); b++) {
		size_t k = fault_before[b];
		memset(buf, COPY_T_FILL, k + PAGE_SIZE);
		results[b] = copyin((const void *)(COPY_T_TVA + PAGE_SIZE - k), buf, k + PAGE_SIZE);
		prefix_ok[b] = true;
		for (size_t i = 0; i < k + PAGE_SIZE; i++)
			prefix_ok[b] &= buf[i] == (i < k ? pat(PAGE_SIZE - k + i) : COPY_T_FILL);
	}
	pmap_activate(pmap_kernel());
	pmap_remove(pm, COPY_T_TVA, COPY_T_TVA + PAGE_SIZE);
	pmap_update(pm);
	pmap_destroy(pm);
	uvm_pagefree(pg);
	uvm_km_free((vaddr_t)buf, 2 * PAGE_SIZE, UVM_KMF_WIRED);
	for (size_t b = 0; b < sizeof(fault_before) / sizeof(fault_before[0]); b++) {
		KT_ASSERT_EQ(results[b], EFAULT);
		KT_ASSERT(prefix_ok[b]);
	}
}
