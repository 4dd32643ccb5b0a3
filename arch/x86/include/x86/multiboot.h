/*
 * Multiboot v1 and v2 constants and info structures: only what Uvix reads.
 * The headers themselves are in each arch's locore.S.
 */
#ifndef _X86_MULTIBOOT_H_
#define _X86_MULTIBOOT_H_

#define MB1_HEADER_MAGIC        0x1badb002
#define MB1_BOOT_MAGIC          0x2badb002
#define MB1_PAGE_ALIGN          (1 << 0)
#define MB1_MEMORY_INFO         (1 << 1)
#define MB1_AOUT_KLUDGE         (1 << 16)
#define MB1_FLAGS               (MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_AOUT_KLUDGE)

#define MB2_HEADER_MAGIC        0xe85250d6
#define MB2_BOOT_MAGIC          0x36d76289
#define MB2_TAG_END             0
#define MB2_TAG_ADDRESS         2
#define MB2_TAG_ENTRY           3

#ifndef __ASSEMBLER__
#include <stdint.h>

/* v1 info flags */
#define MB1_INFO_MEM            (1 << 0)
#define MB1_INFO_CMDLINE        (1 << 2)
#define MB1_INFO_MODS           (1 << 3)
#define MB1_INFO_MMAP           (1 << 6)
#define MB1_INFO_LOADER         (1 << 9)

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

struct mb1_mmap_entry {
	uint32_t size;          /* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

struct mb1_module {
	uint32_t start, end, string, reserved;
} __attribute__((packed));

/* v2 info tags */
#define MB2_INFO_END            0
#define MB2_INFO_CMDLINE        1
#define MB2_INFO_LOADER         2
#define MB2_INFO_MODULE         3
#define MB2_INFO_MMAP           6

struct mb2_tag {
	uint32_t type, size;
} __attribute__((packed));

struct mb2_tag_module {
	uint32_t type, size;
	uint32_t start, end;
	char string[];
} __attribute__((packed));

struct mb2_tag_mmap {
	uint32_t type, size;
	uint32_t entry_size, entry_version;
} __attribute__((packed));

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
} __attribute__((packed));

#define MB_MEMORY_AVAILABLE     1
#endif

#endif
