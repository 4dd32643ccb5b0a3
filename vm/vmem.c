/*
 * vmem: a boundary-tag allocator of address ranges, after NetBSD's
 * vmem(9). uvm_km keeps the kernel's virtual address space in one arena.
 *
 * The arena [base, base + size) is cut into segments, each described by
 * a boundary tag: [start, start + size), free or busy. Invariants (all
 * under vm_lock, all checked by vmem_check):
 *
 *  1. The segments tile the arena: in the address-ordered ring vm_segs,
 *     each starts where the one before it ends, the first at base, the
 *     last ending at base + size. Sizes are non-zero multiples of the
 *     quantum.
 *  2. No two free segments are neighbours: vmem_free coalesces at once.
 *  3. A free segment is on vm_freelist[c], c = floor(log2(size/quantum))
 *     (segments of [2^c, 2^(c+1)) quanta); a busy one is on the hash
 *     chain of its start address, where vmem_free finds it.
 *  4. vm_inuse is the sum of the busy sizes; vm_nbusy their number.
 *  5. Tags in use occupy exactly pool slots 0 .. vm_ntags - 1, one per
 *     segment, and the arena holds exactly the tag pages those slots
 *     need (below, "The tag pool").
 *
 * Example, an arena of 16 pages at 0x100000 (quantum one page, addresses
 * in pages from base): allocate A (3 pages), B (2), C (4); free B.
 *
 *     start:    0      3      5          9                    16
 *               | A    | B    | C        | free                |
 *     after vmem_free(B):
 *               | A    | free | C        | free                |
 *
 * B's tag is now free, on vm_freelist[1] (2 pages: class 1); the tail is
 * on vm_freelist[2] (7 pages). Freeing C then merges C with both
 * neighbours into one free segment [3, 16): two tags go back to the pool.
 * Allocation takes the low end of a free segment; a free segment of the
 * request's own class is looked for first (the first on that list that
 * fits: near best fit), then the first of a larger class that fits
 * (without alignment, the head: any segment of a larger class is big
 * enough). An allocation splits at most twice (alignment padding in front,
 * the rest behind), so it needs at most two new tags; a free needs none.
 * That is why vmem_free can never fail, whatever the fragmentation: the
 * fixed table of holes this replaces panicked when it filled.
 *
 * The tag pool. Tags live in pool slots: VMEM_NSTATIC built into the
 * arena (so a small arena never takes memory), then tag pages, each a
 * page taken straight from uvm_pagealloc and reached through the direct
 * map. They do not come from kmem: kmem takes its pages from uvm_km,
 * which allocates from this arena, a loop that NetBSD's vmem also breaks
 * with a static boot supply and pages refilled outside the allocator.
 * Before an allocation, with vm_lock not yet held, vmem_xalloc makes
 * sure two free slots exist, taking a page if not: the lock is a
 * spinlock, and no spinlock is held across uvm_pagealloc.
 *
 * The pool is kept packed: the tags in use are slots 0 .. vm_ntags - 1.
 * A tag given back from the middle has the last tag moved into its slot;
 * this is safe because nothing but ring neighbours points at a tag (the
 * callers hold addresses, not tags), and a ring neighbour is fixed up in
 * two stores. At the end of every operation the pages past the last
 * slot in use are freed. So the memory the pool holds is a function of
 * how many segments there are, not of the history: free what a test
 * allocated and every tag page it caused goes back, which is what the
 * leak checks (the free-page counts of uvm_acct and utest) need.
 *
 * Alternatives not taken: a hash that grows (NetBSD rehashes; here the
 * 256 chains only get longer, which costs time, never correctness);
 * tags from kmem (the recursion above); keeping freed tag pages for
 * reuse (cheaper, but free pages would then depend on history).
 *
 * Lock legend: see struct vmem in vmem.h. vm_lock is a leaf: nothing is
 * called with it held except printf through a panic.
 */
#include "vm/vmem.h"
#include "vm/uvm_page.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

