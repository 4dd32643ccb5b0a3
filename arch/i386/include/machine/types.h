/* Basic machine types: the x86 ones (<x86/types.h>). */
#ifndef _MACHINE_TYPES_H_
#define _MACHINE_TYPES_H_
#include <x86/types.h>
#endif
