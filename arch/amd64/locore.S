/*
 * amd64 boot entry. The loader (QEMU -kernel or GRUB, multiboot v1 or v2)
 * enters `start` in 32-bit protected mode with paging off, EAX = boot
 * magic and EBX = physical address of the boot information. QEMU refuses
 * to load an ELF64 by its ELF headers, so the multiboot headers use the
 * a.out kludge (v1 flag bit 16, v2 address tag): the loader copies the
 * file image to the physical addresses given here, whatever the ELF class.
 *
 * Before anything else we check CPUID for long mode and, on a CPU without
 * it, print a message and stop (a 64-bit kernel would triple-fault).
 * Then 2 MiB boot pages map physical 0 - 1 GiB three times: identity (to
 * survive the switch), at the direct map and at KERNBASE, and we enter
 * long mode. The real page tables come later from pmap_bootstrap().
 */
#include <machine/vmparam.h>
#include <x86/multiboot.h>
#include <x86/specialreg.h>

#define PHYS(x)         ((x) - KERNBASE)
#define PG_P            0x001
#define PG_RW           0x002
#define PG_PS           0x080
#define COM1            0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define EXIT_NO_LONG_MODE 0x15   /* QEMU_EXIT_NO_LONG_MODE */

#include <x86/multiboot_header.S>

	.section .text.boot, "ax"
	.code32
	.globl start
start:
	cli
	cld
	movl %eax, PHYS(boot_magic)
	movl %ebx, PHYS(boot_info_pa)
	movl $PHYS(boot_stack_top), %esp

	/* Long mode? */
	movl $0x80000000, %eax
	cpuid
	cmpl $CPUID_EXT_FEATURES, %eax
	jb no_long_mode
	movl $CPUID_EXT_FEATURES, %eax
	cpuid
	testl $CPUID_EXT_EDX_LM, %edx
	jz no_long_mode

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

	movl $(PHYS(boot_pd) + PG_P + PG_RW), %eax
	movl %eax, PHYS(boot_pdpt_low)              /* [0]: 0 - 1 GiB */
	movl %eax, PHYS(boot_pdpt_high) + 510 * 8   /* [510]: -2 GiB */
	movl $(PHYS(boot_pdpt_low) + PG_P + PG_RW), %eax
	movl %eax, PHYS(boot_pml4)                  /* identity */
	movl %eax, PHYS(boot_pml4) + 256 * 8        /* direct map */
	movl $(PHYS(boot_pdpt_high) + PG_P + PG_RW), %eax
	movl %eax, PHYS(boot_pml4) + 511 * 8        /* KERNBASE */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt PHYS(boot_gdt_desc)
	ljmp $8, $PHYS(start64)

no_long_mode:
	movl $PHYS(no_lm_msg), %esi
	movl $0xb8000, %edi
2:	movzbl (%esi), %eax
	testl %eax, %eax
	jz 4f
	movb $0x4f, %ah                 /* white on red */
	movw %ax, (%edi)
	addl $2, %edi
	movl %eax, %ebx
	movw $(COM1 + 5), %dx           /* wait for the UART's transmitter */
3:	inb %dx, %al
	testb $0x20, %al
	jz 3b
	movl %ebx, %eax
	movw $COM1, %dx
	outb %al, %dx
	incl %esi
	jmp 2b
4:	movb $EXIT_NO_LONG_MODE, %al
	movw $DEBUG_EXIT_PORT, %dx
	outb %al, %dx
5:	hlt
	jmp 5b

	.code64
start64:
	movabsq $high64, %rax
	jmp *%rax

	.section .rodata.boot, "a"
no_lm_msg:
	.ascii "Uvix: this is the amd64 kernel and this CPU has no long mode. "
	.asciz "Boot build/i386/uvix instead, or use qemu-system-x86_64.\r\n"
	.p2align 3
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 64-bit kernel code */
	.quad 0x00cf92000000ffff        /* kernel data */
boot_gdt_desc:
	.short boot_gdt_desc - boot_gdt - 1
	.long PHYS(boot_gdt)

	.text
	/* The outermost frame: CFI says so, so GDB's backtrace stops here. */
	.cfi_sections .debug_frame
	.type high64, @function
high64:
	.cfi_startproc
	.cfi_undefined rip
	movl $0x10, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp                 /* ends the backtrace */
	movl boot_magic(%rip), %edi
	movl boot_info_pa(%rip), %esi
	call amd64_init
6:	hlt
	jmp 6b
	.cfi_endproc
	.size high64, . - high64

	.data
	.globl boot_magic, boot_info_pa
boot_magic:     .long 0
boot_info_pa:   .long 0

	.bss
	.p2align 12
boot_pml4:      .space 4096
boot_pdpt_low:  .space 4096
boot_pdpt_high: .space 4096
boot_pd:        .space 4096
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard: .space 4096
boot_stack:     .space 16384
boot_stack_top:
