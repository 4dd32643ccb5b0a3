/*
 * A known address space for the GDB tests (tests/gdb/uvm.sh) and the
 * fault walk-through (docs/fault-walkthrough.md): four anonymous pages
 * (0 and 1 written, 2 read, 3 never touched), a private file mapping read
 * once, then a fork whose child writes page 0 (a copy-on-write copy) and
 * stops in getppid, where GDB breaks. The child's pageinfo results are in
 * gdbvm_pi so that GDB can compare them with what it walks itself.
 */
#include "uprog.h"

#define PG      4096

volatile long gdbvm_area, gdbvm_file;
struct uvix_pageinfo gdbvm_pi[3];       /* area page 0, area page 1, the file's page 0 */

int umain(long *sp)
{
	(void)sp;
	long a = usys6(SYS_mmap, 0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long fd = usys(SYS_open, (long)"/tests/size12388", O_RDONLY, 0, 0, 0);
	UCHECK(a > 0 && fd >= 0);
	long f = usys6(SYS_mmap, 0, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	UCHECK(f > 0);
	gdbvm_area = a;
	gdbvm_file = f;
	((volatile char *)a)[0] = 1;                    /* 2B zero fill */
	((volatile char *)a)[PG] = 2;
	(void)((volatile char *)a)[2 * PG];             /* zero fill on a read */
	(void)((volatile char *)f)[0];                  /* 2A: the file's page */
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		((volatile char *)a)[0] = 3;            /* 1B: copy on write */
		(void)((volatile char *)a)[PG];         /* 1A: the shared anon, read-only */
		(void)((volatile char *)f)[0];          /* 2A again, in the child */
		UCHECK(usys(SYS_pageinfo, a, (long)&gdbvm_pi[0], 0, 0, 0) == 0);
		UCHECK(usys(SYS_pageinfo, a + PG, (long)&gdbvm_pi[1], 0, 0, 0) == 0);
		UCHECK(usys(SYS_pageinfo, f, (long)&gdbvm_pi[2], 0, 0, 0) == 0);
		usys(SYS_getppid, 0, 0, 0, 0, 0);       /* GDB stops here */
		uexit(0);
	}
	int status = -1;
	UCHECK(pid > 0 && usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid && status == 0);
	return 0;
}
