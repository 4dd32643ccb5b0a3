/*
 * Pipes and SIGKILL: a process that waits on a pipe while another is in
 * the middle of a long write to it dies at once when killed.
 *
 * The long writer writes 1 MiB from a mapping it never touched, in one
 * call: its copy faults a page in every 4 KiB, and it sleeps whenever the
 * ring is full (we do not read yet). A second writer waits for its turn
 * behind it; killed, it must be gone within a second, having written
 * nothing: then we read everything, the long writer's bytes (zeros)
 * only, all of them. The same for a reader waiting behind another reader
 * that waits for data.
 */
#include "uprog.h"
#include "kernel/abi/time.h"

#define LONG_BYTES      (1 << 20)
#define KILL_NS         1000000000L     /* how long a killed one may take to die */

static void nap(long ns)
{
	struct uvix_timespec ts = { 0, ns };
	usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
}

static long now_ns(void)
{
	struct uvix_timespec ts;
	usys(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Kills pid and checks that it is reaped, killed by SIGKILL, within KILL_NS. */
static void kill_and_reap(long pid)
{
	long start = now_ns(), got;
	int status;

	UCHECK(usys(SYS_kill, pid, SIGKILL, 0, 0, 0) == 0);
	while ((got = usys(SYS_waitpid, pid, (long)&status, WNOHANG, 0, 0)) == 0 &&
	    now_ns() - start < KILL_NS)
		nap(10 * 1000 * 1000);
	UCHECK(got == pid);
	UCHECK(status == UVIX_W_EXITCODE(0, SIGKILL));
}

int umain(long *sp)
{
	int fds[2], status;
	static char buf[4096];

	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	long writer = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (writer == 0) {
		long m = usys6(SYS_mmap, 0, LONG_BYTES, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m < 0 && m > -4096)
			uexit(2);
		uexit(usys(SYS_write, fds[1], m, LONG_BYTES, 0, 0) == LONG_BYTES ? 0 : 3);
	}
	nap(100 * 1000 * 1000);                 /* it is inside its write, the ring full */
	long other = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (other == 0) {
		usys(SYS_write, fds[1], (long)"x", 1, 0, 0);
		uexit(4);
	}
	nap(100 * 1000 * 1000);
	kill_and_reap(other);

	/* Everything that comes out is the long writer's, all of it. */
	usys(SYS_close, fds[1], 0, 0, 0, 0);
	long got = 0, n;
	while ((n = usys(SYS_read, fds[0], (long)buf, sizeof(buf), 0, 0)) > 0) {
		for (long i = 0; i < n; i++)
			UCHECK(buf[i] == 0);
		got += n;
	}
	UCHECK(n == 0 && got == LONG_BYTES);
	UCHECK(usys(SYS_waitpid, writer, (long)&status, 0, 0, 0) == writer);
	UCHECK(status == 0);
	usys(SYS_close, fds[0], 0, 0, 0, 0);

	/* Readers: one waits for data, a second one behind it; both die when killed. */
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	long first = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (first == 0)
		uexit(usys(SYS_read, fds[0], (long)buf, 1, 0, 0) == 1 ? 6 : 7);
	nap(50 * 1000 * 1000);
	long second = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (second == 0)
		uexit(usys(SYS_read, fds[0], (long)buf, 1, 0, 0) == 1 ? 8 : 9);
	nap(50 * 1000 * 1000);
	kill_and_reap(second);
	kill_and_reap(first);
	usys(SYS_close, fds[0], 0, 0, 0, 0);
	usys(SYS_close, fds[1], 0, 0, 0, 0);
	return 0;
}
