/* Basic machine types, the same on both x86 arches: paddr_t is 64 bits (PAE on i386). */
#ifndef _X86_TYPES_H_
#define _X86_TYPES_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uintptr_t vaddr_t;
typedef uintptr_t vsize_t;
typedef uint64_t  paddr_t;
typedef uint64_t  psize_t;
typedef uintptr_t register_t;

#endif
