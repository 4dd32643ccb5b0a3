/*
 * wiretest: wired memory under memory pressure, tested from user space.
 * Boot it small with a big swap disk:
 *
 *     make run MEM=32M SWAP=128M CMD=/bin/wiretest
 *
 * We write a region of WIRED_PAGES pages with values that name each
 * word, mlock it and note each page's physical page (pageinfo). A child,
 * the hog, then writes 5/4 of the RAM in anonymous memory and reads it
 * back, which sends everything pageable out to swap; meanwhile we look
 * at the wired region every POLL_US. The checks:
 *
 *   pages_went_to_swap        pgswapout grew: there was pressure
 *   hog_data_intact           the hog read back what it wrote (exit 0)
 *   wired_pages_stayed        every page of the region kept its physical
 *                             page and its one wiring, at every look
 *   wired_data_intact         every word of the region as written
 *   no_fault_on_wired_pages   touching the whole region afterwards took
 *                             no page fault (getrusage): never paged out
 *   unwired_after_munlock     the region's pages unwired, user_wired back
 *
 * Not yet: the long-lived pipe or socket loan beside the wired
 * region, since pipes and sockets do not lend pages yet.
 *
 * Output: "wiretest: PASS name" or "wiretest: FAIL name: why" per check,
 * then "wiretest: summary P passed F failed". Exit status 0 if all
 * passed, 1 if not, 2 if the machine has no swap or more than 48 MiB.
 */
#include <err.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <unistd.h>
#include "user/lib/prog.h"

#define PG              4096
#define WIRED_PAGES     512             /* 2 MiB */
#define POLL_US         100000
#define MAX_RAM_PAGES   (48 * 256)      /* 48 MiB */

static uint64_t pfn[WIRED_PAGES];

static uint32_t word_value(long page, long w)
{
	return (uint32_t)(page * 0x9e3779b1u + (uint32_t)w * 7u + 1u);
}

/* The hog: writes npages and reads them back; exit 0 if every word came back. */
static void hog(long npages)
{
	uint32_t *m = mmap(NULL, (size_t)npages * PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);

	if (m == MAP_FAILED)
		_exit(3);
	for (long i = 0; i < npages; i++)
		m[i * (PG / 4)] = (uint32_t)(i ^ 0x5a5a5a5a);
	for (long i = 0; i < npages; i++)
		if (m[i * (PG / 4)] != (uint32_t)(i ^ 0x5a5a5a5a))
			_exit(4);
	_exit(0);
}

/* Do the region's pages still have their physical pages and one wiring each? */
static int wired_pages_same(const char *region, char *why, size_t len)
{
	struct uvix_pageinfo pi;

	for (long i = 0; i < WIRED_PAGES; i++) {
		if (pageinfo(region + i * PG, &pi) != 0) {
			snprintf(why, len, "page %ld not mapped", i);
			return 0;
		}
		if (pi.pi_pfn != pfn[i] || pi.pi_wire_count != 1) {
			snprintf(why, len, "page %ld: pfn %#llx (was %#llx), wire count %u", i,
			    (unsigned long long)pi.pi_pfn, (unsigned long long)pfn[i],
			    (unsigned)pi.pi_wire_count);
			return 0;
		}
	}
	return 1;
}

int main(void)
{
	struct uvmexp u0, u1;
	struct uvix_pageinfo pi;
	struct rusage ru0, ru1;
	char why[160] = "";
	int st;

	read_counters(&u0, 2);
	if (u0.swpages == 0 || u0.npages > MAX_RAM_PAGES) {
		fprintf(stderr, "wiretest: wants swap and at most 48 MiB of RAM "
		    "(make run MEM=32M SWAP=128M CMD=/bin/wiretest)\n");
		return 2;
	}
	char *region = mmap(NULL, WIRED_PAGES * PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANON, -1, 0);
	if (region == MAP_FAILED)
		err(1, "mmap");
	for (long i = 0; i < WIRED_PAGES; i++)
		for (long w = 0; w < PG / 4; w++)
			((uint32_t *)(region + i * PG))[w] = word_value(i, w);
	if (mlock(region, WIRED_PAGES * PG) != 0)
		err(1, "mlock");
	for (long i = 0; i < WIRED_PAGES; i++) {
		if (pageinfo(region + i * PG, &pi) != 0)
			err(1, "pageinfo");
		pfn[i] = pi.pi_pfn;
	}

	long hog_pages = (long)u0.npages * 5 / 4;
	pid_t pid = fork();
	if (pid < 0)
		err(1, "fork");
	if (pid == 0)
		hog(hog_pages);
	int stayed = 1;
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (stayed && !wired_pages_same(region, why, sizeof(why)))
			stayed = 0;
		usleep(POLL_US);
	}
	read_counters(&u1, 1);
	snprintf(why, sizeof(why), "pgswapout %lld -> %lld", (long long)u0.pgswapout,
	    (long long)u1.pgswapout);
	check_result("pages_went_to_swap", u1.pgswapout > u0.pgswapout ? "" : why);
	snprintf(why, sizeof(why), "the hog's wait status %#x", st);
	check_result("hog_data_intact", st == 0 ? "" : why);
	if (stayed)
		wired_pages_same(region, why, sizeof(why)) ? (void)(why[0] = 0) : (void)(stayed = 0);
	check_result("wired_pages_stayed", stayed ? "" : why);

	getrusage(RUSAGE_SELF, &ru0);
	getrusage(RUSAGE_SELF, &ru0);           /* its own copyout's fault, if any, counted */
	why[0] = 0;
	for (long i = 0; i < WIRED_PAGES && !why[0]; i++)
		for (long w = 0; w < PG / 4; w++)
			if (((uint32_t *)(region + i * PG))[w] != word_value(i, w)) {
				snprintf(why, sizeof(why), "page %ld word %ld: %#x", i, w,
				    ((uint32_t *)(region + i * PG))[w]);
				break;
			}
	getrusage(RUSAGE_SELF, &ru1);
	check_result("wired_data_intact", why);
	snprintf(why, sizeof(why), "%ld minor and %ld major faults",
	    ru1.ru_minflt - ru0.ru_minflt, ru1.ru_majflt - ru0.ru_majflt);
	check_result("no_fault_on_wired_pages", ru1.ru_minflt == ru0.ru_minflt &&
	    ru1.ru_majflt == ru0.ru_majflt ? "" : why);

	if (munlock(region, WIRED_PAGES * PG) != 0)
		err(1, "munlock");
	read_counters(&u1, 1);
	why[0] = 0;
	if (pageinfo(region, &pi) != 0 || pi.pi_wire_count != 0 || u1.user_wired != u0.user_wired)
		snprintf(why, sizeof(why), "wire count %u, user_wired %lld -> %lld",
		    (unsigned)pi.pi_wire_count, (long long)u0.user_wired, (long long)u1.user_wired);
	check_result("unwired_after_munlock", why);
	printf("wiretest: summary %d passed %d failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
