/*
 * oomtest: the kernel's out-of-memory killer, tested from user space.
 * Boot it without swap:
 *
 *     make run MEM=32M SWAP= CMD=/bin/oomtest
 *
 * A child, the hog, maps anonymous memory 1 MiB at a time and writes
 * every page, forever. Without swap nothing can make room once the RAM
 * is full but killing a process, and the kernel's OOM killer must kill
 * the hog with SIGKILL (it says so on the console). The checks:
 *
 *   hog_killed_by_sigkill        the hog's wait status (and not by us:
 *                                after HOG_SECONDS we kill it ourselves,
 *                                and that fails)
 *   oomkills_counted             uvmexp.oomkills grew by at least 1
 *   system_still_works           fork and exec of /bin/true exit 0
 *   free_pages_back_to_baseline  the free pages (with the kernel's
 *                                page-table pages, never freed, as utest
 *                                counts them) are exactly back
 *
 * The baseline of the last check is not read on a quiet system, as
 * utest does. Without swap the kernel can still make room by dropping
 * clean file pages (programs' code), and those of the processes that
 * sleep through the shortage (init, the shell) stay dropped: a baseline
 * read before any shortage would differ from the end with no leak at
 * all. So the test runs two identical rounds (hog, /bin/true, the free
 * pages once they hold still) and compares the free pages at the end
 * of the second with those at the end of the first; the other checks
 * must pass in both. The first round also does what utest's warm-up
 * forks do (our first fork leaves copies of the pages we write after it).
 *
 * Output: the counters each round saw, then "oomtest: PASS name" or
 * "oomtest: FAIL name: why" per check and "oomtest: summary P passed F
 * failed". Exit status 0 if all passed, 1 if not, 2 if there is swap.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "user/lib/prog.h"

#define NROUNDS         2
#define CHUNK_PAGES     256             /* the hog maps 1 MiB at a time */
#define HOG_SECONDS     60              /* how long the kernel has to kill it */
#define POLL_US         100000          /* how often we look meanwhile */

/* What one round saw. */
struct round {
	int hog_status;                 /* the hog's wait status */
	int hog_timed_out;              /* we killed it after HOG_SECONDS */
	int64_t hog_ns;                 /* from its fork to its death */
	long hog_pages;                 /* the pages it wrote */
	struct uvmexp before, after;    /* the counters around the hog */
	int true_status;                /* /bin/true's wait status, or -1 */
	int64_t free_end;               /* settled free pages at the end */
};

static long pagesize;

/* The hog: writes every page of 1 MiB mappings, counting them in *written, until killed. */
static void __attribute__((noreturn)) hog(volatile long *written)
{
	for (;;) {
		char *p = mmap(NULL, CHUNK_PAGES * pagesize, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			fprintf(stderr, "oomtest: the hog: mmap after %ld pages: %s\n", *written,
			    strerror(errno));
			_exit(3);
		}
		for (long i = 0; i < CHUNK_PAGES; i++) {
			p[i * pagesize] = 1;
			(*written)++;
		}
	}
}

/* Runs the hog until it dies, or kills it after HOG_SECONDS. */
static void run_hog(struct round *r, volatile long *written)
{
	int64_t start = nanoseconds();
	pid_t pid, got;

	*written = 0;
	fflush(stdout);
	if ((pid = fork()) < 0)
		err(1, "fork");
	if (pid == 0)
		hog(written);
	while ((got = waitpid(pid, &r->hog_status, WNOHANG)) == 0) {
		if (nanoseconds() - start > HOG_SECONDS * (int64_t)1000000000) {
			r->hog_timed_out = 1;
			kill(pid, SIGKILL);
			got = waitpid(pid, &r->hog_status, 0);
			break;
		}
		usleep(POLL_US);
	}
	if (got != pid)
		err(1, "waitpid");
	r->hog_ns = nanoseconds() - start;
	r->hog_pages = *written;
}

