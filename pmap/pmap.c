/*
 * The x86 pmap, shared by i386 (PAE) and amd64 through the hooks of
 * <machine/pmap_md.h>: PMAP_LEVELS, PMAP_TOP_ENTRIES, pmap_md_table_bits.
 *
 * Page tables form a radix tree of 512-entry tables; a virtual address is
 * split into one index per level (PT_INDEX in <x86/pte.h>). Example, amd64,
 * va 0xffffff0000003000: PML4[510] -> PDPT[0] -> PD[0] -> PT[3]. Every
 * table is reached through the direct map, so a walk never maps anything.
 *
 * Invariants:
 *  - A non-leaf entry is either 0 or PG_V | pmap_md_table_bits(level) |
 *    the physical address of a zeroed-at-birth table page.
 *  - Kernel page-table pages are never freed, and the kernel half of the
 *    top level is fully populated at bootstrap, so every future address
 *    space sees the same kernel tables (see pmap_md.h).
 *  - Kernel mappings (pmap_kenter_pa) are unmanaged: no pv entry, wired,
 *    never forgotten.
 *
 * TLB: a changed or removed entry is invalidated at once on this CPU with
 * invlpg; pmap_update() has nothing left to do until SMP brings shootdown.
 */
#include <machine/cpu.h>
#include <machine/pmap_md.h>
#include "pmap/pmap.h"
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "vm/uvm_page.h"

/*
 * Lock legend: [I] set at bootstrap  [k] kernel pmap lock (one CPU today:
 * callers run with the kernel's tables stable; SMP will add a lock).
 */
struct pmap {
	paddr_t pm_top_pa;              /* [I] top-level table */
	pt_entry_t *pm_top;             /* [I] the same, through the direct map */
	unsigned long pm_ptpages;       /* [k] table pages below the top */
};

static struct pmap kernel_pmap_store;
static pt_entry_t pg_nx;                /* PG_NX if the CPU has it, else 0 */
static pt_entry_t pg_g;                 /* PG_G if the CPU has it, else 0 */

extern char kernel_start[], kernel_etext[], kernel_erodata[], kernel_edata[],
    kernel_end[], boot_stack_guard[];

struct pmap *pmap_kernel(void)
{
	return &kernel_pmap_store;
}

unsigned long pmap_kernel_ptpages(void)
{
	return kernel_pmap_store.pm_ptpages;
}

/* A zeroed page for a page table: stolen at boot, allocated afterwards. */
static paddr_t pmap_alloc_ptp(void)
{
	paddr_t pa;

	if (!uvm_page_initialized()) {
		if (!uvm_page_physget(&pa))
			panic("pmap_alloc_ptp: out of memory for boot page tables");
		KASSERTMSG(pa + PAGE_SIZE <= BOOT_MAP_LIMIT,
		    "boot page-table page %#llx is beyond the boot mapping",
		    (unsigned long long)pa);
		pmap_zero_page(pa);
	} else {
		struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL,
		    UVM_PGA_ZERO | UVM_PGA_USERESERVE);
		if (!pg)
			panic("pmap_alloc_ptp: out of memory for kernel page tables");
		uvm_pagewire(pg);
		pg->flags &= ~(PG_BUSY | PG_FAKE);
		pa = pg->phys_addr;
	}
	return pa;
}

static pt_entry_t *pmap_table(pt_entry_t entry)
{
	return (pt_entry_t *)PMAP_DIRECT_MAP(entry & PG_FRAME);
}

/*
 * Walks pm's tables down to va's level-1 entry.
 * => with alloc, missing tables are created; without, returns NULL if one
 *    is missing or va is inside a large page.
 */
static pt_entry_t *pmap_pte(struct pmap *pm, vaddr_t va, bool alloc)
{
	pt_entry_t *table = pm->pm_top;

	for (int level = PMAP_LEVELS; level > 1; level--) {
		pt_entry_t *e = &table[PT_INDEX(va, level)];
		if (!(*e & PG_V)) {
			if (!alloc)
				return NULL;
			*e = pmap_alloc_ptp() | pmap_md_table_bits(level);
			pm->pm_ptpages++;
		} else if (*e & PG_PS) {
			KASSERTMSG(!alloc, "va %p lies in a large page", (void *)va);
			return NULL;
		}
		table = pmap_table(*e);
	}
	return &table[PT_INDEX(va, 1)];
}

