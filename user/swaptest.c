/*
 * swaptest: the in-guest memory-pressure test of the pagedaemon and swap.
 * Boot it with little RAM and a swap disk several times larger:
 *
 *     make run MEM=32M SWAP=128M CMD=/bin/swaptest
 *
 * usage: swaptest [-p workers] [-x multiple] [-n passes]
 *
 * Worker processes (-p, default 3) together write -x (default 3, tenths
 * allowed: 1.5) times the RAM, each its share in one anonymous private
 * mapping. Every 32-bit word of a page holds a value made from the
 * page's address, the owner's pid, a pass number and the word's index,
 * so a page that comes back from swap wrong, shifted, from another slot
 * or from another process shows. Pass 0 writes every page; each of the
 * -n passes (default 2) verifies the values of the pass before and
 * writes its own; a last sweep verifies. Meanwhile:
 *
 *   - worker 0, after pass n/2, forks: the child verifies the pages it
 *     inherited copy-on-write, writes its own values into every other
 *     one and verifies both halves; once it has exited, the worker
 *     verifies that its own pages were not touched;
 *   - the last worker maps /bin/sh read-only and after each pass
 *     checksums the mapping and compares with the checksum of the bytes
 *     read() gives: the mapping's pages are clean file pages, which the
 *     pagedaemon may drop and the next fault reads again.
 *
 * A worker that finds a wrong value prints where, what it expected and
 * what it found, and exits 1. The workers send their results (struct
 * report) through a pipe to the process that started them, the tester,
 * which prints one line per check. Then the main process checks that
 * pages really went out to swap and came back (pgswapout and pgswapin
 * grew), and that the swap slots in use and the free pages (with the
 * kernel's page-table pages, never freed, as utest counts them) are
 * exactly back at their baseline: a leak of one page or slot fails.
 *
 * The baseline is not read on a quiet system, as utest does. Under
 * pressure the pagedaemon also pushes out the pages of the processes
 * that outlive the workers (init, the shell, this one), and those stay
 * in swap while they sleep: they would make the end differ from a quiet
 * baseline with no leak at all. So both readings are taken the same way
 * by measure(): a child writes twice the RAM and exits, which pushes out
 * every idle page (anonymous ones to swap; clean file pages, such as the
 * pages of /bin/sh the last worker read and the shell keeps mapped, are
 * dropped), then the counters are read once they hold still.
 * Between the two readings this process does nothing but fork, wait and
 * read counters, as measure() does, while a child (the tester) runs and
 * judges the workers: so the pages of this process are the same at both
 * readings too. The first measure() also does what utest's warm-up
 * forks do (our first fork leaves copies of the pages we write after it).
 *
 * Output: "swaptest: PASS name" or "swaptest: FAIL name: why" per check,
 * the counters' growth during the test, and "swaptest: summary P passed
 * F failed". Exit status 0 if all passed, 1 if not, 2 for bad usage or
 * a system that cannot run the test (no swap, or too little of it).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "user/lib/prog.h"

#define MAXWORKERS      16      /* their reports fit in a pipe's 4 KiB */
#define EVICT_MULTIPLE  2       /* measure()'s child writes this times the RAM */
#define FILE_PATH       "/bin/sh"
#define WORD_STEP       0x9e3779b9u     /* odd: word i is word 0 + i * WORD_STEP */
#define FNV_BASIS       2166136261u
#define FNV_PRIME       16777619u

/* The checks the workers do, and who does each (does_check). */
enum { CHK_ANON, CHK_FORK, CHK_FILE, NWCHECKS };
static const char *const wcheck_names[NWCHECKS] = {
	"anon_pages_survive_paging",
	"fork_cow_under_pressure",
	"file_mapping_matches_read",
};

/* A worker's result for one check, sent to the tester with one write(). */
struct report {
	int32_t check;                  /* CHK_* */
	int32_t worker;
	int32_t ok;
	char why[116];                  /* if not ok */
};

/* What the tester learns about one worker. */
struct wstate {
	pid_t pid;                      /* -1: fork failed, with errno in status */
	int status;                     /* its wait status */
	int got[NWCHECKS];              /* 0 no report, 1 passed, -1 failed */
	char why[NWCHECKS][sizeof(((struct report *)0)->why)];
};

/* A worker's anonymous memory. */
struct region {
	char *base;
	long npages;
};

/* A read-only private mapping of FILE_PATH and the checksum read() gave. */
struct filemap {
	const unsigned char *map;
	size_t size;
	uint32_t want;
};