/* Forks and execs /bin/true. Returns its wait status, or -1 if fork failed. */
static int run_true(void)
{
	char *argv[] = { "true", NULL };
	int status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execv("/bin/true", argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void run_round(struct round *r, volatile long *written)
{
	read_counters(&r->before, 1);
	run_hog(r, written);
	read_counters(&r->after, 1);
	r->true_status = run_true();
	r->free_end = settled_free_pages();
}

static void print_round(int n, const struct round *r)
{
	const struct uvmexp *b = &r->before, *a = &r->after;
	char buf[64];

	printf("oomtest: round %d: the hog wrote %ld pages (%ld MiB) in %.1f s: %s%s\n", n,
	    r->hog_pages, r->hog_pages * pagesize >> 20, r->hog_ns / 1e9,
	    describe_status(r->hog_status, buf, sizeof(buf)), r->hog_timed_out ? ", by us" : "");
	printf("oomtest: round %d: oomkills +%" PRId64 " pgwaits +%" PRId64 " pdscans +%" PRId64
	    " pdfreed +%" PRId64 " pdfiledrop +%" PRId64 " flt_noram +%" PRId64
	    "; free pages at the end %" PRId64 "\n", n, a->oomkills - b->oomkills,
	    a->pgwaits - b->pgwaits, a->pdscans - b->pdscans, a->pdfreed - b->pdfreed,
	    a->pdfiledrop - b->pdfiledrop, a->flt_noram - b->flt_noram, r->free_end);
}

/* The checks over both rounds; why names the first round that failed each. */
static void check_rounds(const struct round *rounds)
{
	char why[160], buf[64];

	why[0] = '\0';
	for (int i = 0; i < NROUNDS && why[0] == '\0'; i++) {
		const struct round *r = &rounds[i];
		if (r->hog_timed_out)
			snprintf(why, sizeof(why), "round %d: the kernel had not killed the hog "
			    "after %d s", i + 1, HOG_SECONDS);
		else if (!WIFSIGNALED(r->hog_status) || WTERMSIG(r->hog_status) != SIGKILL)
			snprintf(why, sizeof(why), "round %d: the hog %s", i + 1,
			    describe_status(r->hog_status, buf, sizeof(buf)));
	}
	check_result("hog_killed_by_sigkill", why);
	why[0] = '\0';
	for (int i = 0; i < NROUNDS && why[0] == '\0'; i++) {
		const struct round *r = &rounds[i];
		if (r->after.oomkills - r->before.oomkills < 1)
			snprintf(why, sizeof(why), "round %d: oomkills stayed at %" PRId64, i + 1,
			    r->after.oomkills);
	}
	check_result("oomkills_counted", why);
	why[0] = '\0';
	for (int i = 0; i < NROUNDS && why[0] == '\0'; i++)
		if (rounds[i].true_status != 0)
			snprintf(why, sizeof(why), "round %d: /bin/true %s", i + 1,
			    describe_status(rounds[i].true_status, buf, sizeof(buf)));
	check_result("system_still_works", why);
	why[0] = '\0';
	if (rounds[1].free_end != rounds[0].free_end)
		snprintf(why, sizeof(why), "free pages %" PRId64 " after round 1, %" PRId64
		    " after round 2", rounds[0].free_end, rounds[1].free_end);
	check_result("free_pages_back_to_baseline", why);
}

int main(int argc, char *argv[])
{
	struct round rounds[NROUNDS];
	struct uvmexp u;

	if (argc != 1) {
		fprintf(stderr, "usage: oomtest\n");
		return 2;
	}
	read_counters(&u, 1);
	if (u.swpages != 0) {
		printf("oomtest: there is swap (%" PRId64 " pages): boot without it (SWAP=)\n",
		    u.swpages);
		return 2;
	}
	pagesize = u.pagesize;
	/* Shared with the hog, so that it can say how far it got before it died. */
	volatile long *hog_written = mmap(NULL, pagesize, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (hog_written == MAP_FAILED)
		err(1, "mmap");
	printf("oomtest: %" PRId64 " pages of RAM, no swap, %d rounds\n", u.npages, NROUNDS);
	memset(rounds, 0, sizeof(rounds));
	for (int i = 0; i < NROUNDS; i++)
		run_round(&rounds[i], hog_written);
	for (int i = 0; i < NROUNDS; i++)
		print_round(i + 1, &rounds[i]);
	check_rounds(rounds);
	printf("oomtest: summary %d passed %d failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
