/*
 * vmbench: the project's benchmark table. Each row is one operation's
 * cost in CPU cycles (rdtsc), and its ratio to the best hot 4 KiB copy
 * measured in the same run ("x copy"), so that tables from different
 * machines, emulators and kernels compare like with like.
 *
 * Every row is measured reps times (a repetition times a batch of the
 * operation and divides); the table shows the median and the min-max of
 * the repetitions, and the first repetition apart (and not in the median
 * and min-max) when it falls more than FIRST_APART_PCT outside the
 * min-max of the others (caches, page tables and QEMU's translated code
 * still cold).
 *
 *   copy rows            4 KiB between two hot buffers, by four methods
 *                        (the best median is the reference, 1.00), and
 *                        1 MiB between two large buffers, per 4 KiB
 *   read 4 KiB of a file read(2) of an initrd file: one copyout
 *   null system call     getppid()
 *   pipe, N writes       a child reads what the parent writes, in N-byte
 *                        calls; cycles per 4 KiB moved
 *   pipe ping-pong       one byte to a child and one back
 *   zero-fill fault      first write to a page of fresh anonymous memory
 *   copy-on-write fault  write to a page shared with a child after fork
 *   munmap               of touched anonymous memory, per page
 *   mmap+touch+munmap    of 1 and of 16 pages
 *   fork+exit+wait       a small process; after touching 16 MiB once;
 *                        after rewriting the 16 MiB before every fork
 *                        (so fork must write-protect every page again)
 *   fork+exec+wait       of /bin/true
 *   mlock, per page      mlock of fresh anonymous memory (each page
 *                        zero-filled and wired), then munlock (not timed)
 *   fork, 16 MiB wired   fork+exit+wait of the 16 MiB mlock'd: the child
 *                        copies it all at fork (the parent keeps its pages
 *                        writable); the next row is its ratio to the
 *                        16 MiB touched row (copy-on-write), both medians
 *   faults after mlock   page faults (getrusage) taken touching the 16 MiB
 *                        once it is mlock'd: must be 0
 *
 * Usage: vmbench [-t] [-r reps] [-p pages]
 *   -t        also print each row as a tab-separated line beginning
 *             "vmbench<TAB>" (tools/bench.sh joins the arches' tables)
 *   -r reps   repetitions of each row (default 7, at least 2)
 *   -p pages  pages per repetition of the fault rows (default 256)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#define PG              4096
#define MAX_REPS        32
#define BIG_COPY        (1 << 20)       /* the large copy row's size */
#define BIG_MEM         (16 << 20)      /* the fork rows' touched memory */
#define PIPE_TOTAL      (1 << 20)       /* bytes through the pipe per repetition */
#define FIRST_APART_PCT 10              /* the first repetition apart if this far out */
#define SMALL_FILE      "/tests/size4096"
#define SMALL_PROG      "/bin/true"

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static char *anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("vmbench: mmap");
	return p;
}

static void touch(char *p, size_t len, char v)
{
	for (size_t i = 0; i < len; i += PG)
		p[i] = v;
}

/* --- the copy methods ---------------------------------------------------- */