static long pagesize;
static int nworkers = 3, npasses = 2;
static long total_pages;                /* the workers' pages together */
static int report_fd;                   /* in a worker: the pipe to the tester */
static int worker_id;                   /* in a worker: which one */
static const char *role = "";           /* "the child: " in worker 0's child */

static void usage(void)
{
	fprintf(stderr, "usage: swaptest [-p workers] [-x multiple] [-n passes]\n");
	exit(2);
}

/* The free pages as utest counts them: with the page-table pages the kernel keeps. */
static int64_t free_pages(const struct uvmexp *u)
{
	return u->free + u->kptpages;
}

/*
 * The workers' side.
 */

static void send_report(int check, int ok, const char *why)
{
	struct report r = { .check = check, .worker = worker_id, .ok = ok };

	strlcpy(r.why, why, sizeof(r.why));
	if (write(report_fd, &r, sizeof(r)) != (ssize_t)sizeof(r))
		fprintf(stderr, "swaptest: worker %d: cannot report: %s\n", worker_id,
		    strerror(errno));
}

/*
 * Fails check: says why on the console at once (the system may not live
 * to the tester's lines) and to the tester, then exits 1.
 */
static void __attribute__((noreturn, format(printf, 2, 3))) fail(int check, const char *fmt, ...)
{
	char why[sizeof(((struct report *)0)->why)];
	size_t n = strlcpy(why, role, sizeof(why));
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why + n, sizeof(why) - n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "swaptest: worker %d: %s\n", worker_id, why);
	send_report(check, 0, why);
	_exit(1);
}

/* A 32-bit mix (murmur3's finalizer): each input bit flips about half the output's. */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return x;
}

/* Word 0 of the page at va as pid writes it in pass. */
static uint32_t page_seed(const void *va, pid_t pid, int pass)
{
	uint64_t a = (uintptr_t)va;

	return mix(mix(mix((uint32_t)a ^ (uint32_t)(a >> 32)) ^ (uint32_t)pid) ^ (uint32_t)pass);
}

static uint32_t *page(const struct region *r, long i)
{
	return (uint32_t *)(r->base + i * pagesize);
}

static void fill_page(uint32_t *w, pid_t pid, int pass)
{
	uint32_t v = page_seed(w, pid, pass);

	for (long i = 0; i < pagesize / 4; i++, v += WORD_STEP)
		w[i] = v;
}

/* Fails check with the page's first wrong word and how many are wrong. */
static void __attribute__((noreturn)) bad_page(int check, const uint32_t *w, long first,
    pid_t pid, int pass)
{
	uint32_t seed = page_seed(w, pid, pass);
	long nbad = 0, nwords = pagesize / 4;

	for (long i = 0; i < nwords; i++)
		if (w[i] != seed + (uint32_t)i * WORD_STEP)
			nbad++;
	fail(check, "at %p (pass %d, pid %d): expected %#" PRIx32 ", found %#" PRIx32
	    " (%ld of %ld words wrong)", (const void *)&w[first], pass, (int)pid,
	    seed + (uint32_t)first * WORD_STEP, w[first], nbad, nwords);
}

/* Verifies the page at w holds what pid wrote in pass. */
static void verify_page(int check, const uint32_t *w, pid_t pid, int pass)
{
	uint32_t v = page_seed(w, pid, pass);

	for (long i = 0; i < pagesize / 4; i++, v += WORD_STEP)
		if (w[i] != v)
			bad_page(check, w, i, pid, pass);
}

/* Verifies pages first, first + step, ... of r. */
static void verify_pages(int check, const struct region *r, long first, long step, pid_t pid,
    int pass)
{
	for (long p = first; p < r->npages; p += step)
		verify_page(check, page(r, p), pid, pass);
}

/* Pass pass over r: each page must hold pass - 1's values (pass 0 skips that), then gets pass's. */
static void sweep(const struct region *r, pid_t pid, int pass)
{
	for (long p = 0; p < r->npages; p++) {
		if (pass > 0)
			verify_page(CHK_ANON, page(r, p), pid, pass - 1);
		fill_page(page(r, p), pid, pass);
	}
}

/*
 * After pass pass, with memory tight: a child verifies the pages it
 * inherited copy-on-write, writes its own values into the even ones and
 * verifies both halves; then the pages of the worker (me) must be as
 * they were.
 */
