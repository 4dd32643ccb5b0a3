/* The page-fault handler (vm/uvm_fault.c). */
#ifndef _VM_UVM_FAULT_H_
#define _VM_UVM_FAULT_H_

#include "vm/uvm_map.h"

#define UVM_FAULT_WIRE  0x1     /* the page takes a wiring: vm/uvm_wire.c's faults only */

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
 * uvm_fault for a process's own access (the trap handler), which tells
 * in *majorp whether the fault had to read the page back from swap (a
 * major fault, getrusage's ru_majflt; the others are minor).
 */
int uvm_fault_user(struct vm_map *map, vaddr_t va, vm_prot_t access_type, bool *majorp);

/*
 * The fault a wiring makes (vm/uvm_wire.c) for the page at va: it gives
 * the page the entry's one wiring (wire_count + 1) and maps it wired
 * with the entry's protection (nothing is mapped for PROT_NONE, the page
 * is wired all the same). Copy-on-write is resolved now in a writable
 * private entry; a loan of the page is broken first, so that a wired
 * page is never lent.
 * => map locked (and kept); va page-aligned, inside an entry.
 * => does not wait: returns 0, ENOMEM (the caller lets go of the map,
 *    waits for memory and starts over), EFAULT (past the end of the
 *    object), EIO (the page could not be read back from swap).
 */
int uvm_fault_wire_locked(struct vm_map *map, vaddr_t va);

/*
 * uvm_fault, and returns in *pgp the page now mapped at va, wired so
 * that it stays resident (the pagedaemon never takes a wired page) until
 * the caller uvm_pageunwire()s it. For the kernel writing into a space
 * that is not the current one (exec builds the new stack this way).
 */
int uvm_fault_hold(struct vm_map *map, vaddr_t va, vm_prot_t access_type,
    struct vm_page **pgp);

#endif
