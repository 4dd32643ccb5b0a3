/*
 * The symbol table is appended to the image as section .ksyms:
 *
 *     uintptr_t count;
 *     uintptr_t addr[count];          sorted ascending
 *     uint32_t  name_offset[count];   into names[]
 *     char      names[];              NUL-terminated strings
 *
 * The first link of the kernel has an empty table (count 0), so lookups
 * simply fail there; see the Makefile.
 */
#include "kernel/ksyms.h"
#include "kernel/string.h"

extern const char ksyms_start[];
extern const char kernel_etext[], kernel_start[];

static uintptr_t ksyms_count(void)
{
	return *(const uintptr_t *)ksyms_start;
}

static const uintptr_t *ksyms_addrs(void)
{
	return (const uintptr_t *)ksyms_start + 1;
}

static const char *ksyms_name(uintptr_t i)
{
	uintptr_t n = ksyms_count();
	const uint32_t *offs = (const uint32_t *)(ksyms_addrs() + n);
	const char *names = (const char *)(offs + n);

	return names + offs[i];
}

const char *ksyms_lookup(uintptr_t pc, uintptr_t *offset)
{
	const uintptr_t *addr = ksyms_addrs();
	uintptr_t lo = 0, hi = ksyms_count();

	if (hi == 0 || pc < addr[0] || pc >= (uintptr_t)kernel_etext)
		return NULL;
	/* Find the last symbol at or below pc. */
	while (hi - lo > 1) {
		uintptr_t mid = lo + (hi - lo) / 2;
		if (addr[mid] <= pc)
			lo = mid;
		else
			hi = mid;
	}
	*offset = pc - addr[lo];
	return ksyms_name(lo);
}

uintptr_t ksyms_address(const char *name)
{
	for (uintptr_t i = 0; i < ksyms_count(); i++)
		if (strcmp(ksyms_name(i), name) == 0)
			return ksyms_addrs()[i];
	return 0;
}
