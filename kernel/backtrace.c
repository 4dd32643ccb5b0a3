#include <machine/cpu.h>
#include "kernel/backtrace.h"
#include "kernel/ksyms.h"
#include "kernel/printf.h"
#include "kernel/probe.h"

/*
 * A return address is looked up one byte back: after a call to a
 * noreturn function it points past the caller's end, into the next one.
 */
static void print_frame(int depth, uintptr_t pc)
{
	uintptr_t off;
	uintptr_t at = depth > 0 ? pc - 1 : pc;
	const char *name = ksyms_lookup(at, &off);

	if (name)
		printf("  #%-2d %p %s+0x%lx\n", depth, (void *)pc, name,
		    (unsigned long)(off + (pc - at)));
	else
		printf("  #%-2d %p ?\n", depth, (void *)pc);
}

void backtrace_print(uintptr_t pc, uintptr_t fp)
{
	printf("backtrace:\n");
	print_frame(0, pc);
	for (int depth = 1; depth < BACKTRACE_MAX_DEPTH && fp; depth++) {
		uintptr_t next_fp, ret;

		/* Read through the fault probe: a corrupt chain must not fault. */
		if (fp % sizeof(uintptr_t) != 0 ||
		    kprobe_read_word((const void *)fp, &next_fp) != 0 ||
		    kprobe_read_word((const void *)(fp + sizeof(uintptr_t)), &ret) != 0) {
			printf("  (frame pointer %p is not readable)\n", (void *)fp);
			return;
		}
		if (ret == 0)
			return;
		print_frame(depth, ret);
		if (next_fp != 0 && next_fp <= fp) {
			printf("  (frame chain does not go up the stack; stopping)\n");
			return;
		}
		fp = next_fp;
	}
}
