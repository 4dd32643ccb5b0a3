/*
 * x86 page-table entries, 64 bits (amd64, and i386 with PAE).
 *
 *   63   62..52  51..12              11..9  8  7   6  5  4   3   2   1   0
 *  +----+-------+-------------------+------+--+---+--+--+---+---+---+---+--+
 *  | NX | avail | physical frame     | avl  |G |PS |D |A |PCD|PWT|U/S|R/W|P |
 *  +----+-------+-------------------+------+--+---+--+--+---+---+---+---+--+
 *
 * PS in a level-2 (or level-3) entry maps a 2 MiB (1 GiB) page instead of
 * pointing to a table. D (dirty) and A (accessed) are set by the MMU.
 */
#ifndef _X86_PTE_H_
#define _X86_PTE_H_

#include <stdint.h>

typedef uint64_t pt_entry_t;

#define PG_V            0x001ULL        /* present */
#define PG_RW           0x002ULL        /* writable */
#define PG_U            0x004ULL        /* user accessible */
#define PG_PWT          0x008ULL
#define PG_PCD          0x010ULL        /* cache disable */
#define PG_A            0x020ULL        /* accessed (referenced) */
#define PG_M            0x040ULL        /* dirty (modified) */
#define PG_PS           0x080ULL        /* large page */
#define PG_G            0x100ULL        /* global: survives CR3 loads */
#define PG_NX           0x8000000000000000ULL
#define PG_FRAME        0x000ffffffffff000ULL

#define PT_ENTRIES      512
#define PT_SHIFT(level) (12 + 9 * ((level) - 1))        /* va shift of a level */
#define PT_INDEX(va, level) (((uint64_t)(va) >> PT_SHIFT(level)) & (PT_ENTRIES - 1))

#endif
