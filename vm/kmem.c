/*
 * kmem: the kernel's general allocator, with power-of-two size classes
 * from 16 to 1024 bytes carved out of one-page slabs; larger requests get
 * whole pages from uvm_km.
 *
 * A slab is one wired page with its header at the start:
 *
 *   +-------------+--------+--------+-----+--------+
 *   | kmem_slab   | obj 0  | obj 1  | ... | obj n-1|
 *   +-------------+--------+--------+-----+--------+
 *
 * Free objects in a slab are chained through their first word. Invariants:
 *  - a slab is on its class's list iff it has a free object;
 *  - a slab with every object free is returned to uvm_km at once, so
 *    freeing everything one allocated returns every page (the tests'
 *    leak checks rely on this);
 *  - kmem_bytes_in_use() is the sum of the sizes of live allocations.
 * A size of 0, or one beyond the kernel's VA (user space can ask for
 * 0xfffff000 bytes), gets NULL with KM_NOSLEEP: nothing rounds it first,
 * so nothing wraps. With KM_SLEEP it panics: see kmem.h.
 * kmem_free() finds the slab by rounding the pointer down to its page, and
 * checks that the page is allocated, that the size given falls in the
 * slab's class and that the object is not already free. It cannot tell
 * 100 from 120 (same class), nor check the size of a large allocation:
 * that would take a size tag per object.
 *
 * Lock legend: [k] kmem_lock (a spinlock: KM_NOSLEEP callers may be
 * interrupt handlers)
 */
#include "vm/kmem.h"
#include "vm/uvm_km.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

#define KMEM_MIN_SHIFT  4               /* 16 bytes */
#define KMEM_MAX_SHIFT  10              /* 1024 bytes */
#define KMEM_NCLASSES   (KMEM_MAX_SHIFT - KMEM_MIN_SHIFT + 1)
#define KMEM_SLAB_MAGIC 0x6b6d656d      /* "kmem" */

struct kmem_slab {
	uint32_t magic;                 /* [I] KMEM_SLAB_MAGIC */
	uint16_t class;                 /* [I] size class index */
	uint16_t nobjs;                 /* [I] objects in this slab */
	uint16_t nfree;                 /* [k] free objects */
	void *freelist;                 /* [k] first free object */
	struct kmem_slab *next, *prev;  /* [k] the class's list of slabs with room */
};

static struct kmem_slab *kmem_partial[KMEM_NCLASSES];   /* [k] */
static uint64_t kmem_inuse;                             /* [k] */

static struct spinlock kmem_lock = SPINLOCK_INITIALIZER("kmem");

void kmem_init(void)
{
	CTASSERT(sizeof(struct kmem_slab) <= (1 << KMEM_MIN_SHIFT) * 4);
}

uint64_t kmem_bytes_in_use(void)
{
	return kmem_inuse;
}

static int kmem_class(size_t size)
{
	int c = 0;

	while (((size_t)1 << (c + KMEM_MIN_SHIFT)) < size)
		c++;
	return c;
}

static size_t class_size(int c) { return (size_t)1 << (c + KMEM_MIN_SHIFT); }

/* Objects start after the header, aligned to min(object size, 64). */
static size_t slab_first_offset(int c)
{
	size_t align = class_size(c) < 64 ? class_size(c) : 64;
	return (sizeof(struct kmem_slab) + align - 1) & ~(align - 1);
}

static void slab_link(struct kmem_slab *sl)
{
	sl->prev = NULL;
	sl->next = kmem_partial[sl->class];
	if (sl->next)
		sl->next->prev = sl;
	kmem_partial[sl->class] = sl;
}

static void slab_unlink(struct kmem_slab *sl)
{
	if (sl->prev)
		sl->prev->next = sl->next;
	else
		kmem_partial[sl->class] = sl->next;
	if (sl->next)
		sl->next->prev = sl->prev;
}

static struct kmem_slab *slab_create(int c, int flags)
{
	vaddr_t va = uvm_km_alloc(PAGE_SIZE, UVM_KMF_WIRED |
	    ((flags & KM_NOSLEEP) ? UVM_KMF_NOWAIT : 0));
	if (va == 0)
		return NULL;
	struct kmem_slab *sl = (struct kmem_slab *)va;
	size_t off = slab_first_offset(c), sz = class_size(c);
	sl->magic = KMEM_SLAB_MAGIC;
	sl->class = c;
	sl->nobjs = (PAGE_SIZE - off) / sz;
	sl->nfree = sl->nobjs;
	sl->freelist = NULL;
	for (int i = sl->nobjs - 1; i >= 0; i--) {
		void **obj = (void **)(va + off + i * sz);
		*obj = sl->freelist;
		sl->freelist = obj;
	}
	return sl;
}

