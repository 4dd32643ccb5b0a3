/*
 * The system-call instruction for freestanding user test programs
 * (tests/uprog), which do not use the libc. See kernel/abi/README.md.
 */
#ifndef _MACHINE_USYSCALL_H_
#define _MACHINE_USYSCALL_H_

static inline long usys6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("int $0x80" : "=a"(ret)
	    : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "memory");
	return ret;
}

/* The signal trampoline: what a handler returns to; it calls sigreturn. */
#define USYS_SIGRETURN_TRAMPOLINE(name, sysno)                          \
	__asm__(".text\n.globl " #name "\n" #name ":\n"                 \
	    "\tmovl $" #sysno ", %eax\n\tint $0x80\n\thlt\n")

/* The program's entry: the stack pointer is at argc. */
#define USYS_START(mainfn)                                              \
	__asm__(".text\n.globl _start\n_start:\n"                       \
	    "\tmovq %rsp, %rdi\n\tandq $-16, %rsp\n"                    \
	    "\tcall " #mainfn "\n\thlt\n")

#endif
