/*
 * i386 boot entry. The loader (QEMU -kernel or GRUB, multiboot v1 or v2)
 * jumps to `start` in 32-bit protected mode with paging off, EAX = boot
 * magic and EBX = physical address of the boot information.
 *
 * We build just enough paging to run at our link address: a PAE page
 * directory of 2 MiB pages mapping physical 0 - 1 GiB, entered twice in
 * the PDPT, at 0 (identity, to survive the jump) and at KERNBASE. The
 * kernel's real page tables are built later in C by pmap_bootstrap().
 */
#include <machine/vmparam.h>
#include <x86/multiboot.h>
#include <x86/specialreg.h>

#define PHYS(x)         ((x) - KERNBASE)
#define PG_P            0x001
#define PG_RW           0x002
#define PG_PS           0x080

#include <x86/multiboot_header.S>

	.section .text.boot, "ax"
	.code32
	.globl start
start:
	cli
	cld
	movl %eax, PHYS(boot_magic)
	movl %ebx, PHYS(boot_info_pa)

	/* Page directory: 512 entries of 2 MiB, physical 0 - 1 GiB. */
	movl $PHYS(boot_pd), %edi
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PG_P | PG_RW | PG_PS), %eax
	movl %eax, (%edi, %ecx, 8)
	movl $0, 4(%edi, %ecx, 8)
	incl %ecx
	cmpl $512, %ecx
	jne 1b

	movl $PHYS(boot_pdpt), %edi
	movl $(PHYS(boot_pd) + PG_P), %eax
	movl %eax, 0(%edi)              /* 0x00000000: identity */
	movl %eax, 24(%edi)             /* 0xc0000000: KERNBASE */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pdpt), %eax
	movl %eax, %cr3
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	movl $high, %eax
	jmp *%eax

	.text
	/* The outermost frame: CFI says so, so GDB's backtrace stops here. */
	.cfi_sections .debug_frame
	.type high, @function
high:
	.cfi_startproc
	.cfi_undefined eip
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp                 /* ends the backtrace */
	pushl boot_info_pa
	pushl boot_magic
	call i386_init
	/* not reached */
2:	hlt
	jmp 2b
	.cfi_endproc
	.size high, . - high

	.data
	.globl boot_magic, boot_info_pa
boot_magic:     .long 0
boot_info_pa:   .long 0

	.bss
	.p2align 12
boot_pdpt:      .space 4096
boot_pd:        .space 4096
	/* The boot thread's stack, with an unmapped guard page below it. */
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard: .space 4096
boot_stack:     .space 16384
boot_stack_top:
