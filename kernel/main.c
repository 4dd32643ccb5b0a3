/*
 * kmain: the machine-independent boot sequence. Each step may use only
 * what the steps before it set up.
 */
#include <machine/cpu.h>
#include <machine/intr.h>
#include "kernel/main.h"
#include "kernel/bootinfo.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/initrd.h"
#include "kernel/ktest.h"
#include "kernel/printf.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/dev/qemu_exit.h"
#include "vm/uvm.h"

void kmain(uint32_t boot_magic, uint32_t boot_info_pa)
{
	cons_init();
	printf("Uvix %s (%s) booting\n", UVIX_VERSION, ARCH_NAME);
	bootinfo_init(boot_magic, boot_info_pa);
	bootinfo_print();
	x86_cpu_init();
	x86_cpu_print();

	uvm_init();
	initrd_init();

	md_intr_init();

	/* [threads] scheduler, clock, interrupts on: kernel/sched.c */
	thread_init();
	sched_init();
	clock_init();
	cons_intr_init();
	cpu_intr_enable();

	ktest_main();

	printf("Uvix is up. There is no user space yet.\n");
	halt(QEMU_EXIT_HALT);
}
