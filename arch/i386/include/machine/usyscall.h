/*
 * The system-call instruction for freestanding user test programs
 * (tests/uprog), which do not use the libc. See kernel/abi/README.md.
 * The 6th argument goes in %ebp, which the compiler may be using as the
 * frame pointer: it is loaded, and restored, around the int $0x80.
 */
#ifndef _MACHINE_USYSCALL_H_
#define _MACHINE_USYSCALL_H_

static inline long usys6(long n, long a, long b, long c, long d, long e, long f)
{
	long ef[2] = { e, f }, *p = ef;
	__asm__ volatile("pushl %%ebp\n\tmovl 4(%%edi), %%ebp\n\tmovl (%%edi), %%edi\n"
	    "\tint $0x80\n\tpopl %%ebp"
	    : "+a"(n), "+D"(p) : "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
	return n;
}

/* The signal trampoline: what a handler returns to; it calls sigreturn. */
#define USYS_SIGRETURN_TRAMPOLINE(name, sysno)                          \
	__asm__(".text\n.globl " #name "\n" #name ":\n"                 \
	    "\tmovl $" #sysno ", %eax\n\tint $0x80\n\thlt\n")

/* The program's entry: the stack pointer is at argc. */
#define USYS_START(mainfn)                                              \
	__asm__(".text\n.globl _start\n_start:\n"                       \
	    "\tmovl %esp, %eax\n\tandl $-16, %esp\n\tsubl $12, %esp\n"  \
	    "\tpushl %eax\n\tcall " #mainfn "\n\thlt\n")

#endif
