/*
 * libctest: checks the libc and the system calls under it from user
 * space: what crt0 and the loader hand a program, memory (bss, brk,
 * malloc, mmap), files and directories, processes (fork, exec, wait,
 * pipes), signals (handlers return through the libc's trampoline and
 * SYS_sigreturn, masks, SA_SIGINFO), time. Run it in the guest once the
 * kernel has processes (tests/host also runs it on Linux, through
 * tests/host/uvixrun).
 *
 *   libctest [name ...]      all checks, or those named
 *
 * One line per check, "libctest: ok NAME" or "libctest: FAIL NAME: why",
 * then "libctest: N passed, N failed"; the exit status is 1 if any failed.
 * Each check runs in a child process of its own, so one that crashes
 * (a signal) fails alone.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *saved_envp0;               /* main's envp[0], to compare with environ */
static char fail_reason[256];

/* Ends the running check (a child) as failed, with a reason. */
#define CHECK(e) do {                                                   \
	if (!(e))                                                       \
		fail("%s:%d: %s (errno %d)", __FILE__, __LINE__, #e, errno); \
} while (0)

static _Noreturn void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fail_reason, sizeof(fail_reason), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", fail_reason);
	exit(1);
}

/* ---- what a program starts with ------------------------------------------ */

static int initialized = 42;
static char zeroed[5000];               /* .bss across a page boundary */
static bool constructed;

__attribute__((constructor)) static void constructor(void)
{
	constructed = true;
}

static void check_start(void)
{
	CHECK(initialized == 42);
	for (size_t i = 0; i < sizeof(zeroed); i++)
		CHECK(zeroed[i] == 0);
	CHECK(constructed);
	CHECK(environ != NULL && environ[0] == saved_envp0);
	CHECK(getenv("PATH") != NULL);
	/* 16-byte alignment of the stack: GCC's SSE code needs it on amd64. */
	char __attribute__((aligned(16))) probe[16];
	CHECK(((uintptr_t)probe & 15) == 0);
}

/* ---- memory ------------------------------------------------------------------ */

static void check_brk(void)
{
	char *a = sbrk(0);
	CHECK(a != (char *)-1);
	CHECK(sbrk(8192) == a);
	CHECK((char *)sbrk(0) == a + 8192);
	memset(a, 0x5a, 8192);
	CHECK(a[0] == 0x5a && a[8191] == 0x5a);
	CHECK(sbrk(-8192) == a + 8192);
	CHECK(sbrk(0) == a);
	/* The break moves by bytes, though the kernel maps whole pages. */
	CHECK(sbrk(100) == a && sbrk(0) == a + 100);
	a[99] = 1;
	CHECK(sbrk(5000) == a + 100 && sbrk(0) == a + 5100);
	a[5099] = 1;
	CHECK(sbrk(-5100) == a + 5100 && sbrk(0) == a);
}

static void check_malloc(void)
{
	enum { N = 200 };
	char *p[N];

	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(i * 37 % 3000) + 1;
		CHECK((p[i] = malloc(n)) != NULL);
		CHECK(((uintptr_t)p[i] & 15) == 0);
		memset(p[i], i, n);
	}
	for (int i = 0; i < N; i += 2)
		free(p[i]);
	for (int i = 1; i < N; i += 2) {
		size_t n = (size_t)(i * 37 % 3000) + 1;
		for (size_t k = 0; k < n; k++)
			CHECK(p[i][k] == (char)i);
		CHECK((p[i] = realloc(p[i], n * 3)) != NULL);
		CHECK(p[i][n - 1] == (char)i);
		free(p[i]);
	}
	char *big = malloc(1 << 20);            /* an mmap of its own */
	CHECK(big != NULL);
	memset(big, 1, 1 << 20);
	free(big);
	int *z = calloc(1000, sizeof(int));
	CHECK(z != NULL);
	for (int i = 0; i < 1000; i++)
		CHECK(z[i] == 0);
	free(z);
}

