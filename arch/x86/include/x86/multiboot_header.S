/*
 * The multiboot v1 and v2 headers, #included by both arches' locore.S
 * (after they define PHYS(x), the physical address of symbol x).
 *
 * Both use the load-address form (v1: the a.out kludge, flag bit 16; v2:
 * the address tag), so the loader copies the file image from
 * kernel_start to kernel_load_end to its physical place, zeroes to
 * kernel_end and jumps to start, whatever the ELF class: QEMU's -kernel
 * refuses ELF64 otherwise. linker.ld keeps the file image and memory
 * layout identical for this.
 */
	.section .multiboot, "a"
	.p2align 3
	.globl mb1_header
mb1_header:
	.long MB1_HEADER_MAGIC
	.long MB1_FLAGS
	.long -(MB1_HEADER_MAGIC + MB1_FLAGS)
	.long PHYS(mb1_header)          /* header_addr */
	.long PHYS(kernel_start)        /* load_addr */
	.long PHYS(kernel_load_end)     /* load_end_addr */
	.long PHYS(kernel_end)          /* bss_end_addr */
	.long PHYS(start)               /* entry_addr */

	.p2align 3
mb2_header:
	.long MB2_HEADER_MAGIC
	.long 0                         /* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	.short MB2_TAG_ADDRESS, 0
	.long 24
	.long PHYS(mb2_header)
	.long PHYS(kernel_start)
	.long PHYS(kernel_load_end)
	.long PHYS(kernel_end)
	.short MB2_TAG_ENTRY, 0
	.long 12
	.long PHYS(start)
	.p2align 3
	.short MB2_TAG_END, 0
	.long 8
mb2_header_end:
