/* The page-fault handler (vm/uvm_fault.c). */
#ifndef _VM_UVM_FAULT_H_
#define _VM_UVM_FAULT_H_

#include "vm/uvm_map.h"

#define UVM_FAULT_WIRE  0x1     /* wire the page (mlock, vslock) */

/*
 * Resolves a fault at va in map for access_type (VM_PROT_READ, WRITE or
 * EXECUTE), entering the page in the map's pmap.
 * => map unlocked; may sleep (mutexes).
 * => returns 0; EFAULT if nothing is mapped at va, or the object has no
 *    page there (past end of file); EACCES if the mapping does not allow
 *    the access; ENOMEM if memory ran out.
 */
int uvm_fault(struct vm_map *map, vaddr_t va, vm_prot_t access_type);
/* The same, with UVM_FAULT_* flags. */
int uvm_fault_internal(struct vm_map *map, vaddr_t va, vm_prot_t access_type, int flags);

#endif
