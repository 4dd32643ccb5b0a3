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
 * read, the process limit (fork until EAGAIN), the run-time settings,
 * wiring (mlock, mlockall, fork and exec of wired memory, the limits,
 * a wire hog killed from the shell), the resource limits and the
 * fuzzer's model (`fuzz -t`); then /tmp and /dev (each a run of
 * /bin/fstest: user/fstest.c lists what each checks).
 *
 * The runner also checks that the wired pages (without the kernel's page
 * tables) and the user-wired pages are back at their baseline after each
 * test.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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
static int mlock_twice_munlock_once(void);
static int mlock_mprotect_none_munlock_exit(void);
static int fork_of_wired_memory(void);
static int mlockall_future_not_inherited(void);
static int mlock_until_refused(void);
static int wire_hog_killed_from_the_shell(void);
static int rlimits_enforced(void);

/*
 * Reads one byte of every page of utest's own image. The program's pages
 * are its file's (a private mapping): a page that a child reads first
 * stays in the file's cache as long as we, the parent, map the file, and
 * would count as that child's leak. Read once here, before any baseline.
 */
extern char __executable_start[], _end[];
static void touch_own_image(void)
{
	for (volatile char *p = __executable_start; p < _end; p += 4096)
		(void)*p;
}
static int fuzz_model(void);

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
	{ "fault_trace_matches_vmstat", "faulttrace", 0, NULL },
	{ "sysctl_settings", NULL, 0, sysctl_settings },
	{ "mlock_twice_munlock_once", NULL, 0, mlock_twice_munlock_once },
	{ "mlock_mprotect_none_munlock_exit", NULL, 0, mlock_mprotect_none_munlock_exit },
	{ "fork_of_wired_memory", NULL, 0, fork_of_wired_memory },
	{ "mlockall_future_not_inherited", NULL, 0, mlockall_future_not_inherited },
	{ "mlock_until_refused", NULL, 0, mlock_until_refused },
	{ "wire_hog_killed_from_the_shell", NULL, 0, wire_hog_killed_from_the_shell },
	{ "rlimits_enforced", NULL, 0, rlimits_enforced },
	{ "fuzz_model_follows_kernel_writes", NULL, 0, fuzz_model },
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

/* ---- wiring ---- */

/* The page at p as the kernel sees it: wire count, or -1 if nothing is mapped. */
static int wire_count(const void *p)
{
	struct uvix_pageinfo pi;

	return pageinfo(p, &pi) == 0 ? (int)pi.pi_wire_count : -1;
}

static long long user_wired_now(void)
{
	struct uvmexp u;

	uvmexp(&u);
	return (long long)u.user_wired;
}

static long long minflt_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

