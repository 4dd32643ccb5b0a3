/*
 * utest: the in-guest test runner, run by `make test` (booted with
 * "-- utest": init runs it and powers off with its exit status).
 *
 * Each test runs in a child process of its own; the runner waits for it
 * and checks its status, then checks that the free pages (with the kernel's
 * page-table pages, which are never freed) are back at their baseline,
 * and that no page stays lent and no orphan alive: a test that leaks
 * memory or a loan fails. Output, one line per test:
 *
 *     utest: PASS name
 *     utest: FAIL name: why
 *     utest: summary P passed F failed
 *
 * The tests: the kernel's own ABI test programs in /tests/bin (exit
 * statuses, bad pointers, fork copy-on-write with nested forks, exec with
 * argv/envp and bad programs, the mmap family, SIGSEGV, the stack and its
 * guard, mmap's refusal of bad lengths, offsets and descriptors, pipes
 * with EOF and EPIPE, killing a pipe's waiters, signals and EINTR, faults
 * with their signal blocked or ignored, fork of shared and copied ranges,
 * kernel VA fragmentation), then what needs the libc: the wait status
 * macros, FPU state kept per process, signal()'s handlers restarting a
 * read, and the process limit (fork until EAGAIN); then /tmp and /dev
 * (each a run of /bin/fstest: user/fstest.c lists what each checks).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <time.h>
#include <sched.h>
#include <unistd.h>
#include "user/lib/prog.h"

struct utest {
	const char *name;
	const char *prog;               /* a program in /tests/bin, or NULL... */
	int want;                       /* ...and the wait status it must end with */
	int (*fn)(void);                /* or a function run in the child: 0 passes */
};

static int status_macros(void);
static int fpu_isolation(void);
static int init_survives(void);
static int signal_restarts(void);
static int fork_until_eagain(void);
static int sysctl_settings(void);

/* The tests of /tmp and /dev are the program fstest's (user/fstest.c): one child each. */
static int fstest(const char *name)
{
	char *argv[] = { "fstest", (char *)name, NULL };

	execv("/bin/fstest", argv);
	return 126;
}
#define FSTEST(name) static int fs_##name(void) { return fstest(#name); }
FSTEST(files) FSTEST(errors) FSTEST(dirs) FSTEST(mmap) FSTEST(truncate) FSTEST(unlink)
FSTEST(enospc) FSTEST(shell) FSTEST(fifo) FSTEST(devices)

static const struct utest tests[] = {
	{ "exit_status", "hello", 42 << 8, NULL },
	{ "bad_pointers_get_efault", "badargs", 0, NULL },
	{ "segv_on_page_zero", "segv", SIGSEGV, NULL },
	{ "fork_copy_on_write_nested", "forkcow", 0, NULL },
	{ "exec_argv_envp_bad_elf", "execargs", 33 << 8, NULL },
	{ "mmap_munmap_mprotect_split", "mmaps", 0, NULL },
	{ "mmap_refuses_bad_lengths_offsets_fds", "mmapargs", 0, NULL },
	{ "stack_growth_and_guard", "stack", 0, NULL },
	{ "pipes_eof_epipe", "pipes", 0, NULL },
	{ "signals_eintr_sigkill", "signals", 0, NULL },
	{ "pipe_waiters_killed_during_long_write", "pipekill", 0, NULL },
	{ "fault_signal_blocked_or_ignored_kills", "faultsig", 0, NULL },
	{ "sa_restart_read_waitpid", "restart", 0, NULL },
	{ "wait_status_macros", NULL, 0, status_macros },
	{ "fpu_state_per_process", NULL, 0, fpu_isolation },
	{ "init_cannot_be_killed", NULL, 0, init_survives },
	{ "libc_signal_restarts_read", NULL, 0, signal_restarts },
	{ "fork_until_eagain", NULL, 0, fork_until_eagain },
	{ "fork_shared_and_copied_ranges", "forkshare", 0, NULL },
	{ "kernel_va_fragmentation", "kvaholes", 0, NULL },
	{ "iret_in_a_signal_handler_dies", "iretsig", 0, NULL },
	{ "pageinfo_shows_sharing_and_copies", "pageinfo", 0, NULL },
	{ "sysctl_settings", NULL, 0, sysctl_settings },
	{ "tmpfs_files_write_read_truncate_link_rename", NULL, 0, fs_files },
	{ "tmpfs_errors_erofs_exdev_eacces", NULL, 0, fs_errors },
	{ "tmpfs_directory_tree_chdir_getcwd", NULL, 0, fs_dirs },
	{ "tmpfs_mmap_shared_coherent_private_copies", NULL, 0, fs_mmap },
	{ "tmpfs_truncate_under_mapping_sigbus", NULL, 0, fs_truncate },
	{ "tmpfs_unlink_while_open_and_mapped", NULL, 0, fs_unlink },
	{ "tmpfs_enospc_and_recovery", NULL, 0, fs_enospc },
	{ "tmpfs_shell_redirections", NULL, 0, fs_shell },
	{ "tmpfs_named_pipe", NULL, 0, fs_fifo },
	{ "dev_null_zero_random_console", NULL, 0, fs_devices },
};