static pt_entry_t pmap_prot_bits(vm_prot_t prot)
{
	pt_entry_t bits = PG_V;

	if (prot & VM_PROT_WRITE)
		bits |= PG_RW;
	if (!(prot & VM_PROT_EXECUTE))
		bits |= pg_nx;
	return bits;
}

/* Enters a kernel mapping anywhere (bootstrap: direct map, image). */
static void pmap_enter_kernel(vaddr_t va, paddr_t pa, vm_prot_t prot)
{
	pt_entry_t *pte = pmap_pte(&kernel_pmap_store, va, true);

	*pte = (pa & PG_FRAME) | pmap_prot_bits(prot) | pg_g;
}

static void pmap_map_range(vaddr_t va, vaddr_t end, paddr_t pa, vm_prot_t prot)
{
	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE)
		pmap_enter_kernel(va, pa, prot);
}

void pmap_bootstrap(void)
{
	struct pmap *pm = &kernel_pmap_store;

	pg_nx = cpu_features.nx ? PG_NX : 0;
	if (cpu_features.pge) {
		pg_g = PG_G;
		lcr4(rcr4() | CR4_PGE);
	}
	pm->pm_top_pa = pmap_alloc_ptp();
	pm->pm_top = (pt_entry_t *)PMAP_DIRECT_MAP(pm->pm_top_pa);

	/* The kernel half of the top level, shared by all address spaces. */
	for (unsigned i = PT_INDEX(VM_MAXUSER_ADDRESS, PMAP_LEVELS); i < PMAP_TOP_ENTRIES; i++) {
		pm->pm_top[i] = pmap_alloc_ptp() | pmap_md_table_bits(PMAP_LEVELS);
		pm->pm_ptpages++;
	}

	/* The direct map: the first MiB (BIOS areas, VGA) and all RAM. */
	pmap_map_range(PMAP_DIRECT_MAP(0), PMAP_DIRECT_MAP(0x100000), 0,
	    VM_PROT_READ | VM_PROT_WRITE);
	for (int i = 0; i < bootinfo.nmem; i++) {
		paddr_t start = round_page(bootinfo.mem[i].start);
		paddr_t end = trunc_page(bootinfo.mem[i].end);
		if (end > DIRECT_MAP_MAXPA)
			end = DIRECT_MAP_MAXPA;
		if (start < end)
			pmap_map_range(PMAP_DIRECT_MAP(start), PMAP_DIRECT_MAP(end), start,
			    VM_PROT_READ | VM_PROT_WRITE);
	}

	/* The kernel image, section by section (on i386 this overrides the
	 * direct map's entries for the same addresses). */
	pmap_map_range((vaddr_t)kernel_start, (vaddr_t)kernel_etext,
	    (vaddr_t)kernel_start - KERNBASE, VM_PROT_READ | VM_PROT_EXECUTE);
	pmap_map_range((vaddr_t)kernel_etext, (vaddr_t)kernel_erodata,
	    (vaddr_t)kernel_etext - KERNBASE, VM_PROT_READ);
	pmap_map_range((vaddr_t)kernel_erodata, (vaddr_t)kernel_edata,
	    (vaddr_t)kernel_erodata - KERNBASE, VM_PROT_READ | VM_PROT_WRITE);
	pmap_map_range((vaddr_t)kernel_edata, (vaddr_t)kernel_end,
	    (vaddr_t)kernel_edata - KERNBASE, VM_PROT_READ);       /* symbols */
	*pmap_pte(pm, (vaddr_t)boot_stack_guard, true) = 0;

	lcr3(pm->pm_top_pa);
	pmap_md_kernel_tables_switched();
}

