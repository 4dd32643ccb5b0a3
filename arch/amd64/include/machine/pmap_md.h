/*
 * amd64 pmap hooks: 4-level paging, 512 entries of 64 bits per table.
 *
 *   level 4  PML4   va bits 47-39
 *   level 3  PDPT   va bits 38-30
 *   level 2  PD     va bits 29-21
 *   level 1  PT     va bits 20-12
 *
 * The kernel's PML4 slots (256-511) all get their PDPT at bootstrap, so
 * every address space shares them by copying the upper half of the PML4
 * (pmap_create), and kernel page tables added later appear everywhere at
 * once. A user pmap's lower half starts empty and its tables come and go
 * with its mappings.
 */
#ifndef _MACHINE_PMAP_MD_H_
#define _MACHINE_PMAP_MD_H_

#include <stdbool.h>
#include <x86/pte.h>

#define PMAP_LEVELS             4
#define PMAP_TOP_ENTRIES        512

/* User PML4 entries may change at any time: tables below are freed when empty. */
#define PMAP_TOP_FIXED          0

/* CR3 takes any physical address the CPU supports (52 bits at most). */
#define PMAP_TOP_MAXPA          (1ULL << 52)

/* Bits for an entry at `level` that points to a table of the level below. */
static inline pt_entry_t pmap_md_table_bits(int level, bool user)
{
	return PG_V | PG_RW | (user ? PG_U : 0);
}

void pmap_md_kernel_tables_switched(void);

#endif
