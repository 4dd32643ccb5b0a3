/* The page-fault handler (vm/uvm_fault.c). */
#ifndef _VM_UVM_FAULT_H_
#define _VM_UVM_FAULT_H_

#include "vm/uvm_map.h"

#define UVM_FAULT_WIRE  0x1     /* wire the page (mlock, vslock) */

/*
 * Resolves a fault at va in map for access_type (VM_PROT_READ, WRITE or
 * EXECUTE), entering the page in the map's pmap.
 * => map unlocked; may sleep (mutexes).
 * => memory running out is not an error: it waits for the pagedaemon.
 * => returns 0; EFAULT if nothing is mapped at va, or the object has no
 *    page there (past end of file); EACCES if the mapping does not allow
 *    the access; EIO if the page could not be read back from swap; EINTR
 *    if a signal came for the process while it waited for memory (the
 *    caller lets the signal be delivered; the access faults again).
 */
int uvm_fault(struct vm_map *map, vaddr_t va, vm_prot_t access_type);
/* The same, with UVM_FAULT_* flags. */
int uvm_fault_internal(struct vm_map *map, vaddr_t va, vm_prot_t access_type, int flags);

/*
 * uvm_fault, and returns in *pgp the page now mapped at va, wired so
 * that it stays resident (the pagedaemon never takes a wired page) until
 * the caller uvm_pageunwire()s it. For the kernel writing into a space
 * that is not the current one (exec builds the new stack this way).
 */
int uvm_fault_hold(struct vm_map *map, vaddr_t va, vm_prot_t access_type,
    struct vm_page **pgp);

#endif
