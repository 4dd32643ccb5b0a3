/* FPU and SSE state (see <x86/fpu.h>). */
#include <x86/cpu.h>
#include <x86/fpu.h>
#include "kernel/printf.h"
#include "kernel/string.h"

#define CR0_MP          0x00000002      /* monitor coprocessor */
#define CR0_EM          0x00000004      /* emulate: no FPU */
#define CR0_TS          0x00000008      /* task switched: trap on first use */
#define CR0_NE          0x00000020      /* native FPU error reporting */
#define CR4_OSFXSR      0x00000200      /* fxsave/fxrstor and SSE */
#define CR4_OSXMMEXCPT  0x00000400      /* SSE exceptions as #XM */
#define CPUID_EDX_FXSR  (1u << 24)
#define CPUID_EDX_SSE   (1u << 25)
#define MXCSR_DEFAULT   0x1f80          /* all exceptions masked, round to nearest */
#define MXCSR_OFFSET    24              /* in the fxsave area */
#define MXCSR_MASK_OFF  28

static bool have_fxsr;
static struct md_fpu clean;
static uint32_t mxcsr_mask = 0xffbf;

void fpu_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	have_fxsr = (d & CPUID_EDX_FXSR) != 0;
	lcr0((rcr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	if (have_fxsr)
		lcr4(rcr4() | CR4_OSFXSR | ((d & CPUID_EDX_SSE) ? CR4_OSXMMEXCPT : 0));
	__asm__ volatile("fninit");
	if (have_fxsr) {
		uint32_t m = MXCSR_DEFAULT;
		if (d & CPUID_EDX_SSE)
			__asm__ volatile("ldmxcsr %0" : : "m"(m));
	}
	md_fpu_save(&clean);
	if (have_fxsr) {
		uint32_t mask;
		memcpy(&mask, clean.area + MXCSR_MASK_OFF, sizeof(mask));
		if (mask)
			mxcsr_mask = mask;
	}
	printf("fpu: %s, %s\n", have_fxsr ? "fxsave" : "fnsave",
	    (d & CPUID_EDX_SSE) ? "SSE on" : "no SSE");
}

void md_fpu_clean(struct md_fpu *f)
{
	*f = clean;
}

void md_fpu_save(struct md_fpu *f)
{
	if (have_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*f));
	else
		__asm__ volatile("fnsave %0; fwait" : "=m"(*f));
}

void md_fpu_restore(const struct md_fpu *f)
{
	if (have_fxsr)
		__asm__ volatile("fxrstor %0" : : "m"(*f));
	else
		__asm__ volatile("frstor %0" : : "m"(*f));
}

void md_fpu_sanitize(struct md_fpu *f)
{
	if (have_fxsr) {
		uint32_t m;
		memcpy(&m, f->area + MXCSR_OFFSET, sizeof(m));
		m &= mxcsr_mask;
		memcpy(f->area + MXCSR_OFFSET, &m, sizeof(m));
	}
}