static void copy_movsb(void *d, const void *s, size_t n)
{
	__asm__ volatile("cld; rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

/* n a multiple of the word size */
static void copy_movsw(void *d, const void *s, size_t n)
{
	size_t words = n / sizeof(long);
#ifdef __x86_64__
	__asm__ volatile("cld; rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
#else
	__asm__ volatile("cld; rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
#endif
}

/* Eight words per iteration, in general registers; n a multiple of 8 words. */
__attribute__((optimize("no-tree-vectorize")))
static void copy_unrolled(void *d, const void *s, size_t n)
{
	typedef unsigned long __attribute__((may_alias)) word;
	word *dw = d;
	const word *sw = s;

	for (size_t i = 0; i < n / sizeof(word); i += 8) {
		word a = sw[i], b = sw[i + 1], c = sw[i + 2], e = sw[i + 3];
		dw[i] = a, dw[i + 1] = b, dw[i + 2] = c, dw[i + 3] = e;
		a = sw[i + 4], b = sw[i + 5], c = sw[i + 6], e = sw[i + 7];
		dw[i + 4] = a, dw[i + 5] = b, dw[i + 6] = c, dw[i + 7] = e;
	}
}

static void copy_libc(void *d, const void *s, size_t n)
{
	memcpy(d, s, n);
}

static const struct method {
	const char *name;
	void (*fn)(void *, const void *, size_t);
} methods[] = {
	{ "rep movsb", copy_movsb },
	{ "rep movs of words", copy_movsw },     /* movsl on i386, movsq on amd64 */
	{ "unrolled words", copy_unrolled },
	{ "libc memcpy", copy_libc },
};
#define NMETHODS        (sizeof(methods) / sizeof(methods[0]))

/* --- one row --------------------------------------------------------------- */

/* A measurement: one repetition's cycles per operation. */
typedef uint64_t (*bench_fn)(int arg);

struct row {
	char name[48];
	int nreps;
	uint64_t rep[MAX_REPS];
	uint64_t median, min, max;      /* of the repetitions, the first unless apart */
	int first_apart;                /* the first lies FIRST_APART_PCT outside the others' min-max */
};

static int reps = 7;
static int tabbed;
static uint64_t best_copy;             /* the reference: best hot 4 KiB copy */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Median and min-max of rep[from..nreps). */
static void row_range(struct row *r, int from)
{
	uint64_t s[MAX_REPS];
	int n = r->nreps - from;

	memcpy(s, r->rep + from, n * sizeof(s[0]));
	qsort(s, n, sizeof(s[0]), cmp_u64);
	r->min = s[0];
	r->max = s[n - 1];
	r->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* The first repetition apart (and out of the median) when it differs. */
static void row_stats(struct row *r)
{
	row_range(r, 1);
	r->first_apart = r->rep[0] * 100 < r->min * (100 - FIRST_APART_PCT) ||
	    r->rep[0] * 100 > r->max * (100 + FIRST_APART_PCT);
	if (!r->first_apart)
		row_range(r, 0);
}

static void row_print(const struct row *r)
{
	char range[40], first[24] = "";

	snprintf(range, sizeof(range), "%llu-%llu", (unsigned long long)r->min,
	    (unsigned long long)r->max);
	if (r->first_apart)
		snprintf(first, sizeof(first), "%llu", (unsigned long long)r->rep[0]);
	double ratio = best_copy ? (double)r->median / best_copy : 0;
	printf("%-40s %12llu %8.2f %21s %10s\n", r->name, (unsigned long long)r->median,
	    ratio, range, first);
	if (tabbed)
		printf("vmbench\t%s\t%llu\t%.2f\t%s\t%s\n", r->name,
		    (unsigned long long)r->median, ratio, range, first[0] ? first : "-");
}

/* Measures fn(arg) reps times into r, named by the format and one string. */
static void measure(struct row *r, const char *fmt, bench_fn fn, int arg, const char *s)
{
	snprintf(r->name, sizeof(r->name), fmt, s);
	r->nreps = reps;
	for (int i = 0; i < reps; i++)
		r->rep[i] = fn(arg);
	row_stats(r);
}

/* Measures fn(arg) reps times and prints the row; returns its median. */
static uint64_t row(const char *name, bench_fn fn, int arg)
{
	struct row r;

	measure(&r, "%s", fn, arg, name);
	row_print(&r);
	return r.median;
}

/* A row that is a number, not a measurement: in the cycles or the ratio column. */
static void value_row(const char *name, const char *value, const char *ratio)
{
	printf("%-40s %12s %8s %21s %10s\n", name, value, ratio, "-", "");
	if (tabbed)
		printf("vmbench\t%s\t%s\t%s\t-\t-\n", name, value, ratio);
}

/* --- the measurements ------------------------------------------------------ */

static char hot_a[PG] __attribute__((aligned(64))), hot_b[PG] __attribute__((aligned(64)));
static char *big_a, *big_b;

/* The best of 200 hot 4 KiB copies by method m. */
static uint64_t b_copy_hot(int m)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < 200; i++) {
		uint64_t t = cycles();
		methods[m].fn(hot_b, hot_a, PG);
		__asm__ volatile("" : : "r"(hot_b) : "memory");
		t = cycles() - t;
		if (t < best)
			best = t;
	}
	return best;
}

/* One 1 MiB copy by method m, per 4 KiB. */
static uint64_t b_copy_big(int m)
{
	uint64_t t = cycles();

	methods[m].fn(big_b, big_a, BIG_COPY);
	__asm__ volatile("" : : "r"(big_b) : "memory");
	return (cycles() - t) / (BIG_COPY / PG);
}

static int small_fd;

static uint64_t b_read_file(int n)
{
	uint64_t t = cycles();

	for (int i = 0; i < n; i++) {
		lseek(small_fd, 0, SEEK_SET);
		if (read(small_fd, hot_b, PG) != PG)
			die("vmbench: read " SMALL_FILE);
	}
	return (cycles() - t) / n;
}

static uint64_t b_getppid(int n)
{
	uint64_t t = cycles();

	for (int i = 0; i < n; i++)
		getppid();
	return (cycles() - t) / n;
}

/*
 * A child that reads a new pipe into buf (len bytes at a time) until its
 * writer closes it. Returns the child; *wfd is the parent's write end.
 */
static pid_t fork_reader(char *buf, size_t len, int *wfd)
{
	int fds[2];

	if (pipe(fds) != 0)
		die("vmbench: pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("vmbench: fork");
	if (pid == 0) {
		close(fds[1]);
		while (read(fds[0], buf, len) > 0)
			;
		_exit(0);
	}
	close(fds[0]);
	*wfd = fds[1];
	return pid;
}

/* PIPE_TOTAL bytes through a pipe in chunk-byte writes; cycles per 4 KiB. */
static uint64_t b_pipe(int chunk)
{
	int wfd;
	char *buf = anon(chunk);

	touch(buf, chunk, 1);
	pid_t pid = fork_reader(buf, chunk, &wfd);
	uint64_t t = cycles();
	for (int done = 0; done < PIPE_TOTAL; done += chunk)
		if (write(wfd, buf, chunk) != chunk)
			die("vmbench: write to a pipe");
	close(wfd);
	waitpid(pid, NULL, 0);
	t = cycles() - t;
	munmap(buf, chunk);
	return t / (PIPE_TOTAL / PG);
}

/* n round trips of one byte; cycles per round trip. */
static uint64_t b_pingpong(int n)
{
	int there[2], back[2];
	char c = 0;

	if (pipe(there) != 0 || pipe(back) != 0)
		die("vmbench: pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("vmbench: fork");
	if (pid == 0) {
		close(there[1]), close(back[0]);
		while (read(there[0], &c, 1) == 1)
			write(back[1], &c, 1);
		_exit(0);
	}
	close(there[0]), close(back[1]);
	uint64_t t = cycles();
	for (int i = 0; i < n; i++) {
		write(there[1], &c, 1);
		read(back[0], &c, 1);
	}
	t = cycles() - t;
	close(there[1]);
	waitpid(pid, NULL, 0);
	close(back[0]);
	return t / n;
}

static uint64_t b_zero_fill(int n)
{
	char *p = anon((size_t)n * PG);
	uint64_t t = cycles();

	touch(p, (size_t)n * PG, 1);
	t = cycles() - t;
	munmap(p, (size_t)n * PG);
	return t / n;
}

/* The parent writes n shared pages while its child sleeps on a pipe. */
static uint64_t b_cow(int n)
{
	char *p = anon((size_t)n * PG);
	int wfd;
	char c;

	touch(p, (size_t)n * PG, 1);
	pid_t pid = fork_reader(&c, 1, &wfd);        /* sleeps until we close */
	uint64_t t = cycles();
	touch(p, (size_t)n * PG, 2);
	t = cycles() - t;
	close(wfd);
	waitpid(pid, NULL, 0);
	munmap(p, (size_t)n * PG);
	return t / n;
}

static uint64_t b_munmap(int n)
{
	char *p = anon((size_t)n * PG);

	touch(p, (size_t)n * PG, 1);
	uint64_t t = cycles();
	munmap(p, (size_t)n * PG);
	return (cycles() - t) / n;
}

/* 64 rounds of mmap, touch and munmap of `pages` pages; cycles per round. */
static uint64_t b_mmap_touch_munmap(int pages)
{
	enum { ROUNDS = 64 };
	uint64_t t = cycles();

	for (int i = 0; i < ROUNDS; i++) {
		char *p = anon((size_t)pages * PG);
		touch(p, (size_t)pages * PG, 1);
		munmap(p, (size_t)pages * PG);
	}
	return (cycles() - t) / ROUNDS;
}

static uint64_t fork_exit_wait(void)
{
	uint64_t t = cycles();
	pid_t pid = fork();

	if (pid < 0)
		die("vmbench: fork");
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return cycles() - t;
}

static uint64_t b_fork_small(int n)
{
	uint64_t sum = 0;

	for (int i = 0; i < n; i++)
		sum += fork_exit_wait();
	return sum / n;
}

static char *big_mem;

static uint64_t b_fork_touched(int n)
{
	return b_fork_small(n);
}

/* Rewritten before every fork (not timed): every page writable again. */
static uint64_t b_fork_rewritten(int n)
{
	uint64_t sum = 0;

	for (int i = 0; i < n; i++) {
		touch(big_mem, BIG_MEM, (char)i);
		sum += fork_exit_wait();
	}
	return sum / n;
}

/* mlock of n fresh pages (each zero-filled and wired); cycles per page. */
static uint64_t b_mlock(int n)
{
	char *p = anon((size_t)n * PG);
	uint64_t t = cycles();

	if (mlock(p, (size_t)n * PG) != 0)
		die("vmbench: mlock");
	t = cycles() - t;
	munlock(p, (size_t)n * PG);
	munmap(p, (size_t)n * PG);
	return t / n;
}

static long long faults_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

static uint64_t b_exec(int n)
{
	uint64_t t = cycles();

	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("vmbench: fork");
		if (pid == 0) {
			char *argv[] = { SMALL_PROG, NULL };
			execv(SMALL_PROG, argv);
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "vmbench: %s failed\n", SMALL_PROG);
			exit(1);
		}
	}
	return (cycles() - t) / n;
}

int main(int argc, char **argv)
{
	int pages = 256, c;

	while ((c = getopt(argc, argv, "tr:p:")) != -1) {
		switch (c) {
		case 't': tabbed = 1; break;
		case 'r': reps = atoi(optarg); break;
		case 'p': pages = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (optind != argc || reps < 2 || reps > MAX_REPS || pages < 1 || pages > 65536)
		goto usage;

	printf("%-40s %12s %8s %21s %10s\n", "operation", "cycles", "x copy", "min-max", "first");
	memset(hot_a, 1, PG);
	big_a = anon(BIG_COPY);
	big_b = anon(BIG_COPY);
	touch(big_a, BIG_COPY, 1);
	touch(big_b, BIG_COPY, 1);
	/* The reference first: the best median of the hot copies. */
	struct row hot[NMETHODS], big[NMETHODS];
	size_t best_hot = 0, best_big = 0;
	for (size_t m = 0; m < NMETHODS; m++) {
		measure(&hot[m], "copy 4 KiB hot, %s", b_copy_hot, (int)m, methods[m].name);
		measure(&big[m], "copy 1 MiB, %s, per 4 KiB", b_copy_big, (int)m, methods[m].name);
		if (hot[m].median < hot[best_hot].median)
			best_hot = m;
		if (big[m].median < big[best_big].median)
			best_big = m;
	}
	best_copy = hot[best_hot].median;
	struct row best = hot[best_hot];
	snprintf(best.name, sizeof(best.name), "best copy, hot 4 KiB (the reference)");
	row_print(&best);
	best = big[best_big];
	snprintf(best.name, sizeof(best.name), "best copy, 1 MiB, per 4 KiB");
	row_print(&best);
	for (size_t m = 0; m < NMETHODS; m++)
		row_print(&hot[m]);
	for (size_t m = 0; m < NMETHODS; m++)
		row_print(&big[m]);
	munmap(big_a, BIG_COPY);
	munmap(big_b, BIG_COPY);

	if ((small_fd = open(SMALL_FILE, O_RDONLY)) < 0)
		die("vmbench: open " SMALL_FILE);
	row("read 4 KiB of a file (copyout)", b_read_file, 64);
	close(small_fd);
	row("null system call (getppid)", b_getppid, 256);
	row("pipe, 4 KiB writes, per 4 KiB", b_pipe, 4 << 10);
	row("pipe, 64 KiB writes, per 4 KiB", b_pipe, 64 << 10);
	row("pipe, 1 MiB writes, per 4 KiB", b_pipe, 1 << 20);
	row("pipe ping-pong, 1 byte", b_pingpong, 64);
	row("zero-fill fault, per page", b_zero_fill, pages);
	row("copy-on-write fault, per page", b_cow, pages);
	row("munmap of touched memory, per page", b_munmap, pages);
	row("mmap+touch+munmap, 1 page", b_mmap_touch_munmap, 1);
	row("mmap+touch+munmap, 16 pages", b_mmap_touch_munmap, 16);
	row("fork+exit+wait, small process", b_fork_small, 4);
	big_mem = anon(BIG_MEM);
	touch(big_mem, BIG_MEM, 1);
	uint64_t touched = row("fork+exit+wait, 16 MiB touched", b_fork_touched, 2);
	row("fork+exit+wait, 16 MiB rewritten", b_fork_rewritten, 1);
	munmap(big_mem, BIG_MEM);
	row("mlock of fresh memory, per page", b_mlock, pages);
	big_mem = anon(BIG_MEM);
	if (mlock(big_mem, BIG_MEM) != 0)
		die("vmbench: mlock of 16 MiB (sysctl vm.wiredmax)");
	faults_now();
	long long f0 = faults_now();
	touch(big_mem, BIG_MEM, 2);
	long long f1 = faults_now();
	uint64_t wired = row("fork+exit+wait, 16 MiB wired", b_fork_touched, 2);
	char v[32], ratio[32];
	snprintf(ratio, sizeof(ratio), "%.2f", touched ? (double)wired / touched : 0.0);
	value_row("fork 16 MiB: wired / touched (ratio)", "-", ratio);
	snprintf(v, sizeof(v), "%lld", f1 - f0);
	value_row("faults touching 16 MiB after mlock", v, "-");
	munmap(big_mem, BIG_MEM);
	row("fork+exec+wait of " SMALL_PROG, b_exec, 2);
	return 0;

usage:
	fprintf(stderr, "usage: vmbench [-t] [-r reps 2-%d] [-p pages 1-65536]\n", MAX_REPS);
	return 2;
}
