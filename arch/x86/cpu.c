/* CPU identification and feature enabling, shared by i386 and amd64. */
#include <machine/cpu.h>
#include <x86/fpu.h>
#include "kernel/printf.h"
#include "kernel/string.h"

#define CPUID_FEATURES          1
#define CPUID_EDX_PGE           (1u << 13)

struct x86_cpu_features cpu_features;

void x86_cpu_init(void)
{
	uint32_t a, b, c, d, max_ext;

	cpuid(0, &a, &b, &c, &d);
	memcpy(cpu_features.vendor + 0, &b, 4);
	memcpy(cpu_features.vendor + 4, &d, 4);
	memcpy(cpu_features.vendor + 8, &c, 4);
	cpu_features.vendor[12] = '\0';

	cpuid(CPUID_FEATURES, &a, &b, &c, &d);
	cpu_features.pge = (d & CPUID_EDX_PGE) != 0;

	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (max_ext >= CPUID_EXT_FEATURES) {
		cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
		cpu_features.nx = (d & CPUID_EXT_EDX_NX) != 0;
	}
	if (cpu_features.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	fpu_init();
}

void x86_cpu_print(void)
{
	printf("cpu: %s, NX %s, PGE %s\n", cpu_features.vendor,
	    cpu_features.nx ? "on" : "absent (data pages stay executable)",
	    cpu_features.pge ? "yes" : "no");
}
