/*
 * Hands the PC's RAM to uvm_page_physload: the loader's memory map minus
 * what is already in use, split where the free lists change.
 *
 *  - below 1 MiB: BIOS data, the VGA hole and boot structures; not managed
 *    (still mapped: pmap_bootstrap maps the first MiB)
 *  - the kernel image [KERNEL_LOAD_PA, kernel_end) and the boot modules
 *  - above DIRECT_MAP_MAXPA: unreachable without a mapping window (i386)
 *  - split at 16 MiB: VM_FREELIST_FIRST16 below, VM_FREELIST_DEFAULT above
 */
#include <machine/vmparam.h>
#include "kernel/bootinfo.h"
#include "kernel/printf.h"
#include "vm/uvm_page.h"
#include "vm/uvm_physload.h"

extern char kernel_end[];

#define LOW_MEMORY_END  0x100000

static void load(paddr_t start, paddr_t end)
{
	start = round_page(start);
	end = trunc_page(end);
	if (start >= end)
		return;
	if (start < VM_FREELIST_FIRST16_END && end > VM_FREELIST_FIRST16_END) {
		load(start, VM_FREELIST_FIRST16_END);
		load(VM_FREELIST_FIRST16_END, end);
		return;
	}
	int fl = start < VM_FREELIST_FIRST16_END ? VM_FREELIST_FIRST16 : VM_FREELIST_DEFAULT;
	uvm_page_physload(atop(start), atop(end), atop(start), atop(end), fl);
}

/* Loads [start, end) minus the reserved ranges res[0..n) (sorted). */
static void load_minus(paddr_t start, paddr_t end, const struct bi_range *res, int n)
{
	for (int i = 0; i < n && start < end; i++) {
		if (res[i].end <= start || res[i].start >= end)
			continue;
		if (res[i].start > start)
			load(start, res[i].start);
		start = res[i].end;
	}
	if (start < end)
		load(start, end);
}

void uvm_md_physload(void)
{
	struct bi_range res[BI_MAXMOD + 1];
	int n = 0;

	res[n++] = (struct bi_range){ KERNEL_LOAD_PA, (vaddr_t)kernel_end - KERNBASE };
	for (int i = 0; i < bootinfo.nmod; i++) {
		int j = n++;
		struct bi_range r = { trunc_page(bootinfo.mod[i].start),
		    round_page(bootinfo.mod[i].end) };
		for (; j > 0 && res[j - 1].start > r.start; j--)
			res[j] = res[j - 1];
		res[j] = r;
	}
	for (int i = 0; i < bootinfo.nmem; i++) {
		paddr_t start = bootinfo.mem[i].start, end = bootinfo.mem[i].end;
		if (start < LOW_MEMORY_END)
			start = LOW_MEMORY_END;
		if (end > DIRECT_MAP_MAXPA) {
			printf("physload: ignoring %llu MiB above the direct map's %llu MiB\n",
			    (unsigned long long)(end - (start > DIRECT_MAP_MAXPA ? start :
			    DIRECT_MAP_MAXPA)) >> 20, (unsigned long long)DIRECT_MAP_MAXPA >> 20);
			end = DIRECT_MAP_MAXPA;
		}
		if (start < end)
			load_minus(start, end, res, n);
	}
}
