#include <x86/cpufunc.h>
#include "kernel/dev/qemu_exit.h"

#define DEBUG_EXIT_PORT 0xf4

void qemu_exit(int code)
{
	outb(DEBUG_EXIT_PORT, (uint8_t)code);
}
