/* Tests of the boot path itself: the command line and the memory map. */
#include "kernel/ktest.h"
#include "kernel/bootinfo.h"
#include "kernel/string.h"
#include "kernel/ksyms.h"

KTEST(boot_cmdline_has_test_arg)
{
	const char *t = bootinfo_arg("test");
	KT_ASSERT(t != NULL);
	KT_ASSERT(bootinfo_arg("no-such-argument") == NULL);
}

KTEST(boot_memory_map_sorted)
{
	KT_ASSERT(bootinfo.nmem > 0);
	for (int i = 0; i < bootinfo.nmem; i++) {
		KT_ASSERT(bootinfo.mem[i].start < bootinfo.mem[i].end);
		if (i > 0)
			KT_ASSERT(bootinfo.mem[i - 1].start <= bootinfo.mem[i].start);
	}
}

KTEST(ksyms_lookup_finds_functions)
{
	uintptr_t off;
	uintptr_t addr = ksyms_address("ktest_main");
	KT_ASSERT(addr != 0);
	const char *name = ksyms_lookup(addr + 3, &off);
	KT_ASSERT(name != NULL && strcmp(name, "ktest_main") == 0);
	KT_ASSERT_EQ(off, 3);
}