/* A page of tags: the link and its own page first, then the tags. */
struct vmem_tagpage {
	struct vmem_link tp_link;       /* [v] on vm_tagpages, in slot order */
	struct vm_page *tp_pg;          /* [I] the page this is */
	size_t tp_index;                /* [I] its place among the tag pages */
	struct vmem_btag tp_tags[];     /* [v] */
};

#define VMEM_TAGS_PER_PAGE \
	((PAGE_SIZE - sizeof(struct vmem_tagpage)) / sizeof(struct vmem_btag))
#define VMEM_MAXSPLIT   2       /* new tags one allocation may need */
#define VMEM_HASHSHIFT  8
CTASSERT(VMEM_HASHSIZE == 1 << VMEM_HASHSHIFT);

#define BT_SEG(l)       ((struct vmem_btag *)((char *)(l) - offsetof(struct vmem_btag, bt_seglink)))
#define BT_Q(l)         ((struct vmem_btag *)((char *)(l) - offsetof(struct vmem_btag, bt_qlink)))
#define TAGPAGE(l)      ((struct vmem_tagpage *)(l))    /* tp_link comes first */

#define VMEM_BT_DEAD    0       /* given back, waiting for its slot to go */

/* ---- rings ---- */

static void ring_init(struct vmem_link *h)
{
	h->next = h->prev = h;
}

static void ring_insert_after(struct vmem_link *pos, struct vmem_link *l)
{
	l->prev = pos;
	l->next = pos->next;
	pos->next->prev = l;
	pos->next = l;
}

static void ring_remove(struct vmem_link *l)
{
	l->prev->next = l->next;
	l->next->prev = l->prev;
}

/* l was copied to a new place: its neighbours learn where. */
static void ring_moved(struct vmem_link *l)
{
	l->prev->next = l;
	l->next->prev = l;
}

/* ---- size classes and the hash ---- */

static int size_class(const struct vmem *vm, vmem_size_t size)
{
	return 63 - __builtin_clzll((unsigned long long)(size >> vm->vm_qshift));
}

static struct vmem_link *hash_chain(struct vmem *vm, vmem_addr_t addr)
{
	uint64_t k = (uint64_t)(addr >> vm->vm_qshift) * 0x9e3779b97f4a7c15ull;
	return &vm->vm_hash[k >> (64 - VMEM_HASHSHIFT)];
}

static void freelist_insert(struct vmem *vm, struct vmem_btag *bt)
{
	bt->bt_type = VMEM_BT_FREE;
	ring_insert_after(&vm->vm_freelist[size_class(vm, bt->bt_size)], &bt->bt_qlink);
}

static struct vmem_btag *hash_lookup(struct vmem *vm, vmem_addr_t addr)
{
	struct vmem_link *h = hash_chain(vm, addr);

	for (struct vmem_link *l = h->next; l != h; l = l->next)
		if (BT_Q(l)->bt_start == addr)
			return BT_Q(l);
	return NULL;
}

/* ---- the tag pool ---- */

static size_t pool_capacity(const struct vmem *vm)
{
	return VMEM_NSTATIC + vm->vm_npages * VMEM_TAGS_PER_PAGE;
}

/* The tag in the last slot in use. */
static struct vmem_btag *bt_last(struct vmem *vm)
{
	size_t i = vm->vm_ntags - 1;

	if (i < VMEM_NSTATIC)
		return &vm->vm_static[i];
	return &TAGPAGE(vm->vm_toppage)->tp_tags[(i - VMEM_NSTATIC) % VMEM_TAGS_PER_PAGE];
}

/* Takes the first free slot (one was reserved). */
static struct vmem_btag *bt_get(struct vmem *vm)
{
	size_t i = vm->vm_ntags;
	struct vmem_btag *bt;

	KASSERTMSG(i < pool_capacity(vm), "%s: no tag reserved", vm->vm_name);
	if (i < VMEM_NSTATIC) {
		bt = &vm->vm_static[i];
	} else {
		size_t off = (i - VMEM_NSTATIC) % VMEM_TAGS_PER_PAGE;
		if (off == 0)
			vm->vm_toppage = vm->vm_toppage->next;
		bt = &TAGPAGE(vm->vm_toppage)->tp_tags[off];
	}
	vm->vm_ntags++;
	return bt;
}

