/* The machine-independent start of the kernel. */
#ifndef _KERNEL_MAIN_H_
#define _KERNEL_MAIN_H_

#include <stdint.h>

#define UVIX_VERSION "0.1"

/*
 * Called by the arch start-up code (i386_init, amd64_init) once segments
 * and traps are set up, with the multiboot magic and info address.
 */
void kmain(uint32_t boot_magic, uint32_t boot_info_pa) __attribute__((noreturn));

#endif