void pmap_kenter_pa(vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags)
{
	KASSERTMSG(va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS,
	    "va %p is not in kernel virtual space", (void *)va);
	KASSERT((va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0);
	KASSERT(prot & VM_PROT_READ);
	pmap_enter_kernel(va, pa, prot);
	invlpg(va);
}

void pmap_kremove(vaddr_t va, vsize_t size)
{
	KASSERTMSG(va >= VM_MIN_KERNEL_ADDRESS && va + size <= VM_MAX_KERNEL_ADDRESS,
	    "[%p, +%#lx) is not in kernel virtual space", (void *)va, (unsigned long)size);
	for (vaddr_t end = va + size; va < end; va += PAGE_SIZE) {
		pt_entry_t *pte = pmap_pte(&kernel_pmap_store, va, false);
		if (pte && (*pte & PG_V)) {
			*pte = 0;
			invlpg(va);
		}
	}
}

/* The leaf entry mapping va (any level), its level, or NULL. */
static pt_entry_t pmap_leaf(struct pmap *pm, vaddr_t va, int *levelp)
{
	pt_entry_t *table = pm->pm_top;

	for (int level = PMAP_LEVELS; level >= 1; level--) {
		pt_entry_t e = table[PT_INDEX(va, level)];
		if (!(e & PG_V))
			return 0;
		if (level == 1 || (e & PG_PS)) {
			*levelp = level;
			return e;
		}
		table = pmap_table(e);
	}
	return 0;
}

bool pmap_extract(struct pmap *pm, vaddr_t va, paddr_t *pap)
{
	int level;
	pt_entry_t e = pmap_leaf(pm, va, &level);

	if (!e)
		return false;
	if (pap) {
		paddr_t size = (paddr_t)1 << PT_SHIFT(level);
		*pap = (e & PG_FRAME & ~(size - 1)) | (va & (size - 1));
	}
	return true;
}

vm_prot_t pmap_prot(struct pmap *pm, vaddr_t va)
{
	int level;
	pt_entry_t e = pmap_leaf(pm, va, &level);

	if (!e)
		return VM_PROT_NONE;
	return VM_PROT_READ | (e & PG_RW ? VM_PROT_WRITE : 0) |
	    (e & pg_nx ? 0 : VM_PROT_EXECUTE);
}

void pmap_update(struct pmap *pm)
{
	/* Every change was invalidated when made; see the top of this file. */
}

void pmap_zero_page(paddr_t pa)
{
	memset((void *)PMAP_DIRECT_MAP(pa), 0, PAGE_SIZE);
}

void pmap_copy_page(paddr_t src, paddr_t dst)
{
	memcpy((void *)PMAP_DIRECT_MAP(dst), (const void *)PMAP_DIRECT_MAP(src), PAGE_SIZE);
}

/*
 * XXX Until managed mappings (pmap_enter and pv lists) exist, a page has
 * no mapping to change: say so, so that the first caller to need more
 * finds out at once.
 */
void pmap_page_protect(struct vm_page *pg, vm_prot_t prot)
{
	KASSERTMSG(pg->pv_list == NULL, "managed mappings before pmap_enter exists");
}

/* XXX Placeholders until the managed pmap lands: no user pmap exists yet. */
void pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva)
{
	panic("pmap_remove: managed mappings are not implemented yet");
}

void pmap_protect(struct pmap *pm, vaddr_t sva, vaddr_t eva, vm_prot_t prot)
{
	panic("pmap_protect: managed mappings are not implemented yet");
}

struct pmap *pmap_create(void)
{
	panic("pmap_create: managed mappings are not implemented yet");
}

void pmap_reference(struct pmap *pm)
{
	panic("pmap_reference: managed mappings are not implemented yet");
}

void pmap_destroy(struct pmap *pm)
{
	panic("pmap_destroy: managed mappings are not implemented yet");
}

void pmap_activate(struct pmap *pm)
{
	panic("pmap_activate: managed mappings are not implemented yet");
}

int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags)
{
	panic("pmap_enter: managed mappings are not implemented yet");
}