static void check_mmap(void)
{
	size_t len = 3 * (size_t)getpagesize();
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK(((uintptr_t)p & (getpagesize() - 1)) == 0);
	for (size_t i = 0; i < len; i++)
		CHECK(p[i] == 0);
	memset(p, 7, len);
	CHECK(mprotect(p, len, PROT_READ) == 0);
	CHECK(p[len - 1] == 7);
	CHECK(madvise(p, len, MADV_SEQUENTIAL) == 0);
	CHECK(minherit(p, len, MAP_INHERIT_COPY) == 0);
	CHECK(munmap(p, len) == 0);
	errno = 0;
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK(errno == EINVAL);
}

/* ---- files ------------------------------------------------------------------- */

/* The byte at off of /tests/sizeN (tests/initrd-pattern.sh). */
static char pattern(const char *name, long off)
{
	char line[80];
	long start = off - off % 64;
	int n = snprintf(line, sizeof(line), "%s %08lx ", name, start);

	for (int k = n; k < 63; k++)
		line[k] = (char)('a' + (start / 64 + k) % 26);
	line[63] = '\n';
	return line[off % 64];
}

static void check_files(void)
{
	static char buf[13000];
	struct stat st;
	int fd = open("/tests/size12388", O_RDONLY);

	CHECK(fd >= 0);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 12388);
	ssize_t n, total = 0;
	while ((n = read(fd, buf + total, 1000)) > 0)
		total += n;
	CHECK(n == 0 && total == 12388);
	for (long i = 0; i < total; i++)
		CHECK(buf[i] == pattern("size12388", i));
	CHECK(lseek(fd, 4096, SEEK_SET) == 4096);
	CHECK(read(fd, buf, 1) == 1 && buf[0] == pattern("size12388", 4096));
	int fd2 = dup(fd);
	CHECK(fd2 > fd && lseek(fd2, 0, SEEK_CUR) == 4097);     /* a shared offset */
	CHECK(dup2(fd, 10) == 10 && close(10) == 0);
	CHECK(close(fd2) == 0 && close(fd) == 0);
	errno = 0;
	CHECK(close(fd) == -1 && errno == EBADF);
	CHECK(open("/no/such/file", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(stat("/tests", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat("/tests/size0", &st) == 0 && st.st_size == 0);
}

static void check_stdio(void)
{
	char line[200];
	FILE *f = fopen("/tests/size4097", "r");

	CHECK(f != NULL);
	CHECK(fgets(line, sizeof(line), f) != NULL);
	CHECK(strlen(line) == 64 && strncmp(line, "size4097 00000000 ", 18) == 0);
	CHECK(fseek(f, 4096, SEEK_SET) == 0 && fgetc(f) == pattern("size4097", 4096));
	CHECK(fgetc(f) == EOF && feof(f));
	CHECK(fclose(f) == 0);
	CHECK(fopen("/no/such/file", "r") == NULL && errno == ENOENT);
	snprintf(line, sizeof(line), "%d %s %5.2f %#x", -3, "x", 2.5, 255u);
	CHECK(strcmp(line, "-3 x  2.50 0xff") == 0);
}

static void check_dirs(void)
{
	const char *want[] = { "dir", "hello.txt", "size0", "size1", "size12388", "size4095",
	    "size4096", "size4097" };
	bool seen[8] = { false };
	struct dirent *e;
	DIR *d = opendir("/tests");

	CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		for (int i = 0; i < 8; i++)
			if (strcmp(e->d_name, want[i]) == 0)
				seen[i] = true;
		if (strcmp(e->d_name, "dir") == 0)
			CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
	}
	CHECK(closedir(d) == 0);
	for (int i = 0; i < 8; i++)
		CHECK(seen[i]);
	CHECK(opendir("/tests/size1") == NULL && errno == ENOTDIR);

	char cwd[256];
	CHECK(chdir("/tests/dir") == 0);
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd && strcmp(cwd, "/tests/dir") == 0);
	CHECK(access("a.txt", F_OK) == 0);
	CHECK(chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/tests") == 0);
	CHECK(getcwd(cwd, 3) == NULL && errno == ERANGE);
}

/* ---- processes --------------------------------------------------------------- */

/* Waits for pid; returns its status. */
static int wait_for(pid_t pid)
{
	int status;

	CHECK(waitpid(pid, &status, 0) == pid);
	return status;
}

static void check_fork(void)
{
	pid_t parent = getpid(), pid = fork();

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(getppid() == parent ? 42 : 1);
	int status = wait_for(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	CHECK(waitpid(pid, &status, 0) == -1 && errno == ECHILD);
	CHECK(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD);
}

static void check_pipe(void)
{
	int fds[2];
	char buf[64];

	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], "through the pipe", 16);
		_exit(0);
	}
	close(fds[1]);
	ssize_t n, total = 0;
	while ((n = read(fds[0], buf + total, sizeof(buf) - total)) > 0)
		total += n;
	CHECK(n == 0 && total == 16 && memcmp(buf, "through the pipe", 16) == 0);
	close(fds[0]);
	CHECK(WEXITSTATUS(wait_for(pid)) == 0);
}

