/* Kernel symbol lookup for backtraces (table built by tools/mksyms.sh). */
#ifndef _KERNEL_KSYMS_H_
#define _KERNEL_KSYMS_H_

#include <stdint.h>

/* Returns the name of the function containing pc and sets *offset, or NULL. */
const char *ksyms_lookup(uintptr_t pc, uintptr_t *offset);
/* Returns the address of the named function, or 0. */
uintptr_t ksyms_address(const char *name);

#endif
