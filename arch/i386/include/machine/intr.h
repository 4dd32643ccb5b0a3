/* Interrupt controller hooks: the 8259 PIC pair (<x86/intr.h>, arch/x86/pic.c). */
#ifndef _MACHINE_INTR_H_
#define _MACHINE_INTR_H_
#include <x86/intr.h>
#endif
