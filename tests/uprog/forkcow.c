/*
 * fork and copy-on-write, as a process sees them: 64 heap pages with a
 * pattern; the child changes every other page and checks all of them;
 * the parent, after waiting, checks its own are untouched; nested forks
 * (a grandchild) see the same isolation; wait statuses come back right.
 */
#include "uprog.h"

#define NPAGES  64
#define PG      4096

static void fill(char *base, int from, int step, char add)
{
	for (int i = from; i < NPAGES; i += step)
		for (int j = 0; j < PG; j += 512)
			base[i * PG + j] = (char)(i + add);
}

static int check(char *base, int from, int step, char add)
{
	for (int i = from; i < NPAGES; i += step)
		for (int j = 0; j < PG; j += 512)
			if (base[i * PG + j] != (char)(i + add))
				return 0;
	return 1;
}

int umain(long *sp)
{
	long brk0 = usys(SYS_brk, 0, 0, 0, 0, 0);
	UCHECK(brk0 > 0);
	UCHECK(usys(SYS_brk, brk0 + NPAGES * PG, 0, 0, 0, 0) == brk0 + NPAGES * PG);
	char *heap = (char *)brk0;
	fill(heap, 0, 1, 0);

	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	UCHECK(pid >= 0);
	if (pid == 0) {
		fill(heap, 0, 2, 100);                  /* even pages change */
		if (!check(heap, 0, 2, 100) || !check(heap, 1, 2, 0))
			uexit(3);
		long gpid = usys(SYS_fork, 0, 0, 0, 0, 0);
		if (gpid == 0) {
			fill(heap, 1, 2, 50);           /* the grandchild's odd pages */
			uexit(check(heap, 0, 2, 100) && check(heap, 1, 2, 50) ? 9 : 4);
		}
		int st = 0;
		if (usys(SYS_waitpid, gpid, (long)&st, 0, 0, 0) != gpid || st != UVIX_W_EXITCODE(9, 0))
			uexit(5);
		uexit(check(heap, 1, 2, 0) ? 7 : 6);     /* the grandchild's writes stayed there */
	}
	int status = 0;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(7, 0));
	UCHECK(check(heap, 0, 1, 0));                   /* the parent saw nothing */
	UCHECK(usys(SYS_waitpid, -1, 0, 0, 0, 0) == -ECHILD);
	/* WNOHANG with a live child returns 0. */
	pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		struct uvix_timespec ts = { 0, 50 * 1000 * 1000 };
		usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
		uexit(0);
	}
	UCHECK(usys(SYS_waitpid, pid, (long)&status, WNOHANG, 0, 0) == 0);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	return 0;
}
