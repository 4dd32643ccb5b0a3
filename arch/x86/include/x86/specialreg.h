/* x86 control registers, EFER and CPUID feature bits (asm-safe). */
#ifndef _X86_SPECIALREG_H_
#define _X86_SPECIALREG_H_

#define CR0_PE          0x00000001      /* protected mode */
#define CR0_WP          0x00010000      /* supervisor writes honour R/O PTEs */
#define CR0_PG          0x80000000      /* paging */
#define CR4_PSE         0x00000010
#define CR4_PAE         0x00000020
#define CR4_PGE         0x00000080

#define MSR_EFER        0xc0000080
#define EFER_LME        0x00000100      /* long mode enable */
#define EFER_NXE        0x00000800      /* no-execute PTE bit enable */

#define CPUID_EXT_FEATURES      0x80000001
#define CPUID_EXT_EDX_NX        (1u << 20)
#define CPUID_EXT_EDX_LM        (1u << 29)

#define PSL_IF          0x00000200      /* interrupt enable flag */
#define PSL_VM          0x00020000      /* virtual-8086 mode (i386 only) */

#endif