/* Drops the last slot. */
static void bt_pop(struct vmem *vm)
{
	vm->vm_ntags--;
	if (vm->vm_ntags >= VMEM_NSTATIC &&
	    (vm->vm_ntags - VMEM_NSTATIC) % VMEM_TAGS_PER_PAGE == 0)
		vm->vm_toppage = vm->vm_toppage->prev;
}

/*
 * Gives back the n tags in dead[], already off every ring, keeping the
 * pool packed. Each round frees the last slot: if a dead tag is there it
 * just goes; otherwise the live tag there moves into a dead tag's slot.
 * A dead tag is never moved, so the pointers in dead[] stay good.
 */
static void bt_put(struct vmem *vm, struct vmem_btag **dead, int n)
{
	bool done[VMEM_MAXSPLIT] = { false };

	KASSERT(n <= VMEM_MAXSPLIT);
	for (int i = 0; i < n; i++)
		dead[i]->bt_type = VMEM_BT_DEAD;
	for (int round = 0; round < n; round++) {
		struct vmem_btag *last = bt_last(vm);
		int i;
		for (i = 0; i < n; i++)
			if (!done[i] && dead[i] == last)
				break;
		if (i == n) {
			for (i = 0; done[i]; i++)
				;
			*dead[i] = *last;
			ring_moved(&dead[i]->bt_seglink);
			ring_moved(&dead[i]->bt_qlink);
		}
		done[i] = true;
		bt_pop(vm);
	}
}

/*
 * Lets go of vm_lock, first freeing the tag pages past the last slot in
 * use (invariant 5). Every operation ends here.
 */
static void vmem_unlock(struct vmem *vm)
{
	struct vmem_link spare;

	ring_init(&spare);
	while (vm->vm_toppage->next != &vm->vm_tagpages) {
		struct vmem_link *l = vm->vm_toppage->next;
		ring_remove(l);
		ring_insert_after(&spare, l);
		vm->vm_npages--;
	}
	spinlock_exit(&vm->vm_lock);
	while (spare.next != &spare) {
		struct vmem_tagpage *tp = TAGPAGE(spare.next);
		ring_remove(&tp->tp_link);
		uvm_pageunwire(tp->tp_pg);
		uvm_pagefree(tp->tp_pg);
	}
}

/*
 * Takes vm_lock with at least `need` free slots, taking tag pages (with
 * the lock let go: no spinlock is held across uvm_pagealloc) as needed.
 * Returns 0 with the lock held, or ENOMEM without it.
 */
static int pool_reserve(struct vmem *vm, size_t need, int flags)
{
	spinlock_enter(&vm->vm_lock);
	while (pool_capacity(vm) - vm->vm_ntags < need) {
		spinlock_exit(&vm->vm_lock);
		struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL,
		    (flags & VMEM_USERESERVE) ? UVM_PGA_USERESERVE : 0);
		if (pg == NULL) {
			/* Pages taken in earlier rounds go back. */
			spinlock_enter(&vm->vm_lock);
			vmem_unlock(vm);
			return ENOMEM;
		}
		uvm_pagewire(pg);
		pg->flags &= ~(PG_BUSY | PG_FAKE);
		struct vmem_tagpage *tp = (struct vmem_tagpage *)PMAP_DIRECT_MAP(pg->phys_addr);
		tp->tp_pg = pg;
		spinlock_enter(&vm->vm_lock);
		tp->tp_index = vm->vm_npages++;
		ring_insert_after(vm->vm_tagpages.prev, &tp->tp_link);
	}
	return 0;
}

/* ---- the arena ---- */

