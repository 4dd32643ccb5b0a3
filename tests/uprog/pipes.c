/*
 * Pipes: 20000 bytes through a pipe between processes, in order, then end
 * of file; writing with no reader gives EPIPE (SIGPIPE ignored) or kills
 * with SIGPIPE (default). fstat: both ends of a pipe have one st_ino,
 * two pipes two, and it is a small number, not a kernel address.
 */
#include <machine/vmparam.h>
#include "uprog.h"

#define TOTAL   20000

/* st_ino of the pipe behind fd (its st_dev and st_mode checked). */
static uint64_t pipe_ino(int fd)
{
	struct uvix_stat st;

	UCHECK(usys(SYS_fstat, fd, (long)&st, 0, 0, 0) == 0);
	UCHECK(st.st_dev == UVIX_DEV_PIPE && (st.st_mode & S_IFMT) == S_IFIFO);
	return st.st_ino;
}

static void check_pipe_inos(void)
{
	int a[2], b[2];

	UCHECK(usys(SYS_pipe, (long)a, 0, 0, 0, 0) == 0);
	UCHECK(usys(SYS_pipe, (long)b, 0, 0, 0, 0) == 0);
	uint64_t ia = pipe_ino(a[0]), ib = pipe_ino(b[0]);
	UCHECK(pipe_ino(a[1]) == ia && pipe_ino(b[1]) == ib && ia != ib);
	UCHECK(ia < (1ULL << 32) && ib < (1ULL << 32));
	UCHECK(ia < VM_MAXUSER_ADDRESS && ib < VM_MAXUSER_ADDRESS);     /* not the kernel half */
	for (int i = 0; i < 2; i++) {
		usys(SYS_close, a[i], 0, 0, 0, 0);
		usys(SYS_close, b[i], 0, 0, 0, 0);
	}
}

int umain(long *sp)
{
	int fds[2], status;
	char buf[1000];

	check_pipe_inos();

	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		usys(SYS_close, fds[0], 0, 0, 0, 0);
		for (int sent = 0; sent < TOTAL; sent += (int)sizeof(buf)) {
			for (int i = 0; i < (int)sizeof(buf); i++)
				buf[i] = (char)(sent + i);
			if (usys(SYS_write, fds[1], (long)buf, sizeof(buf), 0, 0) != sizeof(buf))
				uexit(2);
		}
		uexit(0);
	}
	usys(SYS_close, fds[1], 0, 0, 0, 0);
	long got = 0, n;
	while ((n = usys(SYS_read, fds[0], (long)buf, 333, 0, 0)) > 0) {
		for (long i = 0; i < n; i++)
			UCHECK(buf[i] == (char)(got + i));
		got += n;
	}
	UCHECK(n == 0 && got == TOTAL);                 /* end of file */
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid && status == 0);
	usys(SYS_close, fds[0], 0, 0, 0, 0);

	/* No reader: EPIPE when SIGPIPE is ignored... */
	struct uvix_sigaction ign = { .sa_handler = SIG_IGN };
	UCHECK(usys(SYS_sigaction, SIGPIPE, (long)&ign, 0, 0, 0) == 0);
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	usys(SYS_close, fds[0], 0, 0, 0, 0);
	UCHECK(usys(SYS_write, fds[1], (long)"x", 1, 0, 0) == -EPIPE);
	/* ...and death by SIGPIPE by default. */
	pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		struct uvix_sigaction dfl = { .sa_handler = SIG_DFL };
		usys(SYS_sigaction, SIGPIPE, (long)&dfl, 0, 0, 0);
		usys(SYS_write, fds[1], (long)"x", 1, 0, 0);
		uexit(3);
	}
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(0, SIGPIPE));
	return 0;
}
