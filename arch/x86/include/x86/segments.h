/*
 * GDT layout shared by both arches (asm-safe). The order of the user
 * segments follows what amd64 sysret expects (STAR: 32-bit code, data,
 * 64-bit code), so a syscall/sysret entry (not yet: system calls enter
 * with int $0x80) needs no reshuffle.
 */
#ifndef _X86_SEGMENTS_H_
#define _X86_SEGMENTS_H_

#define GSEL_NULL       0
#define GSEL_KCODE      1
#define GSEL_KDATA      2
#define GSEL_UCODE32    3
#define GSEL_UDATA      4
#define GSEL_UCODE64    5
#define GSEL_TSS        6       /* amd64: 16-byte descriptor, slots 6 and 7 */
#define GSEL_DFTSS      8       /* i386: double-fault task */
#define NGDT            9

#define SEL_KPL         0
#define SEL_UPL         3
#define GSEL(s, rpl)    (((s) << 3) | (rpl))

#define KCODE_SEL       GSEL(GSEL_KCODE, SEL_KPL)
#define KDATA_SEL       GSEL(GSEL_KDATA, SEL_KPL)

/* Interrupt vectors. */
#define T_DIVIDE        0
#define T_DEBUG         1
#define T_NMI           2
#define T_BPT           3
#define T_OFLOW         4
#define T_BOUND         5
#define T_ILLOP         6
#define T_DNA           7
#define T_DOUBLEFLT     8
#define T_TSS           10
#define T_SEGNP         11
#define T_STK           12
#define T_GPFLT         13
#define T_PAGEFLT       14
#define T_FPERR         16
#define T_ALIGN         17
#define T_MCHK          18
#define T_SIMD          19
#define T_NEXCEPTIONS   32
#define T_IRQ0          32      /* PIC IRQs 0-15 are remapped to 32-47 */
#define T_NIRQ          16
#define T_SYSCALL       0x80    /* int $0x80 from user mode */
#define T_SPURIOUS      255
#define NIDT            256

#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Access byte of a segment descriptor. */
#define SDA_P           0x80            /* present */
#define SDA_DPL(d)      ((d) << 5)
#define SDA_S           0x10            /* code or data (not system) */
#define SDA_CODE        0x0a            /* execute/read */
#define SDA_DATA        0x02            /* read/write */
#define SDA_TSS         0x09            /* available 32/64-bit TSS */
/* Flags nibble. */
#define SDF_G           0x8             /* 4 KiB granularity */
#define SDF_D           0x4             /* 32-bit default operand size */
#define SDF_L           0x2             /* 64-bit code */

/*
 * A segment descriptor, as the SDM draws it (Vol. 3A, 3.4.5):
 *   63..56 base 31:24 | 55..52 flags | 51..48 limit 19:16 | 47..40 access
 *   39..16 base 23:0  | 15..0 limit 15:0
 */
static inline uint64_t x86_segdesc(uint32_t base, uint32_t limit, int access, int flags)
{
	return (uint64_t)(limit & 0xffff) |
	    (uint64_t)(base & 0xffffff) << 16 |
	    (uint64_t)(access & 0xff) << 40 |
	    (uint64_t)((limit >> 16) & 0xf) << 48 |
	    (uint64_t)(flags & 0xf) << 52 |
	    (uint64_t)(base >> 24) << 56;
}

struct x86_region_desc {
	uint16_t limit;
	uintptr_t base;
} __attribute__((packed));

#define GATE_INTR       0x8e            /* present, DPL 0, interrupt gate */
#define GATE_TASK       0x85            /* present, DPL 0, task gate (i386) */
#define GATE_DPL(d)     ((d) << 5)

/* The exception names, by vector; used by trap reports. */
extern const char *const x86_trap_names[T_NEXCEPTIONS];
#endif