static void fork_check(const struct region *r, pid_t me, int pass)
{
	char buf[64];
	int status;
	pid_t pid = fork();

	if (pid < 0)
		fail(CHK_FORK, "fork: %s", strerror(errno));
	if (pid == 0) {
		pid_t child = getpid();
		role = "the child: ";
		verify_pages(CHK_FORK, r, 0, 1, me, pass);
		for (long p = 0; p < r->npages; p += 2)
			fill_page(page(r, p), child, pass);
		verify_pages(CHK_FORK, r, 0, 2, child, pass);
		verify_pages(CHK_FORK, r, 1, 2, me, pass);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		fail(CHK_FORK, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		_exit(1);                       /* it said why */
	if (status != 0)
		fail(CHK_FORK, "the child (pid %d): %s", (int)pid,
		    describe_status(status, buf, sizeof(buf)));
	verify_pages(CHK_FORK, r, 0, 1, me, pass);
	send_report(CHK_FORK, 1, "");
}

/* FNV-1a, carried on from h. */
static uint32_t checksum(uint32_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

/* Reads FILE_PATH into a checksum with read(), then maps it. */
static void file_open(struct filemap *f)
{
	unsigned char buf[4096];
	struct stat st;
	ssize_t n;
	int fd = open(FILE_PATH, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0)
		fail(CHK_FILE, "%s: %s", FILE_PATH, strerror(errno));
	f->want = FNV_BASIS;
	f->size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		f->want = checksum(f->want, buf, (size_t)n);
		f->size += (size_t)n;
	}
	if (n < 0)
		fail(CHK_FILE, "read %s: %s", FILE_PATH, strerror(errno));
	if ((off_t)f->size != st.st_size)
		fail(CHK_FILE, "read() gave %zu bytes of %s, fstat says %lld", f->size, FILE_PATH,
		    (long long)st.st_size);
	f->map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (f->map == MAP_FAILED)
		fail(CHK_FILE, "mmap %s: %s", FILE_PATH, strerror(errno));
	close(fd);
}

static void file_verify(const struct filemap *f, int pass)
{
	uint32_t got = checksum(FNV_BASIS, f->map, f->size);

	if (got != f->want)
		fail(CHK_FILE, "after pass %d: the mapping of %s sums to %#" PRIx32
		    ", read() gave %#" PRIx32, pass, FILE_PATH, got, f->want);
}

/* Which workers do check c. */
static int does_check(int c, int w)
{
	switch (c) {
	case CHK_FORK:
		return w == 0;
	case CHK_FILE:
		return w == nworkers - 1;
	default:
		return 1;
	}
}

static void __attribute__((noreturn)) worker(int id, long npages)
{
	struct region r = { NULL, npages };
	struct filemap f = { NULL, 0, 0 };
	pid_t me = getpid();

	worker_id = id;
	r.base = mmap(NULL, (size_t)npages * pagesize, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r.base == MAP_FAILED)
		fail(CHK_ANON, "mmap of %ld pages: %s", npages, strerror(errno));
	if (does_check(CHK_FILE, id))
		file_open(&f);
	for (int pass = 0; pass <= npasses; pass++) {
		sweep(&r, me, pass);
		if (does_check(CHK_FILE, id))
			file_verify(&f, pass);
		if (does_check(CHK_FORK, id) && pass == npasses / 2)
			fork_check(&r, me, pass);
	}
	verify_pages(CHK_ANON, &r, 0, 1, me, npasses);
	send_report(CHK_ANON, 1, "");
	if (does_check(CHK_FILE, id))
		send_report(CHK_FILE, 1, "");
	_exit(0);
}

/*
 * The tester's side.
 */

/* Reads the workers' reports until every one has closed the pipe. */
static void read_reports(int fd, struct wstate *ws)
{
	struct report r;
	ssize_t n;

	while ((n = read(fd, &r, sizeof(r))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(r) || r.check < 0 || r.check >= NWCHECKS ||
		    r.worker < 0 || r.worker >= nworkers) {
			fprintf(stderr, "swaptest: a bad report (%zd bytes) from the workers\n", n);
			return;
		}
		struct wstate *w = &ws[r.worker];
		if (w->got[r.check] >= 0) {     /* the first failure stays */
			w->got[r.check] = r.ok ? 1 : -1;
			r.why[sizeof(r.why) - 1] = '\0';
			strlcpy(w->why[r.check], r.why, sizeof(w->why[r.check]));
		}
	}
}

/* Why check c failed, from what the workers said and how they ended; "" if it passed. */
static void judge(int c, const struct wstate *ws, char *why, size_t len)
{
	char buf[64];

	why[0] = '\0';
	for (int i = 0; i < nworkers && why[0] == '\0'; i++) {
		const struct wstate *w = &ws[i];
		if (!does_check(c, i))
			continue;
		if (w->pid < 0)
			snprintf(why, len, "worker %d did not start: fork: %s", i, strerror(w->status));
		else if (w->got[c] < 0)
			snprintf(why, len, "worker %d: %s", i, w->why[c]);
		else if (w->got[c] == 0)
			snprintf(why, len, "worker %d ended before it was done (%s)", i,
			    describe_status(w->status, buf, sizeof(buf)));
		else if (c == CHK_ANON && w->status != 0)
			snprintf(why, len, "worker %d passed its checks, then %s", i,
			    describe_status(w->status, buf, sizeof(buf)));
	}
}

/* The tester: runs the workers and prints a line per check. Returns the number that failed. */
static int tester(void)
{
	static struct wstate ws[MAXWORKERS];
	char why[200];
	int fds[2];

	checks_passed = checks_failed = 0;
	if (pipe(fds) != 0) {
		fprintf(stderr, "swaptest: pipe: %s\n", strerror(errno));
		return NWCHECKS;
	}
	for (int i = 0; i < nworkers; i++) {
		if ((ws[i].pid = fork()) == 0) {
			close(fds[0]);
			report_fd = fds[1];
			worker(i, total_pages / nworkers);
		}
		if (ws[i].pid < 0)
			ws[i].status = errno;
	}
	close(fds[1]);
	read_reports(fds[0], ws);
	for (int i = 0; i < nworkers; i++)
		if (ws[i].pid > 0 && waitpid(ws[i].pid, &ws[i].status, 0) != ws[i].pid)
			ws[i].status = -1;
	for (int c = 0; c < NWCHECKS; c++) {
		judge(c, ws, why, sizeof(why));
		check_result(wcheck_names[c], why);
	}
	return checks_failed;
}

/*
 * The main process's side.
 */

/* measure()'s child: writes a byte in each of npages fresh pages, so that every idle page goes out. */
static void __attribute__((noreturn)) evict(long npages)
{
	char *p = mmap(NULL, (size_t)npages * pagesize, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "swaptest: mmap of %ld pages: %s\n", npages, strerror(errno));
		_exit(1);
	}
	for (long i = 0; i < npages; i++)
		p[i * pagesize] = 1;
	_exit(0);
}

/*
 * Reads the counters into *u the same way before and after the test
 * (see the comment at the top): a child writes evict_pages and exits,
 * then the counters are read once the free pages and the swap slots in
 * use have held still for 20 ms (the kernel frees an exited thread's
 * stack a little after its parent's wait returns). Returns 0, or -1
 * with why filled.
 */
static int measure(struct uvmexp *u, long evict_pages, char *why, size_t len)
{
	struct uvmexp prev;
	char buf[64];
	int status;

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		evict(evict_pages);
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		snprintf(why, len, "fork or wait: %s", strerror(errno));
		return -1;
	}
	if (status != 0) {
		snprintf(why, len, "the child that pushes idle pages out (%ld pages): %s",
		    evict_pages, describe_status(status, buf, sizeof(buf)));
		return -1;
	}
	read_counters(&prev, 2);
	for (int tries = 0; tries < 100; tries++) {
		usleep(20000);
		read_counters(u, 2);
		if (free_pages(u) == free_pages(&prev) && u->swpginuse == prev.swpginuse)
			break;
		prev = *u;
	}
	return 0;
}