void vmem_init(struct vmem *vm, const char *name, vmem_addr_t base, vmem_size_t size,
    vmem_size_t quantum)
{
	KASSERT(quantum > 0 && (quantum & (quantum - 1)) == 0);
	KASSERTMSG(size > 0 && ((base | size) & (quantum - 1)) == 0 && base + size - 1 >= base,
	    "%s: bad range %#llx + %#llx", name, (unsigned long long)base,
	    (unsigned long long)size);
	vm->vm_name = name;
	vm->vm_base = base;
	vm->vm_size = size;
	vm->vm_quantum = quantum;
	vm->vm_qshift = __builtin_ctzll((unsigned long long)quantum);
	vm->vm_lock = (struct spinlock)SPINLOCK_INITIALIZER(name);
	ring_init(&vm->vm_segs);
	for (size_t c = 0; c < VMEM_NFREELISTS; c++)
		ring_init(&vm->vm_freelist[c]);
	for (size_t h = 0; h < VMEM_HASHSIZE; h++)
		ring_init(&vm->vm_hash[h]);
	vm->vm_inuse = 0;
	vm->vm_nbusy = 0;
	vm->vm_ntags = 0;
	vm->vm_npages = 0;
	ring_init(&vm->vm_tagpages);
	vm->vm_toppage = &vm->vm_tagpages;

	struct vmem_btag *bt = bt_get(vm);
	bt->bt_start = base;
	bt->bt_size = size;
	ring_insert_after(&vm->vm_segs, &bt->bt_seglink);
	freelist_insert(vm, bt);
}

void vmem_destroy(struct vmem *vm)
{
	spinlock_enter(&vm->vm_lock);
	KASSERTMSG(vm->vm_nbusy == 0, "%s: %zu ranges (%#llx bytes) still allocated",
	    vm->vm_name, vm->vm_nbusy, (unsigned long long)vm->vm_inuse);
	KASSERT(vm->vm_ntags == 1 && vm->vm_npages == 0);
	vm->vm_ntags = 0;
	spinlock_exit(&vm->vm_lock);
}

/* The first free segment that holds size bytes at a multiple of align. */
static struct vmem_btag *find_fit(struct vmem *vm, vmem_size_t size, vmem_size_t align)
{
	for (size_t c = size_class(vm, size); c < VMEM_NFREELISTS; c++) {
		struct vmem_link *h = &vm->vm_freelist[c];
		for (struct vmem_link *l = h->next; l != h; l = l->next) {
			struct vmem_btag *bt = BT_Q(l);
			vmem_size_t pad = -bt->bt_start & (align - 1);
			if (pad <= bt->bt_size && size <= bt->bt_size - pad)
				return bt;
		}
	}
	return NULL;
}

/* Makes [start, start + size) of the free segment bt busy; returns start. */
static vmem_addr_t split(struct vmem *vm, struct vmem_btag *bt, vmem_size_t size,
    vmem_size_t align)
{
	vmem_size_t pad = -bt->bt_start & (align - 1);

	ring_remove(&bt->bt_qlink);
	if (pad > 0) {
		struct vmem_btag *front = bt_get(vm);
		front->bt_start = bt->bt_start;
		front->bt_size = pad;
		ring_insert_after(bt->bt_seglink.prev, &front->bt_seglink);
		freelist_insert(vm, front);
		bt->bt_start += pad;
		bt->bt_size -= pad;
	}
	if (bt->bt_size > size) {
		struct vmem_btag *rest = bt_get(vm);
		rest->bt_start = bt->bt_start + size;
		rest->bt_size = bt->bt_size - size;
		ring_insert_after(&bt->bt_seglink, &rest->bt_seglink);
		freelist_insert(vm, rest);
		bt->bt_size = size;
	}
	bt->bt_type = VMEM_BT_BUSY;
	ring_insert_after(hash_chain(vm, bt->bt_start), &bt->bt_qlink);
	vm->vm_inuse += size;
	vm->vm_nbusy++;
	return bt->bt_start;
}

int vmem_xalloc(struct vmem *vm, vmem_size_t size, vmem_size_t align, int flags,
    vmem_addr_t *addrp)
{
	vmem_size_t q = vm->vm_quantum;

	if (align == 0)
		align = q;
	KASSERTMSG((align & (align - 1)) == 0 && align >= q,
	    "%s: bad alignment %#llx", vm->vm_name, (unsigned long long)align);
	/* vm_size is a multiple of q: a size not above it rounds without wrapping. */
	if (size == 0 || size > vm->vm_size)
		return EINVAL;
	size = (size + q - 1) & ~(q - 1);
	int error = pool_reserve(vm, align > q ? 2 : 1, flags);
	if (error)
		return error;
	struct vmem_btag *bt = find_fit(vm, size, align);
	if (bt == NULL) {
		vmem_unlock(vm);
		return ENOSPC;
	}
	*addrp = split(vm, bt, size, align);
	vmem_unlock(vm);
	return 0;
}

