/*
 * Workloads that fragment kernel memory, each of which once ended in
 * "km_va_free: more than 256 holes in kernel VA": 600 touched regions
 * (each with its map entry and amap) unmapped every other one, then the
 * rest; and as many children as the process limit allows (up to 450),
 * every other one killed, then the rest reaped. Each must simply work.
 */
#include "uprog.h"

#define PG      4096
#define NREG    600
#define NKIDS   450

static long regions[NREG];
static long kids[NKIDS];

int umain(long *sp)
{
	(void)sp;
	for (int i = 0; i < NREG; i++) {
		/* Alternate protections: neighbours never merge into one entry. */
		int prot = PROT_READ | PROT_WRITE | (i % 2 ? PROT_EXEC : 0);
		regions[i] = usys6(SYS_mmap, 0, PG, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		UCHECK(regions[i] > 0);
		*(volatile char *)regions[i] = (char)i;
	}
	for (int pass = 0; pass < 2; pass++)
		for (int i = pass; i < NREG; i += 2) {
			UCHECK(*(volatile char *)regions[i] == (char)i);
			UCHECK(usys(SYS_munmap, regions[i], PG, 0, 0, 0) == 0);
		}

	int n = 0;
	while (n < NKIDS) {
		long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
		if (pid == 0) {
			struct uvix_timespec ts = { 3600, 0 };
			for (;;)
				usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
		}
		if (pid < 0) {
			UCHECK(pid == -EAGAIN);         /* the process limit, nothing else */
			break;
		}
		kids[n++] = pid;
	}
	UCHECK(n >= 16);
	for (int pass = 0; pass < 2; pass++)
		for (int i = pass; i < n; i += 2) {
			int status = -1;
			UCHECK(usys(SYS_kill, kids[i], SIGKILL, 0, 0, 0) == 0);
			UCHECK(usys(SYS_waitpid, kids[i], (long)&status, 0, 0, 0) == kids[i]);
			UCHECK(status == UVIX_W_EXITCODE(0, SIGKILL));
		}
	return 0;
}
