/*
 * The mmap family as a process sees it: anonymous private memory,
 * munmap of the middle of a mapping (the rest stays), MAP_FIXED into the
 * hole, mprotect of the middle to read-only (a write there is SIGSEGV,
 * the rest stays writable), an unmapped page is SIGSEGV, a private file
 * mapping reads the file and a write stays private, a shared anonymous
 * mapping is shared across fork, a shared writable file mapping is
 * refused (the initrd is read-only).
 */
#include "uprog.h"

#define PG      4096

static long map(long addr, long len, int prot, int flags, int fd)
{
	return usys6(SYS_mmap, addr, len, prot, flags, fd, 0);
}

/* Runs fn in a child; returns its wait status. */
static int in_child(void (*fn)(char *), char *arg)
{
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		fn(arg);
		uexit(0);
	}
	int status = -1;
	usys(SYS_waitpid, pid, (long)&status, 0, 0, 0);
	return status;
}

static void write_at(char *p) { *(volatile char *)p = 1; }

int umain(long *sp)
{
	int rw = PROT_READ | PROT_WRITE, priv = MAP_PRIVATE | MAP_ANONYMOUS;
	long a = map(0, 8 * PG, rw, priv, -1);
	UCHECK(a > 0 && (a & (PG - 1)) == 0);
	char *p = (char *)a;
	for (int i = 0; i < 8; i++)
		p[i * PG] = (char)(i + 1);

	/* munmap the middle: pages 3 and 4 go, the others stay. */
	UCHECK(usys(SYS_munmap, a + 3 * PG, 2 * PG, 0, 0, 0) == 0);
	UCHECK(p[2 * PG] == 3 && p[5 * PG] == 6);
	UCHECK(in_child(write_at, p + 3 * PG) == UVIX_W_EXITCODE(0, SIGSEGV));
	/* MAP_FIXED into the hole: a fresh zero page. */
	UCHECK(map(a + 3 * PG, PG, rw, priv | MAP_FIXED, -1) == a + 3 * PG);
	UCHECK(p[3 * PG] == 0);
	p[3 * PG] = 9;
	/* mprotect the middle read-only: writes there fault, around it not. */
	UCHECK(usys(SYS_mprotect, a + PG, 2 * PG, PROT_READ, 0, 0) == 0);
	UCHECK(p[PG] == 2);
	UCHECK(in_child(write_at, p + PG) == UVIX_W_EXITCODE(0, SIGSEGV));
	UCHECK(in_child(write_at, p) == UVIX_W_EXITCODE(0, 0));
	UCHECK(in_child(write_at, p + 3 * PG) == UVIX_W_EXITCODE(0, 0));
	UCHECK(usys(SYS_munmap, a, 8 * PG, 0, 0, 0) == 0);

	/* A private mapping of a file: its bytes; a write stays ours. */
	long fd = usys(SYS_open, (long)"/tests/hello.txt", O_RDONLY, 0, 0, 0);
	UCHECK(fd >= 0);
	char first;
	UCHECK(usys(SYS_read, fd, (long)&first, 1, 0, 0) == 1);
	long f = map(0, PG, rw, MAP_PRIVATE, fd);
	UCHECK(f > 0 && ((char *)f)[0] == first);
	((char *)f)[0] = first + 1;
	long f2 = map(0, PG, PROT_READ, MAP_PRIVATE, fd);
	UCHECK(f2 > 0 && ((char *)f2)[0] == first);     /* the file did not change */
	UCHECK(map(0, PG, rw, MAP_SHARED, fd) == -EACCES);
	UCHECK(map(0, PG, PROT_READ, MAP_SHARED, fd) > 0);

	/* Shared anonymous memory is shared with a child. */
	char *s = (char *)map(0, PG, rw, MAP_SHARED | MAP_ANONYMOUS, -1);
	UCHECK((long)s > 0);
	s[0] = 1;
	UCHECK(in_child(write_at, s + 100) == 0);
	UCHECK(s[100] == 1);
	/* Private anonymous memory is not. */
	char *q = (char *)map(0, PG, rw, priv, -1);
	q[100] = 5;
	UCHECK(in_child(write_at, q + 100) == 0);
	UCHECK(q[100] == 5);
	return 0;
}
