/*
 * Kernel virtual memory (uvm_km): ranges of kernel VA in
 * [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS), kept in a vmem arena
 * (vm/vmem.h), backed by wired pages entered with pmap_kenter_pa or left
 * for the caller to map.
 */
#ifndef _VM_UVM_KM_H_
#define _VM_UVM_KM_H_

#include <machine/types.h>
#include "vm/uvm_param.h"

#define UVM_KMF_WIRED   0x1     /* back with wired, zeroed pages */
#define UVM_KMF_VAONLY  0x2     /* VA only; the caller enters mappings */
#define UVM_KMF_NOWAIT  0x4     /* fail instead of waiting for memory */

/* Sets up the kernel VA allocator; after pmap_bootstrap and uvm_page_init. */
void uvm_km_init(void);

/*
 * Allocates size bytes (rounded to pages) of kernel VA.
 * => flags: UVM_KMF_WIRED or UVM_KMF_VAONLY, optionally UVM_KMF_NOWAIT
 *    (never sleeps; may use the kernel's page reserve).
 * => returns the address, or 0 if VA or memory ran out, or for a size of
 *    0 or larger than the kernel's VA (user-derived sizes fail, never
 *    panic or wrap). Without NOWAIT it waits for memory, not for VA.
 * => free with uvm_km_free(va, size, same flags).
 */
vaddr_t uvm_km_alloc(vsize_t size, int flags);

/*
 * Frees what uvm_km_alloc returned; never fails, never sleeps.
 * => va and size exactly as allocated (size may be unrounded), the same
 *    flags; a wrong size or address panics.
 * => UVM_KMF_WIRED: unmaps and frees the backing pages.
 * => UVM_KMF_VAONLY: nothing may be mapped in the range any more (the
 *    caller unmaps, unwires and unloans first); panics otherwise.
 */
void uvm_km_free(vaddr_t va, vsize_t size, int flags);

/*
 * A kernel stack: size bytes (page multiple) of wired memory with an
 * unmapped guard page just below, so an overflow faults instead of
 * corrupting whatever lies beneath.
 * => returns the lowest usable address (the stack grows down from
 *    lo + size). Waits for the pagedaemon when memory is short; 0 only
 *    if that cannot help (before it starts).
 */
vaddr_t uvm_km_kstack_alloc(vsize_t size);
void uvm_km_kstack_free(vaddr_t lo, vsize_t size);

/* Pages of kernel VA currently allocated, guard pages included (exact: leak checks). */
uint64_t uvm_km_va_pages(void);

#endif
