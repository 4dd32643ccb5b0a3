/*
 * i386 pmap hooks. We use PAE paging: 64-bit entries in 512-entry tables,
 * the same format as amd64, so pmap/pmap.c serves both arches; PAE also
 * gives the NX bit, which 2-level 32-bit paging lacks. The price is a
 * 4-entry top level (the PDPT) whose entries take no R/W, U/S or NX bits,
 * and which the CPU caches at every CR3 load.
 *
 *   level 3  PDPT   4 entries    va bits 31-30
 *   level 2  PD     512 entries  va bits 29-21
 *   level 1  PT     512 entries  va bits 20-12
 *
 * The kernel's four page directories are allocated at bootstrap and the
 * PDPT never changes; every address space will share the kernel's PD for
 * 3-4 GiB, so kernel page tables added later appear everywhere at once.
 */
#ifndef _MACHINE_PMAP_MD_H_
#define _MACHINE_PMAP_MD_H_

#include <x86/pte.h>

#define PMAP_LEVELS             3
#define PMAP_TOP_ENTRIES        4

/* Bits for an entry at `level` that points to a table of the level below. */
static inline pt_entry_t pmap_md_table_bits(int level)
{
	return level == PMAP_LEVELS ? PG_V : PG_V | PG_RW;
}

/* Called after the kernel page tables are loaded in CR3 (machdep.c). */
void pmap_md_kernel_tables_switched(void);

#endif
