/*
 * The host shim: what the kernel around vm/uvm_page.c and vm/kmem.c would
 * provide, built from libc (see host_shim.c). Tests use these hooks to
 * look at "physical memory" and to expect panics.
 */
#ifndef _HOST_SHIM_H_
#define _HOST_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <machine/types.h>
#include <machine/vmparam.h>
#include <machine/cpu.h>
#include "tests/host/hosttest.h"

/* A vm/ call must return with its spinlocks released. */
extern int host_spin_depth;
#define CHECK_UNLOCKED() CHECKF(host_spin_depth == 0, "vm/ returned holding %d spinlock(s)", \
    host_spin_depth)

/* The arena address of physical address pa; fails the test if pa is not in it. */
void *host_phys_ptr(paddr_t pa);

extern long host_pages_zeroed;  /* pmap_zero_page calls so far */
extern long host_km_pages;      /* pages uvm_km_alloc has out (kmem's slabs and large objects) */
extern bool host_km_fail;       /* while set, uvm_km_alloc fails (returns 0) */

/*
 * Runs fn(arg) and returns false, or true if it panicked; the panic's
 * message is then in msg. A panic outside this fails the running test.
 */
bool host_catch_panic(void (*fn)(void *), void *arg, char *msg, size_t len);

#endif
