/*
 * uvm_init: brings up the VM system, in this order:
 *   1. uvm_md_physload: RAM ranges into physical segments (arch code)
 *   2. the memory check: too little RAM stops the boot with a message
 *   3. pmap_bootstrap: the kernel's own page tables (pages stolen early)
 *   4. uvm_page_init: vm_page arrays and free lists
 *   5. uvm_km_init, kmem_init: kernel VA and the general allocator
 *   6. uvm_loan_init: the zero page loans lend, and the loan arena
 */
#include "vm/uvm.h"
#include "vm/uvm_page.h"
#include "vm/uvm_physload.h"
#include "vm/uvm_km.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_wire.h"
#include "vm/kmem.h"
#include "vm/uvmexp.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/dev/qemu_exit.h"
#include "pmap/pmap.h"

void uvm_init(void)
{
	uvm_md_physload();

	paddr_t pages = 0;
	for (int i = 0; i < vm_nphysseg; i++)
		pages += vm_physmem[i].avail_end - vm_physmem[i].avail_start;
	if (pages < atop((paddr_t)UVM_MIN_MEMORY_MB << 20)) {
		printf("uvm_init: not enough memory: %llu KiB usable, Uvix needs at "
		    "least %d MiB. Boot with more (QEMU: -m 32M or make MEM=32M).\n",
		    (unsigned long long)ptoa(pages) >> 10, UVM_MIN_MEMORY_MB);
		halt(QEMU_EXIT_NO_MEMORY);
	}

	pmap_bootstrap();
	uvm_page_init();
	uvm_km_init();
	kmem_init();
	printf("uvm: %lld pages (%lld KiB) managed, %lld free, in %d segments\n",
	    (long long)uvmexp.npages, (long long)uvmexp.npages * PAGE_SIZE / 1024,
	    (long long)uvmexp.free, vm_nphysseg);
	uvm_loan_init();
	uvm_wire_init();
}
