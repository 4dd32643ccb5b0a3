/*
 * The fault trace (faulttrace(2), the program faults) against the
 * counters `vmstat -s` prints: with vm.fault_trace on, zero fill,
 * copy-on-write after fork (in a child), reads of anons and of a file, a
 * private copy of a file page and a refused access (the kernel's copy into
 * a hole) move each total of the trace by exactly what its uvmexp counter
 * moves, and the ring holds this process's records. The setting is put
 * back at the end.
 */
#include "uprog.h"
#include "kernel/abi/faulttrace.h"
#include "vm/uvmexp.h"

#define PG      4096
#define N       8

static struct uvix_fault_stats st[2];
static struct uvmexp u[2];
static struct uvix_fault_rec recs[UVIX_FTRACE_RING];

/* Both buffers are static and touched first: no fault between the two reads. */
static void snapshot(int i)
{
	for (unsigned k = 0; k < sizeof(st[i]); k++)
		((volatile char *)&st[i])[k] = 0;
	for (unsigned k = 0; k < sizeof(u[i]); k++)
		((volatile char *)&u[i])[k] = 0;
	UCHECK(usys(SYS_faulttrace, 0, 0, 0, (long)&st[i], 0) == 0);
	UCHECK(usys(SYS_uvmexp, (long)&u[i], sizeof(u[i]), 0, 0, 0) == sizeof(u[i]));
}

static void same(uint64_t t0, uint64_t t1, int64_t u0, int64_t u1, int must_move)
{
	UCHECK((int64_t)(t1 - t0) == u1 - u0);
	UCHECK(!must_move || t1 > t0);
}

int umain(long *sp)
{
	int one = 1, was = -1;
	(void)sp;
	UCHECK(usys(SYS_sysctl, (long)"vm.fault_trace", (long)&was, (long)&one, 0, 0) == 0);
	/* Bad arguments first: refused, the trace left alone. */
	UCHECK(usys(SYS_faulttrace, 0, 0, -1, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_faulttrace, 0, 0, UVIX_FTRACE_RING + 1, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_faulttrace, 0, 0, 0, 8, 0) == -EFAULT);
	snapshot(0);

	long a = usys6(SYS_mmap, 0, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long fd = usys(SYS_open, (long)"/tests/size12388", O_RDONLY, 0, 0, 0);
	UCHECK(a > 0 && fd >= 0);
	long f = usys6(SYS_mmap, 0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	UCHECK(f > 0);
	for (int i = 0; i < N; i++)
		((volatile char *)a)[i * PG] = (char)i;                 /* 2B zero */
	char sum = ((volatile char *)f)[0] + ((volatile char *)f)[PG];  /* 2A */
	((volatile char *)f)[2 * PG] = sum;                             /* 2B copy */
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		for (int i = 0; i < N; i++)
			((volatile char *)a)[i * PG] += 1;              /* 1B */
		uexit(0);
	}
	int status = -1;
	UCHECK(pid > 0 && usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid && status == 0);
	UCHECK(((volatile char *)a)[0] == 0);                           /* 1A: ours again */
	/* Refused: the kernel's copy into a hole faults, and read says EFAULT. */
	UCHECK(usys(SYS_munmap, a, PG, 0, 0, 0) == 0);
	UCHECK(usys(SYS_read, fd, a, 10, 0, 0) == -EFAULT);
	snapshot(1);
	long n = usys(SYS_faulttrace, (long)st[0].fs_next_seq, (long)recs, UVIX_FTRACE_RING, 0, 0);
	UCHECK(usys(SYS_faulttrace, 0, 8, 4, 0, 0) == -EFAULT);         /* records to copy */
	UCHECK(usys(SYS_sysctl, (long)"vm.fault_trace", 0, (long)&was, 0, 0) == 0);

	same(st[0].fs_faults, st[1].fs_faults, u[0].faults, u[1].faults, 1);
	same(st[0].fs_case[UVIX_FLT_1A], st[1].fs_case[UVIX_FLT_1A], u[0].flt_anon, u[1].flt_anon, 1);
	same(st[0].fs_case[UVIX_FLT_1B], st[1].fs_case[UVIX_FLT_1B], u[0].flt_acow, u[1].flt_acow, 1);
	same(st[0].fs_case[UVIX_FLT_2A], st[1].fs_case[UVIX_FLT_2A], u[0].flt_obj, u[1].flt_obj, 1);
	same(st[0].fs_case[UVIX_FLT_2B_COPY], st[1].fs_case[UVIX_FLT_2B_COPY],
	    u[0].flt_prcopy, u[1].flt_prcopy, 1);
	same(st[0].fs_case[UVIX_FLT_2B_ZERO], st[1].fs_case[UVIX_FLT_2B_ZERO],
	    u[0].flt_przero, u[1].flt_przero, 1);
	same(st[0].fs_swapin, st[1].fs_swapin, u[0].flt_swapin, u[1].flt_swapin, 0);
	same(st[0].fs_loanbreaks, st[1].fs_loanbreaks, u[0].loanbreaks, u[1].loanbreaks, 0);
	same(st[0].fs_refused, st[1].fs_refused, u[0].flt_bad, u[1].flt_bad, 1);
	/* The ring has every record since the first snapshot (fewer than its size). */
	UCHECK(st[1].fs_faults - st[0].fs_faults < UVIX_FTRACE_RING);
	UCHECK(n == (long)(st[1].fs_faults - st[0].fs_faults));
	int zero = 0, cow = 0, refused = 0;
	long me = usys(SYS_getpid, 0, 0, 0, 0, 0);
	for (long i = 0; i < n; i++) {
		UCHECK(recs[i].fr_seq == st[0].fs_next_seq + (uint64_t)i);
		zero += recs[i].fr_pid == me && recs[i].fr_case == UVIX_FLT_2B_ZERO &&
		    recs[i].fr_va >= (uint64_t)a && recs[i].fr_va < (uint64_t)a + N * PG;
		cow += recs[i].fr_pid == pid && recs[i].fr_case == UVIX_FLT_1B;
		refused += recs[i].fr_pid == me && recs[i].fr_error == EFAULT &&
		    recs[i].fr_va == (uint64_t)a;
	}
	UCHECK(zero == N);
	UCHECK(cow == N);
	UCHECK(refused >= 1);    /* the kernel's copy may try twice */
	return 0;
}
