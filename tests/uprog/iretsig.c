/*
 * A signal handler whose first instruction is iret: in user mode, an
 * iret that pops the handler frame (return address, signal number as
 * CS, info pointer as EFLAGS) must fault, and the process die of
 * SIGSEGV. Under QEMU's TCG on i386 it instead entered virtual-8086
 * mode (the info pointer has EFLAGS.VM set), and the kernel took the
 * next fault for its own and panicked: the trap code now treats
 * virtual-8086 mode as user mode and kills the process.
 */
#include "uprog.h"

int umain(long *sp)
{
	(void)sp;
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		long pg = usys6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		UCHECK(pg > 0);
		*(volatile unsigned char *)pg = 0xcf;           /* iret */
		struct uvix_sigaction a = { (uintptr_t)pg, 0, 0, (uintptr_t)0x12345678 };
		UCHECK(usys(SYS_sigaction, SIGUSR2, (long)&a, 0, 0, 0) == 0);
		usys(SYS_kill, usys(SYS_getpid, 0, 0, 0, 0, 0), SIGUSR2, 0, 0, 0);
		uexit(0);                                       /* never reached */
	}
	int status = -1;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(0, SIGSEGV));
	return 0;
}
