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
#include "kernel/vfs.h"
#include "kernel/ktest.h"
#include "kernel/printf.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/proc.h"
#include "kernel/tty.h"
#include "kernel/dev/qemu_exit.h"
#include "kernel/dev/ata.h"
#include "vm/uvm.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_swap.h"

/*
 * Starts /bin/init as process 1 and waits for it: init never exits, so if
 * it does the machine stops with its status.
 */
static void __attribute__((noreturn)) start_init(void)
{
	char *argv[] = { "init", 0, 0, 0 };
	struct proc *p;

	if (bootinfo.initcmd) {                 /* make run: init -c 'command' */
		argv[1] = "-c";
		argv[2] = (char *)bootinfo.initcmd;
		/* make run's tools/runcmd.sh: what follows is the command's. */
		printf("uvix: init -c: the command's output follows\n");
	}
	int error = proc_spawn("/bin/init", argv, NULL, &p);

	if (error) {
		printf("uvix: cannot start /bin/init (error %d); nothing to run.\n", error);
		halt(QEMU_EXIT_HALT);
	}
	mutex_enter(&proc_lock);
	initproc = p;
	mutex_exit(&proc_lock);
	int status = proc_wait_kernel(p);
	printf("uvix: init exited (status %#x)\n", status);
	halt(QEMU_EXIT_HALT);
}

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
	tty_init();
	ata_init();
	uvm_swap_init();
	uvm_pdaemon_init();
	vfs_init();

	ktest_main();

	start_init();
}
