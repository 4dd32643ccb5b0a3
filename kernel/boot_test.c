/* Tests of the boot path itself: the command line and the memory map. */
#include "kernel/ktest.h"
#include "kernel/bootinfo.h"
#include "kernel/string.h"
#include "kernel/ksyms.h"
#include "vm/uvm_page.h"

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

/*
 * Boot modules stay where the loader put them: none of their pages may be
 * handed out. Boot with expect_modules=N (tests/boots.tab passes a file
 * with QEMU's -initrd) to require that N modules arrived.
 */
KTEST(boot_modules_reserved)
{
	const char *want = bootinfo_arg("expect_modules");

	if (want)
		KT_ASSERT_EQ(bootinfo.nmod, strtoul(want, NULL, 0));
	for (int i = 0; i < bootinfo.nmod; i++) {
		KT_ASSERT(bootinfo.mod[i].start < bootinfo.mod[i].end);
		for (paddr_t pa = trunc_page(bootinfo.mod[i].start); pa < bootinfo.mod[i].end;
		    pa += PAGE_SIZE)
			KT_ASSERT(uvm_phys_to_page(pa) == NULL);
	}
}