#define CHECK(e) do { if (!(e)) { fprintf(stderr, "check failed: %s (line %d)\n", \
	#e, __LINE__); return __LINE__ % 250 + 1; } } while (0)

static int status_macros(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && !WIFSIGNALED(st) && WEXITSTATUS(st) == 3);
	if ((pid = fork()) == 0) {
		for (;;)
			pause();
	}
	CHECK(kill(pid, SIGTERM) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && !WIFEXITED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD);
	return 0;
}

/* A floating-point computation that keeps its state in registers. */
static double churn(double seed, int n)
{
	double x = seed, y = 1.0 / 3.0;

	for (int i = 1; i <= n; i++) {
		x = x * 1.0000001 + y;
		y = y * 0.999999 + 1e-9 * i;
		if (i % 2000 == 0)
			sched_yield();          /* let the other one clobber the FPU */
	}
	return x + y;
}

static volatile double in_handler;
static void fpu_handler(int sig)
{
	in_handler = churn(7.0, 100);   /* the handler uses the FPU too */
}

static int fpu_isolation(void)
{
	enum { N = 40000 };
	/* volatile: rounded to double (i386's x87 keeps 80 bits in registers). */
	volatile double want[2] = { churn(1.5, N), churn(-2.25, N) };
	pid_t kids[2];

	/* Before fork, so that no child can be signalled before it has it. */
	void (*old)(int) = signal(SIGUSR1, fpu_handler);
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			volatile double got = churn(k ? -2.25 : 1.5, N);
			if (got != want[k])
				printf("fpu: child %d got %a, expected %a\n", k, (double)got,
				    (double)want[k]);
			_exit(got == want[k] ? 0 : 1);
		}
	}
	signal(SIGUSR1, old);
	/* Interrupt them with signals whose handlers use the FPU. */
	for (int i = 0; i < 5; i++) {
		kill(kids[0], SIGUSR1);
		kill(kids[1], SIGUSR1);
		sched_yield();
	}
	for (int k = 0; k < 2; k++) {
		int st;
		CHECK(waitpid(kids[k], &st, 0) == kids[k]);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fprintf(stderr, "fpu: child %d: wait status %#x\n", k, st);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return 0;
}

/* init (pid 1) ignores the signals it does not catch, SIGKILL included. */
static int init_survives(void)
{
	CHECK(kill(1, SIGKILL) == 0);
	CHECK(kill(1, SIGTERM) == 0);
	usleep(50000);
	CHECK(kill(1, 0) == 0);                 /* still there */
	return 0;
}

static volatile int usr1_count;
static void count_usr1(int sig)
{
	usr1_count++;
}

/*
 * signal() installs BSD-style handlers: a read interrupted by one goes
 * on afterwards (SA_RESTART) and returns the data, not EINTR.
 */
static int signal_restarts(void)
{
	int fds[2];
	char c = 0;
	pid_t me = getpid(), pid;

	CHECK(signal(SIGUSR1, count_usr1) != SIG_ERR);
	CHECK(pipe(fds) == 0);
	if ((pid = fork()) == 0) {
		usleep(100000);
		kill(me, SIGUSR1);
		usleep(100000);
		_exit(write(fds[1], "k", 1) == 1 ? 0 : 1);
	}
	CHECK(pid > 0);
	CHECK(read(fds[0], &c, 1) == 1 && c == 'k');
	CHECK(usr1_count == 1);
	CHECK(waitpid(pid, NULL, 0) == pid);
	return 0;
}

/*
 * The process limit: fork until it fails. It must fail with EAGAIN (not
 * ENOMEM, not a panic) after a sane number of children, with memory to
 * spare; the children, asleep on a pipe, then all exit and are reaped
 * (and the runner checks that the free pages come back).
 */
