/*
 * Swap (see vm/uvm_swap.h): the slot allocator and the page I/O.
 *
 * The allocator is a bitmap searched next-fit from a rotor: each search
 * starts where the last allocation ended, so the pagedaemon's clusters
 * land one after another on the disk while swap is mostly free, and a
 * freed hole is found again on the way round. A search is linear in the
 * slots (4096 words for a 512 MiB disk), which is cheap next to writing
 * one page to the disk.
 */
#include "vm/uvm_swap.h"
#include "vm/kmem.h"
#include "vm/uvmexp.h"
#include "kernel/dev/ata.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

#define SECTORS_PER_PAGE        (PAGE_SIZE / ATA_SECTOR_SIZE)

static struct spinlock swap_lock = SPINLOCK_INITIALIZER("swap");
static struct swapmap swap_map;                 /* [w] */

static bool bit_isset(const struct swapmap *sm, int s)
{
	return (sm->sm_bits[s / 32] >> (s % 32)) & 1;
}

static void bits_set(struct swapmap *sm, int s, int n, bool on)
{
	for (int i = s; i < s + n; i++) {
		KASSERTMSG(bit_isset(sm, i) != on, "swapmap: slot %d is already %s",
		    i, on ? "in use" : "free");
		if (on)
			sm->sm_bits[i / 32] |= 1u << (i % 32);
		else
			sm->sm_bits[i / 32] &= ~(1u << (i % 32));
	}
}

void swapmap_init(struct swapmap *sm, uint32_t *bits, int nslots)
{
	KASSERT(nslots >= 1);
	memset(bits, 0, swapmap_words(nslots) * sizeof(uint32_t));
	sm->sm_bits = bits;
	sm->sm_nslots = nslots;
	sm->sm_inuse = 0;
	sm->sm_rotor = 1;
	bits_set(sm, 0, 1, true);       /* slot 0 means "none" */
}

/*
 * The first run of n free slots from the rotor on (wrapping once), or
 * with lessok the longest run seen if none is that long. 0 if none.
 */
int swapmap_alloc(struct swapmap *sm, int *nslots, bool lessok)
{
	int want = *nslots, best = 0, bestlen = 0;
	int s = sm->sm_rotor, seen = 0;

	KASSERT(want > 0);
	while (seen < sm->sm_nslots) {
		if (s >= sm->sm_nslots)
			s = 0;          /* runs do not wrap: slot 0 is in use */
		if (bit_isset(sm, s)) {
			s++;
			seen++;
			continue;
		}
		int len = 0;
		while (s + len < sm->sm_nslots && len < want && !bit_isset(sm, s + len))
			len++;
		if (len > bestlen) {
			best = s;
			bestlen = len;
		}
		if (len == want)
			break;
		s += len;
		seen += len;
	}
	if (bestlen == 0 || (bestlen < want && !lessok))
		return 0;
	bits_set(sm, best, bestlen, true);
	sm->sm_inuse += bestlen;
	sm->sm_rotor = best + bestlen;
	*nslots = bestlen;
	return best;
}

void swapmap_free(struct swapmap *sm, int slot, int nslots)
{
	KASSERTMSG(slot > 0 && nslots > 0 && slot + nslots <= sm->sm_nslots,
	    "swapmap_free: slots %d+%d out of range", slot, nslots);
	bits_set(sm, slot, nslots, false);
	sm->sm_inuse -= nslots;
}

void uvm_swap_init(void)
{
	uint64_t pages = ata_sectors() / SECTORS_PER_PAGE;

	if (pages < 2) {
		printf("swap: none\n");
		return;
	}
	if (pages > (1u << 24))
		pages = 1u << 24;       /* 64 GiB of slots: an int is plenty */
	uint32_t *bits = kmem_alloc(swapmap_words(pages) * sizeof(uint32_t), KM_SLEEP);
	spinlock_enter(&swap_lock);
	swapmap_init(&swap_map, bits, (int)pages);
	uvmexp.swpages = (int64_t)pages - 1;
	spinlock_exit(&swap_lock);
	printf("swap: %llu pages on ata0\n", (unsigned long long)pages - 1);
}

int uvm_swap_alloc(int *nslots, bool lessok)
{
	int slot = 0;

	spinlock_enter(&swap_lock);
	if (swap_map.sm_bits != NULL)
		slot = swapmap_alloc(&swap_map, nslots, lessok);
	if (slot)
		uvmexp.swpginuse += *nslots;
	spinlock_exit(&swap_lock);
	return slot;
}

void uvm_swap_free(int slot, int nslots)
{
	spinlock_enter(&swap_lock);
	swapmap_free(&swap_map, slot, nslots);
	uvmexp.swpginuse -= nslots;
	spinlock_exit(&swap_lock);
}

bool uvm_swapisfull(void)
{
	return uvmexp.swpginuse >= uvmexp.swpages;
}

static int swap_io(int slot, struct vm_page *const pps[], int npages, bool write)
{
	void *bufs[npages];

	for (int i = 0; i < npages; i++)
		bufs[i] = (void *)PMAP_DIRECT_MAP(pps[i]->phys_addr);
	uint64_t lba = (uint64_t)slot * SECTORS_PER_PAGE;
	int error = write ? ata_writev(lba, bufs, (size_t)npages, SECTORS_PER_PAGE) :
	    ata_readv(lba, bufs, (size_t)npages, SECTORS_PER_PAGE);
	spinlock_enter(&swap_lock);
	if (error)
		uvmexp.swioerr++;
	else if (write)
		uvmexp.pgswapout += npages;
	else
		uvmexp.pgswapin += npages;
	spinlock_exit(&swap_lock);
	if (error)
		printf("swap: %s of slots %d+%d failed (error %d)\n",
		    write ? "write" : "read", slot, npages, error);
	return error;
}

int uvm_swap_get(struct vm_page *pg, int slot)
{
	KASSERT(slot > 0);
	spinlock_enter(&swap_lock);
	uvmexp.nswget++;
	spinlock_exit(&swap_lock);
	return swap_io(slot, &pg, 1, false);
}

int uvm_swap_put(int slot, struct vm_page *const pps[], int npages)
{
	KASSERT(slot > 0 && npages > 0);
	return swap_io(slot, pps, npages, true);
}
