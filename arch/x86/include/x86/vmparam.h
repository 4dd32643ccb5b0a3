/* The part of the memory layout both x86 arches share (asm-safe). */
#ifndef _X86_VMPARAM_H_
#define _X86_VMPARAM_H_

/*
 * Physical free lists: pages below 16 MiB (reachable by ISA DMA) are kept
 * apart and handed out last. uvm_pagealloc tries the lists in index order.
 */
#define VM_NFREELIST            2
#define VM_FREELIST_DEFAULT     0
#define VM_FREELIST_FIRST16     1
#define VM_FREELIST_FIRST16_END 0x1000000

#endif