static int fork_until_eagain(void)
{
	enum { MAXKIDS = 4096 };
	static pid_t kids[MAXKIDS];
	struct uvmexp u0, u1;
	int fds[2], n = 0, err = 0, st;

	CHECK(pipe(fds) == 0);
	CHECK(uvmexp(&u0) == 0);
	while (n < MAXKIDS) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);    /* 0: the end of file */
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	CHECK(uvmexp(&u1) == 0);
	printf("fork_until_eagain: %d children, then %s; %ld pages each, %ld of %ld free\n",
	    n, strerror(err), n ? (long)(u0.free - u1.free) / n : 0L, (long)u1.free,
	    (long)u1.npages);
	CHECK(err == EAGAIN);
	CHECK(n >= 16);
	CHECK(u1.free > u1.npages / 4);         /* the limit came first */
	close(fds[1]);
	for (int i = 0; i < n; i++) {
		CHECK(waitpid(kids[i], &st, 0) == kids[i]);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	/* Below the limit again: fork works. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && st == 0);
	return 0;
}

static int run(const struct utest *t, char *why, size_t whylen)
{
	int st;
	pid_t pid = fork();

	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		return 0;
	}
	if (pid == 0) {
		if (t->prog) {
			char path[64];
			snprintf(path, sizeof(path), "/tests/bin/%s", t->prog);
			char *argv[] = { path, NULL };
			execv(path, argv);
			_exit(126);
		}
		_exit(t->fn());
	}
	if (waitpid(pid, &st, 0) != pid) {
		snprintf(why, whylen, "waitpid: %s", strerror(errno));
		return 0;
	}
	int want = t->prog ? t->want : 0;
	if (st != want) {
		snprintf(why, whylen, "wait status %#x, expected %#x", st, want);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	size_t n = sizeof(tests) / sizeof(tests[0]);

	/*
	 * Warm up: our own first fork leaves copies of the pages we write
	 * afterwards (copy-on-write) and a new amap; that is not the tests'.
	 */
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		printf("%s", "");
	}

	for (size_t i = 0; i < n; i++) {
		const struct utest *t = &tests[i];
		char why[128] = "";
		if (argc > 1 && strcmp(argv[1], t->name) != 0)
			continue;
		long before = settled_free_pages();
		struct uvmexp u0, u1;
		uvmexp(&u0);
		int ok = run(t, why, sizeof(why));
		long after = settled_free_pages();
		uvmexp(&u1);
		if (ok && after != before) {
			snprintf(why, sizeof(why), "free pages %ld before, %ld after: a leak",
			    before, after);
			ok = 0;
		}
		/* No page may stay lent, and no orphan alive, once a test is over. */
		if (ok && (u1.loaned != u0.loaned ||
		    u1.orphans - u1.orphanfrees != u0.orphans - u0.orphanfrees)) {
			snprintf(why, sizeof(why), "lent pages %lld -> %lld, orphans %lld -> %lld",
			    (long long)u0.loaned, (long long)u1.loaned,
			    (long long)(u0.orphans - u0.orphanfrees),
			    (long long)(u1.orphans - u1.orphanfrees));
			ok = 0;
		}
		if (ok) {
			printf("utest: PASS %s\n", t->name);
			passed++;
		} else {
			printf("utest: FAIL %s: %s\n", t->name, why);
			failed++;
		}
	}
	printf("utest: summary %d passed %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/*
 * The settings calls from user space: the list holds kern.hz (read-only)
 * and test.knob (the kernel's test setting: -5..5, its hook refuses 3);
 * values out of range or refused are not stored; bad names and pointers
 * are errors, never a crash.
 */
static int sysctl_settings(void)
{
	struct uvix_sysctl sc;
	int n, i, hz = 0, knob = -1, v, old;

	for (n = 0; sysctl_list(n, &sc) == 0; n++) {
		CHECK(sc.sc_min <= sc.sc_value && sc.sc_value <= sc.sc_max);
		if (strcmp(sc.sc_name, "kern.hz") == 0) {
			hz = sc.sc_value;
			CHECK(sc.sc_flags & UVIX_SYSCTL_RDONLY);
		}
		if (strcmp(sc.sc_name, "test.knob") == 0) {
			knob = n;
			CHECK(sc.sc_min == -5 && sc.sc_max == 5);
		}
	}
	CHECK(errno == ENOENT && n >= 2 && hz == 100 && knob >= 0);
	CHECK(sysctl_list(-1, &sc) < 0 && errno == ENOENT);
	CHECK(sysctl_list(0, NULL) < 0 && errno == EFAULT);
	CHECK(sysctl("kern.hz", &v, NULL) == 0 && v == 100);
	CHECK(sysctl("kern.hz", NULL, &v) < 0 && errno == EPERM);
	CHECK(sysctl("kern.h", &v, NULL) < 0 && errno == ENOENT);
	CHECK(sysctl("", &v, NULL) < 0 && errno == ENOENT);
	CHECK(sysctl(NULL, &v, NULL) < 0 && errno == EFAULT);
	CHECK(sysctl("kern.hz", (int *)8, NULL) < 0 && errno == EFAULT);
	char longname[100];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK(sysctl(longname, &v, NULL) < 0 && errno == ENOENT);

	CHECK(sysctl("test.knob", &old, NULL) == 0);
	for (i = -5; i <= 5; i++) {
		v = i;
		if (i == 3) {
			CHECK(sysctl("test.knob", NULL, &v) < 0 && errno == EBUSY);
			continue;
		}
		CHECK(sysctl("test.knob", NULL, &v) == 0);
		CHECK(sysctl("test.knob", &v, NULL) == 0 && v == i);
	}
	v = 6;
	CHECK(sysctl("test.knob", NULL, &v) < 0 && errno == EINVAL);
	v = -6;
	CHECK(sysctl("test.knob", NULL, &v) < 0 && errno == EINVAL);
	CHECK(sysctl("test.knob", NULL, (int *)8) < 0 && errno == EFAULT);
	CHECK(sysctl("test.knob", &v, NULL) == 0 && v == 5);
	CHECK(sysctl_list(knob, &sc) == 0 && sc.sc_value == 5);
	CHECK(sysctl("test.knob", NULL, &old) == 0);
	return 0;
}
