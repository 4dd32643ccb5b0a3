#include <machine/cpu.h>
#include "kernel/main.h"
#include "kernel/console.h"
#include "kernel/printf.h"
#include "kernel/panic.h"

void kmain(uint32_t boot_magic, uint32_t boot_info_pa)
{
	cons_init();
	printf("Uvix %s (%s) booting\n", UVIX_VERSION, ARCH_NAME);
	x86_cpu_init();
	x86_cpu_print();
	panic("kmain: nothing more to do");
}
