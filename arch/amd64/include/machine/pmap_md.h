/*
 * amd64 pmap hooks: 4-level paging, 512 entries of 64 bits per table.
 *
 *   level 4  PML4   va bits 47-39
 *   level 3  PDPT   va bits 38-30
 *   level 2  PD     va bits 29-21
 *   level 1  PT     va bits 20-12
 *
 * The kernel's PML4 slots (256-511) all get their PDPT at bootstrap, so
 * every address space can share them by copying the upper half of the
 * PML4, and kernel page tables added later appear everywhere at once.
 */
#ifndef _MACHINE_PMAP_MD_H_
#define _MACHINE_PMAP_MD_H_

#include <x86/pte.h>

#define PMAP_LEVELS             4
#define PMAP_TOP_ENTRIES        512

static inline pt_entry_t pmap_md_table_bits(int level)
{
	return PG_V | PG_RW;
}

void pmap_md_kernel_tables_switched(void);

#endif
