/*
 * panic: report and stop. A second panic while panicking (say, a fault
 * inside the backtrace) prints one line and stops at once.
 */
#include <stdarg.h>
#include <machine/cpu.h>
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/backtrace.h"
#include "kernel/dev/qemu_exit.h"

static int panicking;

void halt(int code)
{
	cpu_intr_disable();
	qemu_exit(code);
	for (;;)
		cpu_halt();
}

static void __attribute__((noreturn)) vpanic(struct trapframe *tf, const char *fmt, va_list ap)
{
	cpu_intr_disable();
	if (panicking++) {
		printf("\npanic: recursive panic: ");
		vprintf(fmt, ap);
		printf("\n");
		halt(QEMU_EXIT_PANIC);
	}
	printf("\npanic: ");
	vprintf(fmt, ap);
	printf("\n");
	if (tf) {
		md_trapframe_print(tf);
		backtrace_print(md_trapframe_pc(tf), md_trapframe_fp(tf));
	} else {
		md_regs_print();
		/* Start at our caller (panic or panic_trap) and walk up. */
		uintptr_t *fp = __builtin_frame_address(0);
		backtrace_print((uintptr_t)__builtin_return_address(0), fp[0]);
	}
	printf("halted.\n");
	halt(QEMU_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

void panic_trap(struct trapframe *tf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(tf, fmt, ap);
}
