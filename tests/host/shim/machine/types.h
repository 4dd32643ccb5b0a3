/*
 * Host shim for <machine/types.h>: the amd64 kernel's types
 * (arch/amd64/include/machine/types.h), which are plain C and hold on any
 * 64-bit host. paddr_t is 64 bits on both kernel arches. register_t is
 * left out: vm/ does not use it and glibc's <sys/types.h> has its own.
 */
#ifndef _MACHINE_TYPES_H_
#define _MACHINE_TYPES_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uintptr_t vaddr_t;
typedef uintptr_t vsize_t;
typedef uint64_t  paddr_t;
typedef uint64_t  psize_t;

#endif