static void check_exec(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exit 5", (char *)NULL);
		_exit(99);
	}
	CHECK(WEXITSTATUS(wait_for(pid)) == 5);
	if ((pid = fork()) == 0) {
		char *argv[] = { "false", NULL };
		execvp("false", argv);
		_exit(99);
	}
	CHECK(WEXITSTATUS(wait_for(pid)) == 1);
	char *argv[] = { "nothing", NULL };
	CHECK(execv("/bin/nothing", argv) == -1 && errno == ENOENT);
	CHECK(execvp("nothing", argv) == -1 && errno == ENOENT);
}

static void on_exit_write(void)
{
	write(STDOUT_FILENO, "[atexit]", 8);
}

/* exit() runs atexit handlers and flushes stdio: what a child printed arrives. */
static void check_exit_flush(void)
{
	int fds[2];
	char buf[64] = "";

	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		atexit(on_exit_write);
		printf("buffered, no newline");
		exit(3);
	}
	close(fds[1]);
	ssize_t n, total = 0;
	while ((n = read(fds[0], buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fds[0]);
	CHECK(WEXITSTATUS(wait_for(pid)) == 3);
	CHECK(strcmp(buf, "[atexit]buffered, no newline") == 0);
}

/* ---- signals ------------------------------------------------------------------ */

static volatile sig_atomic_t caught, caught_code;

static void handler(int sig)
{
	caught = sig;
}

static void info_handler(int sig, siginfo_t *si, void *context)
{
	caught = sig;
	caught_code = si->si_signo;
}

static void check_signal_handler(void)
{
	struct sigaction act = { .sa_handler = handler }, old;
	volatile double d = 1.25;               /* live across the handler: FPU/SSE state */
	long local = 0x1234;

	CHECK(sigaction(SIGUSR1, &act, &old) == 0);
	CHECK(old.sa_handler == SIG_DFL);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(caught == SIGUSR1);               /* it ran, and returned through the trampoline */
	CHECK(local == 0x1234 && d * 2 == 2.5);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == handler);

	caught = 0;
	act.sa_sigaction = info_handler;
	act.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR2, &act, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR2) == 0);
	CHECK(caught == SIGUSR2 && caught_code == SIGUSR2);

	CHECK(signal(SIGINT, SIG_IGN) != SIG_ERR);
	CHECK(raise(SIGINT) == 0);              /* ignored: still here */
	CHECK(signal(SIGKILL, handler) == SIG_ERR && errno == EINVAL);
}

static void check_signal_mask(void)
{
	sigset_t set, old, pending;

	CHECK(signal(SIGUSR1, handler) != SIG_ERR);
	caught = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigismember(&set, SIGUSR1) == 1 && sigismember(&set, SIGUSR2) == 0);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
	CHECK(raise(SIGUSR1) == 0 && caught == 0);
	CHECK(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1) == 1);
	CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0);
	CHECK(caught == SIGUSR1);               /* delivered when unblocked */
	CHECK(sigprocmask(SIG_BLOCK, NULL, &old) == 0 && !sigismember(&old, SIGUSR1));
}

