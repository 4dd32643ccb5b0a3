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
 * PDPT never changes; every address space shares the kernel's PD for
 * 3-4 GiB, so kernel page tables added later appear everywhere at once.
 * A user pmap gets its three user page directories at pmap_create and
 * keeps them until pmap_destroy, so its PDPT never changes either and no
 * CR3 reload is ever needed to make the CPU see a new PDPTE.
 */
#ifndef _MACHINE_PMAP_MD_H_
#define _MACHINE_PMAP_MD_H_

#include <stdbool.h>
#include <x86/pte.h>

#define PMAP_LEVELS             3
#define PMAP_TOP_ENTRIES        4

/*
 * The user entries of the top level are filled at pmap_create and never
 * change (the CPU reads the four PDPTEs only when CR3 is loaded), so the
 * page directories below them are never freed before pmap_destroy.
 */
#define PMAP_TOP_FIXED          1

/* CR3 holds a 32-bit PDPT address in PAE mode. */
#define PMAP_TOP_MAXPA          0x100000000ULL

/*
 * Bits for an entry at `level` that points to a table of the level below,
 * in a kernel or a user (`user`) address space. PDPTEs take no R/W or
 * U/S bit (they are reserved there); the leaf entry decides what is
 * allowed, so the directories above a user page say "writable, user".
 */
static inline pt_entry_t pmap_md_table_bits(int level, bool user)
{
	if (level == PMAP_LEVELS)
		return PG_V;
	return PG_V | PG_RW | (user ? PG_U : 0);
}

/* Called after the kernel page tables are loaded in CR3 (machdep.c). */
void pmap_md_kernel_tables_switched(void);

#endif
