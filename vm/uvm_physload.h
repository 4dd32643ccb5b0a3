/*
 * The machine-dependent hook that feeds RAM to uvm_page_physload()
 * (x86: arch/x86/physload.c), and the boot-time memory check.
 */
#ifndef _VM_UVM_PHYSLOAD_H_
#define _VM_UVM_PHYSLOAD_H_

/* Fewer usable pages than this and Uvix refuses to boot, saying why. */
#define UVM_MIN_MEMORY_MB       12

void uvm_md_physload(void);

#endif
