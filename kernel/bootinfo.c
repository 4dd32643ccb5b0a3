/*
 * Multiboot v1 and v2 parsing. The loader's structures are read through
 * the direct map, which the boot page tables provide for the first
 * BOOT_MAP_LIMIT bytes of physical memory; loaders place them low.
 */
#include <x86/multiboot.h>
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

struct bootinfo bootinfo;

static const void *boot_ptr(paddr_t pa, size_t len)
{
	if (pa + len > BOOT_MAP_LIMIT)
		panic("bootinfo_init: boot information at %#llx is above the "
		    "boot mapping (%#x)", (unsigned long long)pa, BOOT_MAP_LIMIT);
	return (const void *)PMAP_DIRECT_MAP(pa);
}

static void add_mem(uint64_t addr, uint64_t len, uint32_t type)
{
	if (type != MB_MEMORY_AVAILABLE || len == 0)
		return;
	if (bootinfo.nmem == BI_MAXMEM) {
		printf("bootinfo: memory map has more than %d ranges; ignoring %#llx\n",
		    BI_MAXMEM, (unsigned long long)addr);
		return;
	}
	/* Insertion sort by start address. */
	int i = bootinfo.nmem++;
	for (; i > 0 && bootinfo.mem[i - 1].start > addr; i--)
		bootinfo.mem[i] = bootinfo.mem[i - 1];
	bootinfo.mem[i].start = addr;
	bootinfo.mem[i].end = addr + len;
}

static void add_module(paddr_t start, paddr_t end, const char *name)
{
	if (bootinfo.nmod == BI_MAXMOD) {
		printf("bootinfo: more than %d modules; ignoring %s\n", BI_MAXMOD, name);
		return;
	}
	struct bi_module *m = &bootinfo.mod[bootinfo.nmod++];
	m->start = start;
	m->end = end;
	strlcpy(m->name, name, sizeof(m->name));
}

static const char *boot_str(paddr_t pa)
{
	return boot_ptr(pa, 1);
}

static void parse_mb1(paddr_t info_pa)
{
	const struct mb1_info *mbi = boot_ptr(info_pa, sizeof(*mbi));

	if (mbi->flags & MB1_INFO_CMDLINE)
		strlcpy(bootinfo.cmdline, boot_str(mbi->cmdline), BI_CMDLINE);
	if (mbi->flags & MB1_INFO_LOADER)
		strlcpy(bootinfo.loader, boot_str(mbi->boot_loader_name), sizeof(bootinfo.loader));
	if (mbi->flags & MB1_INFO_MMAP) {
		const char *p = boot_ptr(mbi->mmap_addr, mbi->mmap_length);
		const char *end = p + mbi->mmap_length;
		while (p < end) {
			const struct mb1_mmap_entry *e = (const void *)p;
			add_mem(e->addr, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	} else if (mbi->flags & MB1_INFO_MEM) {
		/* Old loaders: lower memory below 640K, upper from 1 MiB (KiB units). */
		add_mem(0, (uint64_t)mbi->mem_lower << 10, MB_MEMORY_AVAILABLE);
		add_mem(0x100000, (uint64_t)mbi->mem_upper << 10, MB_MEMORY_AVAILABLE);
	}
	if (mbi->flags & MB1_INFO_MODS) {
		const struct mb1_module *m = boot_ptr(mbi->mods_addr,
		    mbi->mods_count * sizeof(*m));
		for (uint32_t i = 0; i < mbi->mods_count; i++)
			add_module(m[i].start, m[i].end, m[i].string ? boot_str(m[i].string) : "");
	}
}

static void parse_mb2(paddr_t info_pa)
{
	const uint32_t *hdr = boot_ptr(info_pa, 8);
	uint32_t total = hdr[0];
	const char *p = boot_ptr(info_pa, total);
	const char *end = p + total;

	for (p += 8; p + sizeof(struct mb2_tag) <= end;) {
		const struct mb2_tag *tag = (const void *)p;
		if (tag->type == MB2_INFO_END)
			break;
		switch (tag->type) {
		case MB2_INFO_CMDLINE:
			strlcpy(bootinfo.cmdline, p + 8, BI_CMDLINE);
			break;
		case MB2_INFO_LOADER:
			strlcpy(bootinfo.loader, p + 8, sizeof(bootinfo.loader));
			break;
		case MB2_INFO_MODULE: {
			const struct mb2_tag_module *m = (const void *)p;
			add_module(m->start, m->end, m->string);
			break;
		}
		case MB2_INFO_MMAP: {
			const struct mb2_tag_mmap *mm = (const void *)p;
			for (const char *e = p + sizeof(*mm); e + mm->entry_size <= p + tag->size;
			    e += mm->entry_size) {
				const struct mb2_mmap_entry *me = (const void *)e;
				add_mem(me->addr, me->len, me->type);
			}
			break;
		}
		}
		p += (tag->size + 7) & ~7u;     /* tags are 8-byte aligned */
	}
}

/*
 * Splits "key=value" words into bootinfo.args. QEMU's -append puts the
 * kernel's path first and GRUB does not: words without '=' are ignored.
 */
static void parse_args(void)
{
	char *s = bootinfo.argbuf;

	strlcpy(s, bootinfo.cmdline, BI_CMDLINE);
	while (*s) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		char *word = s;
		while (*s && *s != ' ')
			s++;
		if (*s)
			*s++ = '\0';
		if (strcmp(word, "--") == 0) {
			bootinfo.initcmd = s;   /* the rest, spaces and all */
			break;
		}
		char *eq = strchr(word, '=');
		if (!eq || bootinfo.nargs == BI_MAXARGS)
			continue;
		*eq = '\0';
		bootinfo.args[bootinfo.nargs].key = word;
		bootinfo.args[bootinfo.nargs].val = eq + 1;
		bootinfo.nargs++;
	}
}

void bootinfo_init(uint32_t magic, uint32_t info_pa)
{
	if (magic == MB1_BOOT_MAGIC)
		bootinfo.mb_version = 1, parse_mb1(info_pa);
	else if (magic == MB2_BOOT_MAGIC)
		bootinfo.mb_version = 2, parse_mb2(info_pa);
	else
		panic("bootinfo_init: not started by a multiboot loader (magic %#x)", magic);
	if (bootinfo.nmem == 0)
		panic("bootinfo_init: the boot loader gave no memory map");
	parse_args();
}

const char *bootinfo_arg(const char *key)
{
	for (int i = 0; i < bootinfo.nargs; i++)
		if (strcmp(bootinfo.args[i].key, key) == 0)
			return bootinfo.args[i].val;
	return NULL;
}

void bootinfo_print(void)
{
	printf("boot: multiboot v%d from %s, command line \"%s\"\n", bootinfo.mb_version,
	    bootinfo.loader[0] ? bootinfo.loader : "an unnamed loader", bootinfo.cmdline);
	for (int i = 0; i < bootinfo.nmem; i++)
		printf("boot: RAM [0x%09llx, 0x%09llx) %llu KiB\n",
		    (unsigned long long)bootinfo.mem[i].start,
		    (unsigned long long)bootinfo.mem[i].end,
		    (unsigned long long)(bootinfo.mem[i].end - bootinfo.mem[i].start) >> 10);
	for (int i = 0; i < bootinfo.nmod; i++)
		printf("boot: module %s at [%#llx, %#llx)\n", bootinfo.mod[i].name,
		    (unsigned long long)bootinfo.mod[i].start,
		    (unsigned long long)bootinfo.mod[i].end);
}
