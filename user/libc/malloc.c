/*
 * malloc, calloc, realloc, free: the first-fit allocator of Kernighan and
 * Ritchie (The C Programming Language, section 8.7), with large blocks
 * in mmaps of their own and checks that catch a bad or double free.
 *
 * Every block starts with a 16-byte header, so the memory after it is
 * 16-byte aligned:
 *
 *   size   the block's size in bytes, header included, a multiple of 16;
 *          bit 0 set: a large block, an mmap of its own
 *   next   a free block: the next free block, in address order
 *          an allocated block: MAGIC ^ its own address, checked by free
 *
 * Invariants of the free list: it is circular and sorted by address,
 * starting after the dummy block `base` (size 0); no two free blocks
 * touch (free merges a block with the neighbours it touches). For
 * example, with free blocks A < B and a block X freed between them:
 *
 *   base -> A -> B -> base          X touches B: B's space joins X
 *   base -> A -> X -> base          (and A's joins X too if A touches X)
 *
 * malloc takes the first free block that is large enough, starting after
 * the one it last used (freep), and splits off its tail when the rest is
 * at least MIN_BLOCK. When no block fits, the heap grows by sbrk, by at
 * least GROW bytes; it never shrinks. Requests of LARGE bytes or more
 * are mmapped and freed with munmap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct header {
	size_t size;
	struct header *next;
} __attribute__((aligned(16)));

#define HDR             sizeof(struct header)
#define MIN_BLOCK       (2 * HDR)               /* a header and 16 bytes */
#define GROW            (64 * 1024)
#define LARGE           (128 * 1024)
#define LARGE_BIT       ((size_t)1)
#define MAGIC           ((uintptr_t)0x5ca1ab1e)
#define TAG(h)          ((struct header *)(MAGIC ^ (uintptr_t)(h)))

static struct header base = { 0, &base };
static struct header *freep = &base;

/* A corrupted heap or a bad free: say so and abort (no stdio: it may be what broke). */
static _Noreturn void malloc_panic(const char *func, const char *what)
{
	write(2, func, strlen(func));
	write(2, ": ", 2);
	write(2, what, strlen(what));
	write(2, "\n", 1);
	abort();
}

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

/* Puts block bp on the free list, merged with the free neighbours it touches. */
static void insert_free(struct header *bp)
{
	struct header *p = freep;

	/* Find p with p < bp < p->next, or the wrap-around point of the ring. */
	while (!(bp > p && bp < p->next)) {
		if (bp == p || bp == p->next)
			malloc_panic("free", "block already free (double free)");
		if (p >= p->next && (bp > p || bp < p->next))
			break;
		p = p->next;
	}
	if ((p->next != &base && bp < p->next && (char *)bp + bp->size > (char *)p->next) ||
	    (p != &base && bp > p && (char *)p + p->size > (char *)bp))
		malloc_panic("free", "block overlaps a free block (double free?)");
	if ((char *)bp + bp->size == (char *)p->next && p->next != &base) {
		bp->size += p->next->size;
		bp->next = p->next->next;
	} else {
		bp->next = p->next;
	}
	if (p != &base && (char *)p + p->size == (char *)bp) {
		p->size += bp->size;
		p->next = bp->next;
	} else {
		p->next = bp;
	}
	freep = p;
}

/*
 * Grows the heap by at least size bytes, starting at a 16-byte boundary
 * whatever the break was; returns 0, or -1 (ENOMEM).
 */
static int morecore(size_t size)
{
	char *cur = sbrk(0);

	if (cur == (void *)-1)
		return -1;
	size = round_up(size < GROW ? GROW : size, (size_t)getpagesize());
	size_t pad = round_up((uintptr_t)cur, HDR) - (uintptr_t)cur;
	if (sbrk(pad + size) == (void *)-1)
		return -1;
	struct header *bp = (struct header *)(cur + pad);
	bp->size = size;
	insert_free(bp);
	return 0;
}

static void *large_alloc(size_t n)
{
	if (n > SIZE_MAX - HDR - (size_t)getpagesize()) {
		errno = ENOMEM;
		return NULL;
	}
	size_t size = round_up(n + HDR, (size_t)getpagesize());
	struct header *h = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->size = size | LARGE_BIT;
	h->next = TAG(h);
	return h + 1;
}

void *malloc(size_t n)
{
	if (n >= LARGE)
		return large_alloc(n);
	size_t size = round_up(n + HDR, HDR);
	if (size < MIN_BLOCK)
		size = MIN_BLOCK;
	for (struct header *prev = freep, *p = freep->next;; prev = p, p = p->next) {
		if (p->size >= size) {
			if (p->size - size >= MIN_BLOCK) {      /* hand out the tail */
				p->size -= size;
				p = (struct header *)((char *)p + p->size);
				p->size = size;
			} else {
				prev->next = p->next;
			}
			freep = prev;
			p->next = TAG(p);
			return p + 1;
		}
		if (p == freep) {               /* once round the ring: grow */
			if (morecore(size) < 0)
				return NULL;
			p = freep;
		}
	}
}

/* The header of an allocated block, after checking that p came from malloc. */
static struct header *checked_header(const char *func, void *p)
{
	struct header *h = (struct header *)p - 1;

	if (((uintptr_t)p & (HDR - 1)) != 0 || h->next != TAG(h))
		malloc_panic(func, "pointer not from malloc, or already freed");
	return h;
}

void free(void *p)
{
	if (p == NULL)
		return;
	struct header *h = checked_header("free", p);
	if (h->size & LARGE_BIT) {
		h->next = NULL;
		munmap(h, h->size & ~LARGE_BIT);
		return;
	}
	insert_free(h);
}

void *calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

/* Keeps the block when it is large enough; else moves the data to a new one. */
void *realloc(void *p, size_t n)
{
	if (p == NULL)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	struct header *h = checked_header("realloc", p);
	size_t have = (h->size & ~LARGE_BIT) - HDR;
	if (n <= have)
		return p;
	void *q = malloc(n);
	if (q != NULL) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