/* Runs the tester in a child and puts its wait status in *status. Returns 0 or an errno. */
static int run_tester(int *status)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		exit(tester());
	if (pid < 0 || waitpid(pid, status, 0) != pid)
		return errno;
	return 0;
}

/*
 * Counts the tester's checks, which it printed: its exit status is the
 * number that failed. If it did not get to say, each fails here.
 */
static void count_tester(int error, int status)
{
	char why[96], buf[64];

	if (error == 0 && WIFEXITED(status) && WEXITSTATUS(status) <= NWCHECKS) {
		checks_failed += WEXITSTATUS(status);
		checks_passed += NWCHECKS - WEXITSTATUS(status);
		return;
	}
	if (error != 0)
		snprintf(why, sizeof(why), "the tester did not run: %s", strerror(error));
	else
		snprintf(why, sizeof(why), "the tester %s", describe_status(status, buf, sizeof(buf)));
	for (int c = 0; c < NWCHECKS; c++)
		check_result(wcheck_names[c], why);
}

/*
 * The checks of the counters: paging happened, and nothing leaked. The
 * end reading is there unless end_why says why not.
 */
static void check_counters(const struct uvmexp *base, const struct uvmexp *mid,
    const struct uvmexp *end, const char *end_why)
{
	char why[160] = "";

	if (mid->pgswapout == base->pgswapout)
		snprintf(why, sizeof(why), "pgswapout stayed at %" PRId64 ": no page went to swap",
		    mid->pgswapout);
	check_result("pages_went_out_to_swap", why);
	why[0] = '\0';
	if (mid->pgswapin == base->pgswapin)
		snprintf(why, sizeof(why), "pgswapin stayed at %" PRId64 ": no page came back",
		    mid->pgswapin);
	check_result("pages_came_back_from_swap", why);
	strlcpy(why, end_why, sizeof(why));
	if (why[0] == '\0' && end->swpginuse != base->swpginuse)
		snprintf(why, sizeof(why), "swpginuse %" PRId64 " at the baseline, %" PRId64
		    " at the end", base->swpginuse, end->swpginuse);
	check_result("swap_slots_back_to_baseline", why);
	strlcpy(why, end_why, sizeof(why));
	if (why[0] == '\0' && free_pages(end) != free_pages(base))
		snprintf(why, sizeof(why), "free pages %" PRId64 " at the baseline, %" PRId64
		    " at the end", free_pages(base), free_pages(end));
	check_result("free_pages_back_to_baseline", why);
}