void vmem_free(struct vmem *vm, vmem_addr_t addr, vmem_size_t size)
{
	struct vmem_btag *dead[VMEM_MAXSPLIT];
	int ndead = 0;

	spinlock_enter(&vm->vm_lock);
	struct vmem_btag *bt = hash_lookup(vm, addr);
	KASSERTMSG(bt != NULL, "%s: %#llx is not the start of an allocated range "
	    "(freed twice?)", vm->vm_name, (unsigned long long)addr);
	KASSERTMSG(size > 0 && size <= bt->bt_size &&
	    ((size + vm->vm_quantum - 1) & ~(vm->vm_quantum - 1)) == bt->bt_size,
	    "%s: [%#llx, +%#llx) was allocated with size %#llx", vm->vm_name,
	    (unsigned long long)addr, (unsigned long long)size,
	    (unsigned long long)bt->bt_size);
	ring_remove(&bt->bt_qlink);
	vm->vm_inuse -= bt->bt_size;
	vm->vm_nbusy--;

	/* Coalesce: a free neighbour is swallowed and its tag given back. */
	struct vmem_link *l = bt->bt_seglink.prev;
	if (l != &vm->vm_segs && BT_SEG(l)->bt_type == VMEM_BT_FREE) {
		struct vmem_btag *prev = BT_SEG(l);
		ring_remove(&prev->bt_qlink);
		ring_remove(&prev->bt_seglink);
		bt->bt_start = prev->bt_start;
		bt->bt_size += prev->bt_size;
		dead[ndead++] = prev;
	}
	l = bt->bt_seglink.next;
	if (l != &vm->vm_segs && BT_SEG(l)->bt_type == VMEM_BT_FREE) {
		struct vmem_btag *next = BT_SEG(l);
		ring_remove(&next->bt_qlink);
		ring_remove(&next->bt_seglink);
		bt->bt_size += next->bt_size;
		dead[ndead++] = next;
	}
	freelist_insert(vm, bt);
	bt_put(vm, dead, ndead);
	vmem_unlock(vm);
}

vmem_size_t vmem_inuse(struct vmem *vm)
{
	spinlock_enter(&vm->vm_lock);
	vmem_size_t inuse = vm->vm_inuse;
	spinlock_exit(&vm->vm_lock);
	return inuse;
}

size_t vmem_ntags(struct vmem *vm)
{
	return vm->vm_ntags;
}

size_t vmem_npages(struct vmem *vm)
{
	return vm->vm_npages;
}

/* ---- the checker ---- */

