/* Page size and protection/address types shared by vm/ and pmap/. */
#ifndef _VM_UVM_PARAM_H_
#define _VM_UVM_PARAM_H_

#include <machine/types.h>

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1u << PAGE_SHIFT)
#define PAGE_MASK       (PAGE_SIZE - 1)

#define trunc_page(x)   ((x) & ~(__typeof__(x))PAGE_MASK)
#define round_page(x)   (((x) + PAGE_MASK) & ~(__typeof__(x))PAGE_MASK)
#define atop(x)         ((x) >> PAGE_SHIFT)     /* address to page number */
#define ptoa(x)         ((paddr_t)(x) << PAGE_SHIFT)

typedef int vm_prot_t;
#define VM_PROT_NONE    0x0
#define VM_PROT_READ    0x1
#define VM_PROT_WRITE   0x2
#define VM_PROT_EXECUTE 0x4
#define VM_PROT_ALL     (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)

#endif
