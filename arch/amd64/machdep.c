/*
 * amd64 machine-dependent start-up: GDT, TSS, IDT, register dumps.
 * amd64_init() is called by locore.S on the boot stack in long mode with
 * the boot page tables, and hands over to the MI kmain().
 *
 * A double fault (typically a kernel stack overflow: the CPU cannot push
 * the page-fault frame onto the overflowed stack) runs on its own stack,
 * interrupt stack table entry 1 of the TSS.
 */
#include <machine/cpu.h>
#include <machine/pmap_md.h>
#include <machine/user.h>
#include <x86/segments.h>
#include "kernel/main.h"
#include "kernel/printf.h"
#include "kernel/trap.h"
#include "kernel/panic.h"

struct amd64_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iomap;
} __attribute__((packed));

struct amd64_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, reserved;
} __attribute__((packed));

#define DF_STACK_SIZE   8192
#define IST_DOUBLEFLT   1

static uint64_t gdt[NGDT];
static struct amd64_gate idt[NIDT];
static struct amd64_tss tss;
static char df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
extern const uintptr_t idt_vectors[];

void amd64_init(uint32_t magic, uint32_t info_pa);

static void gdt_init(void)
{
	gdt[GSEL_KCODE] = x86_segdesc(0, 0xfffff, SDA_P | SDA_S | SDA_CODE, SDF_G | SDF_L);
	gdt[GSEL_KDATA] = x86_segdesc(0, 0xfffff, SDA_P | SDA_S | SDA_DATA, SDF_G | SDF_D);
	gdt[GSEL_UCODE32] = x86_segdesc(0, 0xfffff,
	    SDA_P | SDA_DPL(SEL_UPL) | SDA_S | SDA_CODE, SDF_G | SDF_D);
	gdt[GSEL_UDATA] = x86_segdesc(0, 0xfffff,
	    SDA_P | SDA_DPL(SEL_UPL) | SDA_S | SDA_DATA, SDF_G | SDF_D);
	gdt[GSEL_UCODE64] = x86_segdesc(0, 0xfffff,
	    SDA_P | SDA_DPL(SEL_UPL) | SDA_S | SDA_CODE, SDF_G | SDF_L);
	/* The 64-bit TSS descriptor takes two slots; the second holds base 63:32. */
	uintptr_t base = (uintptr_t)&tss;
	gdt[GSEL_TSS] = x86_segdesc((uint32_t)base, sizeof(tss) - 1, SDA_P | SDA_TSS, 0);
	gdt[GSEL_TSS + 1] = base >> 32;

	tss.ist[IST_DOUBLEFLT - 1] = (uintptr_t)(df_stack + DF_STACK_SIZE);
	tss.iomap = sizeof(tss);

	struct x86_region_desc r = { sizeof(gdt) - 1, (uintptr_t)gdt };
	__asm__ volatile("lgdt %0" : : "m"(r));
	__asm__ volatile(
	    "pushq %0\n leaq 1f(%%rip), %%rax\n pushq %%rax\n lretq\n1:\n"
	    "movw %w1, %%ds\n movw %w1, %%es\n movw %w1, %%ss\n"
	    "movw %w1, %%fs\n movw %w1, %%gs\n"
	    : : "i"(KCODE_SEL), "r"(KDATA_SEL) : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(GSEL(GSEL_TSS, SEL_KPL)));
}

static void idt_set(int vec, uintptr_t fn, int type, int ist)
{
	idt[vec].off_lo = fn & 0xffff;
	idt[vec].sel = KCODE_SEL;
	idt[vec].ist = ist;
	idt[vec].type = type;
	idt[vec].off_mid = (fn >> 16) & 0xffff;
	idt[vec].off_hi = fn >> 32;
	idt[vec].reserved = 0;
}

static void idt_init(void)
{
	for (int v = 0; v < T_IRQ0 + T_NIRQ; v++)
		idt_set(v, idt_vectors[v], GATE_INTR, 0);
	idt_set(0x80, idt_vectors[T_IRQ0 + T_NIRQ], GATE_INTR | GATE_DPL(SEL_UPL), 0);
	idt_set(T_SPURIOUS, idt_vectors[T_IRQ0 + T_NIRQ + 1], GATE_INTR, 0);
	idt_set(T_DOUBLEFLT, idt_vectors[T_DOUBLEFLT], GATE_INTR, IST_DOUBLEFLT);

	struct x86_region_desc r = { sizeof(idt) - 1, (uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(r));
}

void md_set_kernel_stack(vaddr_t top)
{
	tss.rsp[0] = top;
}

void pmap_md_kernel_tables_switched(void)
{
}

void md_trapframe_print(struct trapframe *tf)
{
	printf("rax %016lx rbx %016lx rcx %016lx\n", tf->tf_rax, tf->tf_rbx, tf->tf_rcx);
	printf("rdx %016lx rsi %016lx rdi %016lx\n", tf->tf_rdx, tf->tf_rsi, tf->tf_rdi);
	printf("rbp %016lx rsp %016lx r8  %016lx\n", tf->tf_fp, tf->tf_sp, tf->tf_r8);
	printf("r9  %016lx r10 %016lx r11 %016lx\n", tf->tf_r9, tf->tf_r10, tf->tf_r11);
	printf("r12 %016lx r13 %016lx r14 %016lx\n", tf->tf_r12, tf->tf_r13, tf->tf_r14);
	printf("r15 %016lx rip %016lx rflags %08lx\n", tf->tf_r15, tf->tf_pc, tf->tf_flags);
	printf("cs %04lx ss %04lx trapno %lu err %#lx\n", tf->tf_cs, tf->tf_ss,
	    tf->tf_trapno, tf->tf_err);
	md_regs_print();
}

void md_regs_print(void)
{
	printf("cr0 %016lx cr2 %016lx\ncr3 %016lx cr4 %016lx\n",
	    rcr0(), rcr2(), rcr3(), rcr4());
}

void amd64_init(uint32_t magic, uint32_t info_pa)
{
	gdt_init();
	idt_init();
	kmain(magic, info_pa);
}

/* vectors.S uses these offsets; the struct must agree. */
CTASSERT(offsetof(struct trapframe, tf_fp) == TF_OFF_FP);
CTASSERT(offsetof(struct trapframe, tf_pc) == TF_OFF_PC);
