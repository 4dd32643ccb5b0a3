/*
 * i386 machine-dependent start-up: GDT, TSS, IDT, the double-fault task,
 * register dumps. i386_init() is called by locore.S on the boot stack with
 * paging on (boot page tables) and hands over to the MI kmain().
 *
 * A double fault (typically a kernel stack overflow: the CPU cannot push
 * the page-fault frame onto the overflowed stack) is taken through a task
 * gate, so it runs on a fresh stack in a fresh task; the state of the task
 * that faulted is then saved in the main TSS, which we report.
 */
#include <machine/cpu.h>
#include <machine/pmap_md.h>
#include <machine/user.h>
#include <x86/segments.h>
#include "kernel/main.h"
#include "kernel/printf.h"
#include "kernel/trap.h"
#include "kernel/panic.h"
#include "kernel/string.h"

struct i386_tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap;
} __attribute__((packed));

struct i386_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

#define DF_STACK_SIZE 8192

static uint64_t gdt[NGDT];
static struct i386_gate idt[NIDT];
static struct i386_tss tss, df_tss;
static char df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
extern const uintptr_t idt_vectors[];

void i386_init(uint32_t magic, uint32_t info_pa);
void i386_double_fault(void);

static void gdt_init(void)
{
	gdt[GSEL_KCODE] = x86_segdesc(0, 0xfffff, SDA_P | SDA_S | SDA_CODE, SDF_G | SDF_D);
	gdt[GSEL_KDATA] = x86_segdesc(0, 0xfffff, SDA_P | SDA_S | SDA_DATA, SDF_G | SDF_D);
	gdt[GSEL_UCODE32] = x86_segdesc(0, 0xfffff,
	    SDA_P | SDA_DPL(SEL_UPL) | SDA_S | SDA_CODE, SDF_G | SDF_D);
	gdt[GSEL_UDATA] = x86_segdesc(0, 0xfffff,
	    SDA_P | SDA_DPL(SEL_UPL) | SDA_S | SDA_DATA, SDF_G | SDF_D);
	gdt[GSEL_TSS] = x86_segdesc((uint32_t)&tss, sizeof(tss) - 1, SDA_P | SDA_TSS, 0);
	gdt[GSEL_DFTSS] = x86_segdesc((uint32_t)&df_tss, sizeof(df_tss) - 1, SDA_P | SDA_TSS, 0);

	struct x86_region_desc r = { sizeof(gdt) - 1, (uintptr_t)gdt };
	__asm__ volatile("lgdt %0" : : "m"(r));
	__asm__ volatile(
	    "ljmp %0, $1f\n1:\n"
	    "movw %w1, %%ds\n movw %w1, %%es\n movw %w1, %%ss\n"
	    "movw %w1, %%fs\n movw %w1, %%gs\n"
	    : : "i"(KCODE_SEL), "r"(KDATA_SEL) : "memory");

	tss.ss0 = KDATA_SEL;
	tss.iomap = sizeof(tss);        /* no I/O permission bitmap */
	df_tss.eip = (uint32_t)i386_double_fault;
	df_tss.esp = (uint32_t)(df_stack + DF_STACK_SIZE);
	df_tss.eflags = 0x2;
	df_tss.cs = KCODE_SEL;
	df_tss.ss = df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = KDATA_SEL;
	df_tss.cr3 = rcr3();
	df_tss.iomap = sizeof(df_tss);
	__asm__ volatile("ltr %w0" : : "r"(GSEL(GSEL_TSS, SEL_KPL)));
}

static void idt_set(int vec, uintptr_t fn, int type, int sel)
{
	idt[vec].off_lo = fn & 0xffff;
	idt[vec].sel = sel;
	idt[vec].zero = 0;
	idt[vec].type = type;
	idt[vec].off_hi = fn >> 16;
}

static void idt_init(void)
{
	for (int v = 0; v < T_IRQ0 + T_NIRQ; v++)
		idt_set(v, idt_vectors[v], GATE_INTR, KCODE_SEL);
	idt_set(0x80, idt_vectors[T_IRQ0 + T_NIRQ], GATE_INTR | GATE_DPL(SEL_UPL), KCODE_SEL);
	idt_set(T_SPURIOUS, idt_vectors[T_IRQ0 + T_NIRQ + 1], GATE_INTR, KCODE_SEL);
	/* Double faults switch to their own task and stack. */
	idt_set(T_DOUBLEFLT, 0, GATE_TASK, GSEL(GSEL_DFTSS, SEL_KPL));

	struct x86_region_desc r = { sizeof(idt) - 1, (uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(r));
}

void pmap_md_kernel_tables_switched(void)
{
	df_tss.cr3 = rcr3();
}

void md_set_kernel_stack(vaddr_t top)
{
	tss.esp0 = top;
}

void i386_double_fault(void)
{
	trap_double_fault(tss.eip, tss.esp, tss.ebp);
}

void md_trapframe_print(struct trapframe *tf)
{
	printf("eax %08x ebx %08x ecx %08x edx %08x\n",
	    tf->tf_eax, tf->tf_ebx, tf->tf_ecx, tf->tf_edx);
	printf("esi %08x edi %08x ebp %08x esp %08lx\n",
	    tf->tf_esi, tf->tf_edi, tf->tf_fp, (unsigned long)md_trapframe_sp(tf));
	printf("eip %08x eflags %08x cs %04x ds %04x es %04x trapno %u err %#x\n",
	    tf->tf_pc, tf->tf_flags, tf->tf_cs & 0xffff, tf->tf_ds & 0xffff, tf->tf_es & 0xffff,
	    tf->tf_trapno, tf->tf_err);
	md_regs_print();
}

void md_regs_print(void)
{
	printf("cr0 %08lx cr2 %08lx cr3 %08lx cr4 %08lx\n",
	    rcr0(), rcr2(), rcr3(), rcr4());
}

void i386_init(uint32_t magic, uint32_t info_pa)
{
	gdt_init();
	idt_init();
	kmain(magic, info_pa);
}

/* vectors.S uses these offsets; the struct must agree. */
CTASSERT(offsetof(struct trapframe, tf_fp) == TF_OFF_FP);
CTASSERT(offsetof(struct trapframe, tf_pc) == TF_OFF_PC);
