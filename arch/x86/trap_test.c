/*
 * A kernel NULL write must end in a trap report and a panic whose
 * backtrace names this function: proof that reports see through traps.
 * tests/boots.tab says what the death must look like.
 */
#include <stdint.h>
#include "kernel/ktest.h"

KTEST_DEATH_TEST(trap_kernel_null_write)
{
	/* Through a variable, so the compiler cannot see it is page 0. */
	static volatile uintptr_t where = sizeof(int);
	*(volatile int *)where = 1;
	KT_ASSERT(!"the write to page 0 did not fault");
}
