/*
 * The user stack grows on demand: a deep recursion touches about 2 MiB
 * of it, page by page, and comes back intact; below the 8 MiB reserved
 * for it lies a guard: touching there kills the process with SIGSEGV.
 */
#include "uprog.h"

static long deep(int n)
{
	volatile char pad[1000];
	pad[0] = (char)n;
	pad[999] = (char)n;
	long r = n ? deep(n - 1) : 0;
	return r + pad[0] + pad[999] - 2 * (char)n + 1;
}

int umain(long *sp)
{
	UCHECK(deep(2000) == 2001);
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		volatile char *below = (volatile char *)sp - 9 * 1024 * 1024;
		*below = 1;             /* past the stack's 8 MiB: the guard */
		uexit(1);
	}
	int status;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(0, SIGSEGV));
	return 0;
}