void *kmem_alloc(size_t size, int flags)
{
	if (size == 0) {
		KASSERTMSG(flags & KM_NOSLEEP, "zero-sized allocation with KM_SLEEP");
		return NULL;
	}
	if (size > class_size(KMEM_NCLASSES - 1)) {
		/* uvm_km refuses a size beyond the kernel's VA (it would wrap). */
		void *p = (void *)uvm_km_alloc(size, UVM_KMF_WIRED |
		    ((flags & KM_NOSLEEP) ? UVM_KMF_NOWAIT : 0));
		if (!p) {
			KASSERTMSG(flags & KM_NOSLEEP, "out of memory for %zu bytes "
			    "with KM_SLEEP (an impossible size, or no pagedaemon yet)", size);
			return NULL;
		}
		spinlock_enter(&kmem_lock);
		kmem_inuse += size;
		spinlock_exit(&kmem_lock);
		return p;
	}
	int c = kmem_class(size);
	spinlock_enter(&kmem_lock);
	struct kmem_slab *sl = kmem_partial[c];
	if (!sl) {
		/* Pages come from uvm_km, which has its own lock. */
		spinlock_exit(&kmem_lock);
		sl = slab_create(c, flags);
		if (!sl) {
			KASSERTMSG(flags & KM_NOSLEEP, "out of memory for %zu bytes "
			    "with KM_SLEEP (no pagedaemon yet)", size);
			return NULL;
		}
		spinlock_enter(&kmem_lock);
		slab_link(sl);
	}
	void **obj = sl->freelist;
	sl->freelist = *obj;
	if (--sl->nfree == 0)
		slab_unlink(sl);
	kmem_inuse += size;
	spinlock_exit(&kmem_lock);
	return obj;
}

void *kmem_zalloc(size_t size, int flags)
{
	void *p = kmem_alloc(size, flags);

	if (p)
		memset(p, 0, size);
	return p;
}

void kmem_free(void *p, size_t size)
{
	KASSERT(p != NULL && size > 0);
	if (size > class_size(KMEM_NCLASSES - 1)) {
		KASSERTMSG(((uintptr_t)p & PAGE_MASK) == 0,
		    "%p was not a large allocation", p);
		uvm_km_free((vaddr_t)p, size, UVM_KMF_WIRED);
		spinlock_enter(&kmem_lock);
		kmem_inuse -= size;
		spinlock_exit(&kmem_lock);
		return;
	}
	struct kmem_slab *sl = (struct kmem_slab *)((uintptr_t)p & ~(uintptr_t)PAGE_MASK);
	int c = kmem_class(size);
	/* The last object of a slab takes the slab with it: a second free
	 * of it would read a page that is gone. */
	KASSERTMSG(pmap_extract(pmap_kernel(), (vaddr_t)sl, NULL),
	    "%p is not in a kmem slab (its page is not allocated: freed twice?)", p);
	KASSERTMSG(sl->magic == KMEM_SLAB_MAGIC, "%p is not in a kmem slab", p);
	KASSERTMSG(sl->class == c, "size %zu does not match the allocation at %p "
	    "(a %zu-byte object)", size, p, class_size(sl->class));
	KASSERTMSG(((uintptr_t)p - (uintptr_t)sl - slab_first_offset(c)) % class_size(c) == 0,
	    "%p is not the start of an object", p);

	spinlock_enter(&kmem_lock);
	for (void **f = sl->freelist; f; f = *f)
		KASSERTMSG(f != p, "double free of %p (%zu bytes)", p, size);
	*(void **)p = sl->freelist;
	sl->freelist = p;
	if (sl->nfree++ == 0)
		slab_link(sl);
	kmem_inuse -= size;
	bool empty = sl->nfree == sl->nobjs;
	if (empty)
		slab_unlink(sl);
	spinlock_exit(&kmem_lock);
	if (empty) {
		sl->magic = 0;
		uvm_km_free((vaddr_t)sl, PAGE_SIZE, UVM_KMF_WIRED);
	}
}