static char *map_pages(int n, int prot)
{
	char *p = mmap(NULL, (size_t)n * 4096, prot, MAP_PRIVATE | MAP_ANON, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* mlock twice, munlock once; munlock of what is not locked; the errors. */
static int mlock_twice_munlock_once(void)
{
	enum { N = 8 };
	char *p = map_pages(N, PROT_READ | PROT_WRITE);
	long long uw0 = user_wired_now();

	CHECK(p != NULL);
	CHECK(mlock(p, N * 4096) == 0);
	CHECK(mlock(p + 1, N * 4096 - 1) == 0);                 /* rounded out: the same pages */
	CHECK(user_wired_now() == uw0 + N);
	for (int i = 0; i < N; i++)
		CHECK(wire_count(p + i * 4096) == 1);           /* faulted in, wired once */
	CHECK(munlock(p, N * 4096) == 0);
	for (int i = 0; i < N; i++)
		CHECK(wire_count(p + i * 4096) == 0);
	CHECK(user_wired_now() == uw0);
	CHECK(munlock(p, N * 4096) == 0);                       /* not locked: fine */
	CHECK(mlock(p, 0) == 0 && munlock(p, 0) == 0);
	CHECK(mlock(p, (size_t)-4096) < 0 && errno == EINVAL);  /* wraps */
	CHECK(munlock(p, (size_t)-1) < 0 && errno == EINVAL);
	CHECK(munmap(p + 4 * 4096, 4096) == 0);
	CHECK(mlock(p, N * 4096) < 0 && errno == ENOMEM);       /* a hole */
	CHECK(munlock(p, N * 4096) < 0 && errno == ENOMEM);
	CHECK(wire_count(p) == 0 && user_wired_now() == uw0);   /* all or nothing */
	CHECK(mlock((void *)0, 4096) < 0 && errno == ENOMEM);
	CHECK(mlockall(0) < 0 && errno == EINVAL);
	CHECK(mlockall(4) < 0 && errno == EINVAL);
	return 0;
}

/*
 * mprotect(PROT_NONE) in the middle of a locked range takes the mappings
 * away, not the wirings; munlock still finds every page; then locked
 * again, protected again, and left so at exit (the runner's check).
 */
static int mlock_mprotect_none_munlock_exit(void)
{
	enum { N = 16 };
	char *p = map_pages(N, PROT_READ | PROT_WRITE);
	struct uvmexp u0, u1, u2;

	CHECK(p != NULL);
	memset(p, 1, N * 4096);
	uvmexp(&u0);
	CHECK(mlock(p, N * 4096) == 0);
	CHECK(mprotect(p + 4 * 4096, 8 * 4096, PROT_NONE) == 0);
	CHECK(wire_count(p + 5 * 4096) == -1);                  /* not mapped... */
	uvmexp(&u1);
	CHECK(u1.wired - u0.wired == N);                        /* ...still wired */
	CHECK(munlock(p, N * 4096) == 0);
	uvmexp(&u2);
	CHECK(u2.wired == u0.wired && u2.user_wired == u0.user_wired);
	CHECK(mprotect(p + 4 * 4096, 8 * 4096, PROT_READ) == 0);
	CHECK(p[6 * 4096] == 1);
	CHECK(mlock(p, N * 4096) == 0);
	CHECK(mprotect(p + 2 * 4096, 8 * 4096, PROT_NONE) == 0);
	return 0;                       /* exit unwires */
}

/*
 * fork of 64 wired pages, both sides writing: the child has copies (not
 * wired), the parent keeps its physical pages and takes no fault.
 */
static int fork_of_wired_memory(void)
{
	enum { N = 64 };
	static uint64_t pfn[N];
	char *p = map_pages(N, PROT_READ | PROT_WRITE);
	int fds[2], st;
	struct uvix_pageinfo pi;

	CHECK(p != NULL && pipe(fds) == 0);
	for (int i = 0; i < N; i++)
		p[i * 4096] = (char)i;
	CHECK(mlock(p, N * 4096) == 0);
	/* Our stack around this frame wired too: no copy-on-write fault on it after fork. */
	char *sp = (char *)((uintptr_t)&st & ~(uintptr_t)4095);
	CHECK(mlock(sp - 4 * 4096, 7 * 4096) == 0 || mlock(sp - 4 * 4096, 5 * 4096) == 0);
	for (int i = 0; i < N; i++) {
		CHECK(pageinfo(p + i * 4096, &pi) == 0 && pi.pi_wire_count == 1);
		pfn[i] = pi.pi_pfn;
	}
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		for (int i = 0; i < N; i++) {
			if (p[i * 4096] != (char)i)
				_exit(10);              /* the parent's value before fork */
			p[i * 4096] = (char)(100 + i);
			if (pageinfo(p + i * 4096, &pi) != 0 || pi.pi_wire_count != 0 ||
			    pi.pi_pfn == pfn[i])
				_exit(11);              /* a copy of its own, not wired */
		}
		read(fds[0], &c, 1);            /* the parent has written */
		for (int i = 0; i < N; i++)
			if (p[i * 4096] != (char)(100 + i))
				_exit(12);
		_exit(0);
	}
	CHECK(pid > 0);
	/* getrusage counts a fault of its own copyout only after its copy: one call first. */
	minflt_now();
	long long f0 = minflt_now(), f1;
	for (int i = 0; i < N; i++)
		p[i * 4096] = (char)(200 + i);
	f1 = minflt_now();
	if (f1 != f0)
		fprintf(stderr, "fork_of_wired_memory: %lld faults writing the wired range\n",
		    f1 - f0);
	CHECK(f1 == f0);                        /* no fault on the wired range */
	CHECK(write(fds[1], "w", 1) == 1);
	CHECK(waitpid(pid, &st, 0) == pid);
	if (st != 0)
		fprintf(stderr, "fork_of_wired_memory: child status %#x\n", st);
	CHECK(st == 0);
	for (int i = 0; i < N; i++) {
		CHECK(p[i * 4096] == (char)(200 + i));
		CHECK(pageinfo(p + i * 4096, &pi) == 0 && pi.pi_pfn == pfn[i] &&
		    pi.pi_wire_count == 1);
	}
	return 0;
}

/* utest -W: run by exec from a process under mlockall(MCL_FUTURE): nothing of ours is wired. */
static int exec_check_unwired(void)
{
	char *p = map_pages(4, PROT_READ | PROT_WRITE);
	int on_stack = 1;

	if (p == NULL)
		return 20;
	p[0] = 1;
	if (wire_count(p) != 0 || wire_count(&on_stack) != 0 || wire_count(p + 4096) != -1)
		return 21;
	return 0;
}

/* A page deep in the stack, touched by a frame that big. */
static int deep_stack_wired(int depth)
{
	volatile char frame[16384];

	frame[0] = (char)depth;
	if (depth > 0)
		return deep_stack_wired(depth - 1);
	return wire_count((const void *)&frame[0]);
}

/*
 * mlockall(MCL_CURRENT | MCL_FUTURE): later mmap, brk and stack growth
 * and mprotect come wired (and take no fault); a forked child and an
 * exec'd program are not wired; munlockall undoes it.
 */
static int mlockall_future_not_inherited(void)
{
	long long uw0 = user_wired_now();
	int st;

	CHECK(mlockall(MCL_CURRENT | MCL_FUTURE) == 0);
	CHECK(user_wired_now() > uw0);
	char *p = map_pages(8, PROT_READ | PROT_WRITE);
	CHECK(p != NULL);
	CHECK(wire_count(p) == 1 && wire_count(p + 7 * 4096) == 1);      /* in before a touch */
	long long f0 = minflt_now();
	memset(p, 3, 8 * 4096);
	CHECK(minflt_now() == f0);
	char *b = sbrk(3 * 4096);
	CHECK(b != (char *)-1);
	CHECK(wire_count(b + 4096) == 1);
	long long uw1 = user_wired_now();
	CHECK(sbrk(-4096) != (char *)-1);                       /* brk shrinking unwires first */
	CHECK(user_wired_now() == uw1 - 1 && wire_count(b + 2 * 4096) == -1);
	CHECK(deep_stack_wired(8) == 1);                        /* 128 KiB down */
	char *q = map_pages(2, PROT_NONE);
	CHECK(q != NULL && wire_count(q) == -1);
	CHECK(mprotect(q, 2 * 4096, PROT_READ | PROT_WRITE) == 0);
	CHECK(wire_count(q + 4096) == 1);

	pid_t pid = fork();
	if (pid == 0) {
		char *c = map_pages(4, PROT_READ | PROT_WRITE);
		if (c == NULL)
			_exit(30);
		c[0] = 1;
		p[0] = 4;
		(void)*(volatile char *)(p + 4096);     /* mapped: pageinfo looks through the MMU */
		_exit(wire_count(c) == 0 && wire_count(p) == 0 && wire_count(p + 4096) == 0 ? 0 : 31);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(st == 0);
	if ((pid = fork()) == 0) {
		char *argv[] = { "utest", "-W", NULL };
		execv("/bin/utest", argv);
		_exit(126);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	if (st != 0)
		fprintf(stderr, "mlockall: exec'd check: status %#x\n", st);
	CHECK(st == 0);
	CHECK(munlockall() == 0);
	CHECK(wire_count(p) == 0 && wire_count(b) == 0 && user_wired_now() == uw0);
	char *r = map_pages(1, PROT_READ | PROT_WRITE);
	CHECK(r != NULL && wire_count(r) == -1);                /* MCL_FUTURE is gone */
	return 0;
}

/* Locks 1 MiB mappings until refused; returns how many, errno set. */
static int lock_chunks_until_refused(void)
{
	int n = 0;

	for (;;) {
		char *p = map_pages(256, PROT_READ | PROT_WRITE);
		if (p == NULL)
			return n;
		if (mlock(p, 256 * 4096) != 0) {
			int e = errno;
			munmap(p, 256 * 4096);
			errno = e;
			return n;
		}
		n++;
	}
}

/* mlock until refused (EAGAIN at vm.wiredmax); the system still forks and runs programs. */
static int mlock_until_refused(void)
{
	struct uvmexp u;
	int wiredmax, st;

	CHECK(sysctl("vm.wiredmax", &wiredmax, NULL) == 0);
	int n = lock_chunks_until_refused();
	CHECK(errno == EAGAIN);
	uvmexp(&u);
	CHECK(n >= 4);
	CHECK(u.wired <= wiredmax && u.wired + 256 > wiredmax);  /* refused at the limit */
	CHECK(mlockall(MCL_CURRENT) < 0 && errno == ENOMEM);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "true", NULL };
		execv("/bin/true", argv);
		_exit(126);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && st == 0);
	return 0;
}

/*
 * The wire hog: with vm.wiredmax raised to 3/4 of memory, a child wires
 * all it may and then keeps touching more memory; the shell's kill -9
 * ends it, ps showed its wired pages, and everything comes back.
 */
static int wire_hog_killed_from_the_shell(void)
{
	struct uvmexp u;
	int old, max, fds[2], st;
	char c;

	CHECK(uvmexp(&u) == 0 && sysctl("vm.wiredmax", &old, NULL) == 0);
	max = (int)(u.npages * 3 / 4);
	CHECK(pipe(fds) == 0);
	CHECK(sysctl("vm.wiredmax", NULL, &max) == 0);
	pid_t hog = fork();
	if (hog == 0) {
		int n = lock_chunks_until_refused();
		write(fds[1], n > 0 ? "y" : "n", 1);
		char *more = map_pages(512, PROT_READ | PROT_WRITE);
		for (unsigned i = 0;; i++)
			if (more)
				more[(i % 512) * 4096] = (char)i;
	}
	int ok = hog > 0 && read(fds[0], &c, 1) == 1 && c == 'y';
	struct uvix_procinfo pi[64];
	int np = ok ? uvix_ps(pi, 64) : 0;
	long long hogwired = 0;
	for (int i = 0; i < np; i++)
		if (pi[i].pid == hog)
			hogwired = (long long)pi[i].wired;
	char cmd[32];
	snprintf(cmd, sizeof(cmd), "kill -9 %d", (int)hog);
	pid_t sh = fork();
	if (sh == 0) {
		char *argv[] = { "sh", "-c", cmd, NULL };
		execv("/bin/sh", argv);
		_exit(126);
	}
	int shst = -1;
	if (sh > 0)
		waitpid(sh, &shst, 0);
	if (hog > 0 && shst != 0)
		kill(hog, SIGKILL);             /* the test fails, but leaves nothing behind */
	int got = hog > 0 ? waitpid(hog, &st, 0) : -1;
	sysctl("vm.wiredmax", NULL, &old);
	CHECK(ok);
	CHECK(hogwired >= (long long)u.npages / 2);
	CHECK(shst == 0);
	CHECK(got == hog && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	return 0;
}

/* getrlimit/setrlimit, and the limits enforced: MEMLOCK, DATA, NOFILE, STACK. */
static int rlimits_enforced(void)
{
	struct rlimit rl, lim;
	char *p = map_pages(8, PROT_READ | PROT_WRITE);

	CHECK(p != NULL);
	CHECK(getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY);
	CHECK(getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == 8 * 1024 * 1024);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max == 32);
	CHECK(getrlimit(RLIM_NLIMITS, &rl) < 0 && errno == EINVAL);
	CHECK(getrlimit(-1, &rl) < 0 && errno == EINVAL);
	CHECK(getrlimit(RLIMIT_DATA, (struct rlimit *)8) < 0 && errno == EFAULT);
	CHECK(setrlimit(RLIMIT_DATA, (struct rlimit *)8) < 0 && errno == EFAULT);
	lim = (struct rlimit){ 4 * 4096, 4 * 4096 };
	CHECK(setrlimit(RLIMIT_MEMLOCK, &lim) == 0);
	CHECK(mlock(p, 8 * 4096) < 0 && errno == EAGAIN);
	CHECK(mlock(p, 4 * 4096) == 0);
	CHECK(mlock(p + 4 * 4096, 4096) < 0 && errno == EAGAIN);
	CHECK(mlockall(MCL_CURRENT) < 0 && errno == ENOMEM);
	CHECK(munlock(p, 4 * 4096) == 0);
	lim.rlim_max = 8 * 4096;
	CHECK(setrlimit(RLIMIT_MEMLOCK, &lim) < 0 && errno == EPERM);      /* raising max */
	lim = (struct rlimit){ 4 * 4096, 2 * 4096 };
	CHECK(setrlimit(RLIMIT_MEMLOCK, &lim) < 0 && errno == EINVAL);     /* cur > max */
	lim = (struct rlimit){ 0, 0 };
	CHECK(setrlimit(RLIMIT_MEMLOCK, &lim) == 0);
	CHECK(mlock(p, 4096) < 0 && errno == EPERM);
	CHECK(mlockall(MCL_FUTURE) < 0 && errno == EPERM);
	lim = (struct rlimit){ 4096, 8 * 1024 * 1024 };
	CHECK(setrlimit(RLIMIT_STACK, &lim) < 0 && errno == EINVAL);
	/* The heap (a few pages so far): brk past RLIMIT_DATA is refused. */
	CHECK(getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY);
	lim = (struct rlimit){ 16 * 1024 * 1024, RLIM_INFINITY };
	CHECK(setrlimit(RLIMIT_DATA, &lim) == 0);
	CHECK(sbrk(32 * 1024 * 1024) == (void *)-1 && errno == ENOMEM);
	CHECK(sbrk(4096) != (void *)-1);
	/* Descriptors: at most RLIMIT_NOFILE. */
	lim = (struct rlimit){ 5, 32 };
	CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0);
	int fds[2];
	CHECK(pipe(fds) == 0);                                  /* 3 and 4 */
	CHECK(dup(0) < 0 && errno == EMFILE);
	CHECK(dup2(0, 5) < 0 && errno == EBADF);
	lim.rlim_cur = 32;
	CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0);
	int fd = dup(0);
	CHECK(fd == 5);
	/* Inherited by fork. */
	int st;
	pid_t pid = fork();
	if (pid == 0)
		_exit(getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_max == 0 ? 0 : 1);
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && st == 0);
	/* getrusage: children's faults counted once they are waited for. */
	struct rusage ru;
	CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0 && ru.ru_minflt > 0);
	CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_minflt > 0);
	CHECK(getrusage(5, &ru) < 0 && errno == EINVAL);
	/* The kernel's answer to a bad buffer (the libc's getrusage converts through its own). */
	CHECK(syscall(SYS_getrusage, RUSAGE_SELF, 8) < 0 && errno == EFAULT);
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

	if (argc > 1 && strcmp(argv[1], "-W") == 0)
		return exec_check_unwired();    /* mlockall_future_not_inherited's exec */

	/*
	 * Every page of our own program read in now: a test whose code (run
	 * in its child) sits on a page never read before would leave that
	 * page cached in the program file's object, which reads as a leak.
	 */
	extern char __executable_start[], _end[];
	for (const volatile char *c = __executable_start; c < _end; c += 4096)
		(void)*c;
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
		touch_own_image();
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
		    u1.orphans - u1.orphanfrees - u1.adoptions != u0.orphans - u0.orphanfrees - u0.adoptions)) {
			snprintf(why, sizeof(why), "lent pages %lld -> %lld, orphans %lld -> %lld",
			    (long long)u0.loaned, (long long)u1.loaned,
			    (long long)(u0.orphans - u0.orphanfrees - u0.adoptions),
			    (long long)(u1.orphans - u1.orphanfrees - u1.adoptions));
			ok = 0;
		}
		/* No wiring may outlive the test's processes. */
		if (ok && (u1.wired - u1.kptpages != u0.wired - u0.kptpages ||
		    u1.user_wired != u0.user_wired)) {
			snprintf(why, sizeof(why), "wired pages %lld -> %lld, user-wired %lld -> %lld",
			    (long long)(u0.wired - u0.kptpages), (long long)(u1.wired - u1.kptpages),
			    (long long)u0.user_wired, (long long)u1.user_wired);
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

/*
 * The fuzzer's model of its arena follows what the kernel writes there:
 * the status waitpid stores in an arena page, the signal frame of a
 * child in a page it shares (`fuzz -t`, user/fuzz.c). A model that
 * misses them reports kernel bugs that are none, and hides true ones.
 */
static int fuzz_model(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/fuzz", "fuzz", "-t", (char *)NULL);
		_exit(127);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return 0;
}