#define VMEM_CHECK(e, fmt, ...) \
	KASSERTMSG(e, "%s: " fmt, vm->vm_name, ##__VA_ARGS__)

/* Is bt in a slot in use (invariant 5)? */
static bool bt_in_use_slot(struct vmem *vm, const struct vmem_btag *bt)
{
	if (bt >= vm->vm_static && bt < vm->vm_static + VMEM_NSTATIC)
		return (size_t)(bt - vm->vm_static) < vm->vm_ntags;
	const struct vmem_tagpage *tp =
	    (const struct vmem_tagpage *)((uintptr_t)bt & ~(uintptr_t)PAGE_MASK);
	size_t off = bt - tp->tp_tags;
	return off < VMEM_TAGS_PER_PAGE &&
	    VMEM_NSTATIC + tp->tp_index * VMEM_TAGS_PER_PAGE + off < vm->vm_ntags;
}

void vmem_check(struct vmem *vm)
{
	size_t nsegs = 0, nfree = 0, nbusy = 0, nlisted = 0, nhashed = 0, npages = 0;
	vmem_size_t inuse = 0, q = vm->vm_quantum;
	vmem_addr_t expect = vm->vm_base;
	int prevtype = 0;

	spinlock_enter(&vm->vm_lock);
	for (struct vmem_link *l = vm->vm_segs.next; l != &vm->vm_segs; l = l->next) {
		struct vmem_btag *bt = BT_SEG(l);
		VMEM_CHECK(bt->bt_start == expect, "segment at %#llx, expected %#llx (1: a gap "
		    "or overlap)", (unsigned long long)bt->bt_start, (unsigned long long)expect);
		VMEM_CHECK(bt->bt_size > 0 && (bt->bt_size & (q - 1)) == 0,
		    "segment at %#llx has size %#llx (1)", (unsigned long long)bt->bt_start,
		    (unsigned long long)bt->bt_size);
		VMEM_CHECK(bt->bt_type == VMEM_BT_FREE || bt->bt_type == VMEM_BT_BUSY,
		    "segment at %#llx has type %d", (unsigned long long)bt->bt_start, bt->bt_type);
		VMEM_CHECK(!(bt->bt_type == VMEM_BT_FREE && prevtype == VMEM_BT_FREE),
		    "free neighbours at %#llx (2: not coalesced)", (unsigned long long)bt->bt_start);
		VMEM_CHECK(bt_in_use_slot(vm, bt), "the tag of %#llx is not in a slot in use (5)",
		    (unsigned long long)bt->bt_start);
		if (bt->bt_type == VMEM_BT_BUSY) {
			nbusy++;
			inuse += bt->bt_size;
		} else {
			nfree++;
		}
		prevtype = bt->bt_type;
		expect = bt->bt_start + bt->bt_size;
		nsegs++;
	}
	VMEM_CHECK(expect == vm->vm_base + vm->vm_size, "the segments end at %#llx (1)",
	    (unsigned long long)expect);
	for (size_t c = 0; c < VMEM_NFREELISTS; c++) {
		struct vmem_link *h = &vm->vm_freelist[c];
		for (struct vmem_link *l = h->next; l != h; l = l->next, nlisted++)
			VMEM_CHECK(BT_Q(l)->bt_type == VMEM_BT_FREE &&
			    (size_t)size_class(vm, BT_Q(l)->bt_size) == c,
			    "%#llx is on free list %zu (3)", (unsigned long long)BT_Q(l)->bt_start, c);
	}
	for (size_t i = 0; i < VMEM_HASHSIZE; i++) {
		struct vmem_link *h = &vm->vm_hash[i];
		for (struct vmem_link *l = h->next; l != h; l = l->next, nhashed++)
			VMEM_CHECK(BT_Q(l)->bt_type == VMEM_BT_BUSY &&
			    hash_chain(vm, BT_Q(l)->bt_start) == h,
			    "%#llx is on hash chain %zu (3)", (unsigned long long)BT_Q(l)->bt_start, i);
	}
	VMEM_CHECK(nlisted == nfree && nhashed == nbusy, "%zu free and %zu busy segments, "
	    "but %zu listed and %zu hashed (3)", nfree, nbusy, nlisted, nhashed);
	VMEM_CHECK(inuse == vm->vm_inuse && nbusy == vm->vm_nbusy, "vm_inuse %#llx, "
	    "vm_nbusy %zu; the busy segments add up to %#llx in %zu (4)",
	    (unsigned long long)vm->vm_inuse, vm->vm_nbusy, (unsigned long long)inuse, nbusy);
	for (struct vmem_link *l = vm->vm_tagpages.next; l != &vm->vm_tagpages; l = l->next)
		VMEM_CHECK(TAGPAGE(l)->tp_index == npages++, "tag page %zu out of order (5)",
		    npages - 1);
	size_t over = nsegs > VMEM_NSTATIC ? nsegs - VMEM_NSTATIC : 0;
	VMEM_CHECK(nsegs == vm->vm_ntags && npages == vm->vm_npages &&
	    npages == (over + VMEM_TAGS_PER_PAGE - 1) / VMEM_TAGS_PER_PAGE,
	    "%zu segments in %zu tags, %zu tag pages (%zu counted) (5)", nsegs,
	    vm->vm_ntags, vm->vm_npages, npages);
	spinlock_exit(&vm->vm_lock);
}