int main(int argc, char *argv[])
{
	struct uvmexp base, mid, end;
	char why[160];
	long multiple = 30;             /* tenths */
	int c, error, status;

	while ((c = getopt(argc, argv, "p:x:n:")) != -1) {
		switch (c) {
		case 'p':
			nworkers = (int)number_arg(optarg, 1, MAXWORKERS, usage);
			break;
		case 'x':
			multiple = tenths_arg(optarg, usage);
			break;
		case 'n':
			npasses = (int)number_arg(optarg, 0, 10, usage);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	read_counters(&base, 2);
	if (base.swpages == 0) {
		printf("swaptest: no swap\n");
		return 2;
	}
	pagesize = base.pagesize;
	total_pages = base.npages * multiple / 10;
	long evict_pages = EVICT_MULTIPLE * base.npages;
	long need = total_pages + total_pages / nworkers / 2;   /* with the child's copies */
	if (total_pages < nworkers) {
		fprintf(stderr, "swaptest: %ld pages for %d workers: use a bigger -x\n",
		    total_pages, nworkers);
		return 2;
	}
	if (need > base.swpages || evict_pages > base.swpages) {
		fprintf(stderr, "swaptest: the test needs %ld pages of swap, there are %" PRId64
		    ": use a smaller -x or a bigger swap disk\n",
		    need > evict_pages ? need : evict_pages, base.swpages);
		return 2;
	}
	printf("swaptest: %d workers, %ld pages (%ld.%ld times the %" PRId64 " of RAM), %d passes, %"
	    PRId64 " pages of swap\n", nworkers, total_pages, multiple / 10, multiple % 10,
	    base.npages, npasses, base.swpages);

	if (measure(&base, evict_pages, why, sizeof(why)) != 0) {
		check_result("baseline", why);
		printf("swaptest: summary 0 passed 1 failed\n");
		return 1;
	}
	/* Nothing but fork, wait and counters until the end is read: see the top. */
	int64_t ns = nanoseconds();
	error = run_tester(&status);
	ns = nanoseconds() - ns;
	read_counters(&mid, 2);
	why[0] = '\0';
	measure(&end, evict_pages, why, sizeof(why));

	count_tester(error, status);
	check_counters(&base, &mid, &end, why);
	printf("swaptest: counters over %.1f s: pgswapout %" PRId64 " pgswapin %" PRId64
	    " pdscans %" PRId64 " pdfreed %" PRId64 " pdfiledrop %" PRId64 " pgwaits %" PRId64 "\n",
	    ns / 1e9, mid.pgswapout - base.pgswapout, mid.pgswapin - base.pgswapin,
	    mid.pdscans - base.pdscans, mid.pdfreed - base.pdfreed,
	    mid.pdfiledrop - base.pdfiledrop, mid.pgwaits - base.pgwaits);
	printf("swaptest: summary %d passed %d failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
