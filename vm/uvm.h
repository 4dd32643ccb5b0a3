/* The VM system's entry point for the boot sequence (kernel/main.c). */
#ifndef _VM_UVM_H_
#define _VM_UVM_H_

/* Brings up physical memory, the kernel pmap, kernel VA and kmem. */
void uvm_init(void);

#endif