static void check_signal_death(void)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			sleep(10);
	CHECK(pid > 0);
	CHECK(kill(pid, SIGTERM) == 0);
	int status = wait_for(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	if ((pid = fork()) == 0)
		abort();
	status = wait_for(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CHECK(kill(999999, SIGTERM) == -1 && errno == ESRCH);
}

/* A handler interrupts a sleep: EINTR with the time left. */
static void check_sleep_interrupted(void)
{
	struct sigaction act = { .sa_handler = handler };
	pid_t parent = getpid(), pid;
	struct timespec ts = { 5, 0 }, rem;

	CHECK(sigaction(SIGUSR1, &act, NULL) == 0);     /* no SA_RESTART */
	if ((pid = fork()) == 0) {
		usleep(100000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	caught = 0;
	CHECK(nanosleep(&ts, &rem) == -1 && errno == EINTR);
	CHECK(caught == SIGUSR1 && rem.tv_sec < 5 && rem.tv_sec >= 3);
	wait_for(pid);
}

/* ---- time and the Uvix calls ------------------------------------------------- */

static void check_time(void)
{
	struct timespec a, b, ts = { 0, 20 * 1000 * 1000 };

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	CHECK(nanosleep(&ts, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	CHECK(ns >= 20 * 1000 * 1000 && ns < 2000LL * 1000 * 1000);
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK(time(NULL) > 0);
}

/* setjmp and longjmp through frames; sigsetjmp restores the mask, setjmp does not. */
static jmp_buf jb;
static sigjmp_buf sjb;

static void jump_from_deep(int depth, int val);
static void (*volatile deep)(int, int) = jump_from_deep;       /* opaque to GCC */

static void jump_from_deep(int depth, int val)
{
	volatile char pad[64];

	pad[0] = (char)depth;
	if (depth > 0)
		deep(depth - 1, val + pad[0] * 0);
	else
		longjmp(jb, val);
}

static void check_setjmp(void)
{
	volatile int count = 0;
	int r = setjmp(jb);
	if (r == 0) {
		count++;
		jump_from_deep(10, 7);
	}
	CHECK(r == 7 && count == 1);
	if ((r = setjmp(jb)) == 0)
		longjmp(jb, 0);
	CHECK(r == 1);                          /* longjmp(env, 0) returns 1 */
	sigset_t set, cur;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if ((r = sigsetjmp(sjb, 1)) == 0) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		siglongjmp(sjb, 3);
	}
	CHECK(r == 3 && sigprocmask(SIG_BLOCK, NULL, &cur) == 0 && !sigismember(&cur, SIGUSR1));
	if ((r = sigsetjmp(sjb, 0)) == 0) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		siglongjmp(sjb, 4);
	}
	CHECK(r == 4 && sigprocmask(SIG_BLOCK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1));
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { alarms++; }

/* alarm: SIGALRM after a second; the time left; cancelling; the usage counters. */
static void check_alarm_rusage(void)
{
	signal(SIGALRM, on_alarm);
	CHECK(alarm(5) == 0);
	unsigned left = alarm(1);
	CHECK(left >= 4 && left <= 5);
	pause();
	CHECK(alarms == 1 && alarm(0) == 0);
	CHECK(alarm(10) == 0 && alarm(0) >= 9 && alarm(0) == 0);
	struct rusage ru;
	CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_utime.tv_usec >= 0);
	CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
	CHECK(getrusage(7, &ru) == -1 && errno == EINVAL);
}

/* popen, pclose, system, realpath, sysconf, isatty, fscanf, a little math. */
static void check_libc_more(void)
{
	FILE *f = popen("echo 12 abc; exit 3", "r");
	int n = 0;
	char word[16];
	CHECK(f != NULL && fscanf(f, "%d %15s", &n, word) == 2 && n == 12 && strcmp(word, "abc") == 0);
	int st = pclose(f);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(pclose(stdin) == -1 && errno == ECHILD);
	f = popen("exit 4", "w");
	CHECK(f != NULL && fileno(f) > 2);
	st = pclose(f);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
	st = system("exit 5");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
	char buf[PATH_MAX];
	CHECK(chdir("/tests/dir") == 0);
	CHECK(realpath("sub/../a.txt", buf) != NULL && strcmp(buf, "/tests/dir/a.txt") == 0);
	CHECK(realpath("//tests/./dir//sub/", buf) != NULL && strcmp(buf, "/tests/dir/sub") == 0);
	CHECK(realpath("../../..", buf) != NULL && strcmp(buf, "/") == 0);
	CHECK(realpath("nothing", buf) == NULL && errno == ENOENT);
	CHECK(realpath("a.txt/x", buf) == NULL && errno == ENOTDIR);
	char *p = realpath("/tests", NULL);
	CHECK(p != NULL && strcmp(p, "/tests") == 0);
	free(p);
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && sysconf(_SC_CLK_TCK) == 100 && sysconf(_SC_OPEN_MAX) > 2);
	CHECK(sysconf(_SC_PHYS_PAGES) > 0 && sysconf(12345) == -1 && errno == EINVAL);
	int fd = open("/tests/hello.txt", O_RDONLY);
	CHECK(fd >= 0 && !isatty(fd) && errno == ENOTTY);
	close(fd);
	volatile double two = 2;
	CHECK(sqrt(two) * sqrt(two) - 2 < 1e-15 && pow(two, 10) == 1024 && floor(-two / 4) == -1);
	CHECK(fabs(sin(M_PI / 6) - 0.5) < 1e-15 && fabs(exp(log(10.0)) - 10) < 1e-14);
	double d = 0;
	CHECK(sscanf("x=2.5e1", "x=%lf", &d) == 1 && d == 25 && atof("-1.5") == -1.5);
}

static void check_uvix_calls(void)
{
	struct uvmexp u;
	struct uvix_procinfo procs[64];

	CHECK(getpagesize() == 4096);
	CHECK(uvmexp(&u) == 0 && u.pagesize == getpagesize());
	int n = uvix_ps(procs, 64);
	CHECK(n >= 1);
	bool me = false;
	for (int i = 0; i < n; i++)
		if (procs[i].pid == getpid() && procs[i].ppid == getppid())
			me = true;
	CHECK(me);
	CHECK(getpgrp() > 0);
}

/* ---- the runner --------------------------------------------------------------- */

static const struct {
	const char *name;
	void (*fn)(void);
} checks[] = {
	{ "start", check_start },
	{ "brk", check_brk },
	{ "malloc", check_malloc },
	{ "mmap", check_mmap },
	{ "files", check_files },
	{ "stdio", check_stdio },
	{ "dirs", check_dirs },
	{ "fork", check_fork },
	{ "pipe", check_pipe },
	{ "exec", check_exec },
	{ "exit_flush", check_exit_flush },
	{ "signal_handler", check_signal_handler },
	{ "signal_mask", check_signal_mask },
	{ "signal_death", check_signal_death },
	{ "sleep_interrupted", check_sleep_interrupted },
	{ "time", check_time },
	{ "uvix_calls", check_uvix_calls },
	{ "setjmp", check_setjmp },
	{ "alarm_rusage", check_alarm_rusage },
	{ "libc_more", check_libc_more },
};

/* Runs one check in a child; returns whether it passed. */
static bool run_check(int i)
{
	int status;

	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("libctest: FAIL %s: fork: %s\n", checks[i].name, strerror(errno));
		return false;
	}
	if (pid == 0) {
		checks[i].fn();
		exit(0);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("libctest: FAIL %s: waitpid: %s\n", checks[i].name, strerror(errno));
			return false;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("libctest: ok %s\n", checks[i].name);
		return true;
	}
	if (WIFSIGNALED(status))
		printf("libctest: FAIL %s: killed by signal %d (%s)\n", checks[i].name,
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("libctest: FAIL %s: see the message above\n", checks[i].name);
	return false;
}

int main(int argc, char *argv[], char *envp[])
{
	int passed = 0, failed = 0;

	saved_envp0 = envp[0];
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		bool wanted = argc == 1;
		for (int a = 1; a < argc; a++)
			wanted |= strcmp(argv[a], checks[i].name) == 0;
		if (!wanted)
			continue;
		if (run_check((int)i))
			passed++;
		else
			failed++;
	}
	if (passed + failed == 0) {
		fprintf(stderr, "usage: libctest [check ...]; the checks are:");
		for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
			fprintf(stderr, " %s", checks[i].name);
		fprintf(stderr, "\n");
		return 2;
	}
	printf("libctest: %d passed, %d failed\n", passed, failed);
	return failed > 0;
}
