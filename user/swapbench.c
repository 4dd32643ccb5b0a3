/*
 * swapbench: what paging to and from swap costs, measured in one boot.
 * A benchmark, not a test: it prints a table. Boot it with swap:
 *
 *     make run MEM=32M SWAP=128M CMD=/bin/swapbench
 *
 * usage: swapbench [-x multiple] [-z pages]
 *
 * Three phases, one after the other:
 *
 *   zero-fill  the first write to each page of a small fresh mapping
 *              (-z pages, default 1024) while memory is free: a fault
 *              that needs no I/O, the unit the others are compared with
 *   page-out   the first write to each page of a mapping of -x (default
 *              2, tenths allowed) times the RAM: once the RAM is full,
 *              each new page costs one written to swap
 *   page-in    reading that mapping back in order: its pages come back
 *              from swap (and others go out to make room)
 *
 * The columns: pages moved (zero-fill: the pages written; page-out:
 * pgswapout's growth; page-in: pgswapin's), seconds (CLOCK_MONOTONIC),
 * pages per second, CPU cycles (rdtsc) per page moved and as a multiple
 * of the zero-fill fault's, the pages the pagedaemon scanned per page it
 * freed (pdscans / pdfreed) and the waits for free memory (pgwaits).
 * The clock counts the kernel's ticks, so the short zero-fill phase's
 * seconds and pages per second are rough; its cycles are not. A few
 * pages are faulted first, unmeasured, so that the zero-fill phase does
 * not pay for cold caches (or for QEMU translating the fault path).
 * Each page of the big mapping holds its index, and the page-in phase
 * checks it: a wrong page makes the exit status 1.
 */
#include <err.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uvix.h>
#include <time.h>
#include <unistd.h>
#include "user/lib/prog.h"

/* One phase's costs. */
struct phase {
	const char *name;
	struct uvmexp before, after;
	int64_t ns;                     /* the clock's, from start to end */
	uint64_t cycles;                /* the TSC's */
};

#define WARMUP_PAGES    64      /* faulted before the zero-fill phase, unmeasured */

static long pagesize;

static void usage(void)
{
	fprintf(stderr, "usage: swapbench [-x multiple] [-z pages]\n");
	exit(2);
}

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static char *anon(long npages)
{
	char *p = mmap(NULL, (size_t)npages * pagesize, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		err(1, "mmap of %ld pages", npages);
	return p;
}

static void phase_start(struct phase *ph, const char *name)
{
	ph->name = name;
	read_counters(&ph->before, 1);
	ph->ns = nanoseconds();
	ph->cycles = cycles();
}

static void phase_end(struct phase *ph)
{
	ph->cycles = cycles() - ph->cycles;
	ph->ns = nanoseconds() - ph->ns;
	read_counters(&ph->after, 1);
}

/* Writes each page's index into its first word. */
static void write_pages(char *p, long npages)
{
	for (long i = 0; i < npages; i++)
		*(long *)(p + i * pagesize) = i;
}

/* Reads the pages back in order. Returns how many did not hold their index. */
static long read_pages(const char *p, long npages)
{
	long wrong = 0;

	for (long i = 0; i < npages; i++)
		if (*(const volatile long *)(p + i * pagesize) != i)
			wrong++;
	return wrong;
}

/* A row of the table; zf_cycles is the zero-fill fault's cycles per page. */
static void print_row(const struct phase *ph, int64_t moved, double zf_cycles)
{
	const struct uvmexp *b = &ph->before, *a = &ph->after;
	double per_page = moved > 0 ? (double)ph->cycles / moved : 0;
	double secs = ph->ns / 1e9;
	int64_t scans = a->pdscans - b->pdscans, freed = a->pdfreed - b->pdfreed;

	printf("%-9s %8" PRId64 " %8.2f %8.0f %11.0f %9.1f ", ph->name, moved, secs,
	    secs > 0 ? moved / secs : 0, per_page, per_page / zf_cycles);
	if (freed > 0)
		printf("%10.2f", (double)scans / freed);
	else
		printf("%10s", "-");
	printf(" %8" PRId64 "\n", a->pgwaits - b->pgwaits);
}

int main(int argc, char *argv[])
{
	struct phase zf, out, in;
	struct uvmexp u;
	long multiple = 20, zf_pages = 1024;    /* multiple in tenths */
	int c;

	while ((c = getopt(argc, argv, "x:z:")) != -1) {
		switch (c) {
		case 'x':
			multiple = tenths_arg(optarg, usage);
			break;
		case 'z':
			zf_pages = number_arg(optarg, 1, 65536, usage);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	read_counters(&u, 1);
	if (u.swpages == 0) {
		printf("swapbench: no swap\n");
		return 2;
	}
	pagesize = u.pagesize;
	long npages = u.npages * multiple / 10;
	if (npages > u.swpages) {
		fprintf(stderr, "swapbench: %ld pages need as much swap, there are %" PRId64
		    ": use a smaller -x or a bigger swap disk\n", npages, u.swpages);
		return 2;
	}
	printf("swapbench: %ld pages (%ld.%ld times the %" PRId64 " of RAM), %" PRId64
	    " pages of swap\n", npages, multiple / 10, multiple % 10, u.npages, u.swpages);

	char *p = anon(WARMUP_PAGES);
	write_pages(p, WARMUP_PAGES);
	munmap(p, (size_t)WARMUP_PAGES * pagesize);
	p = anon(zf_pages);
	phase_start(&zf, "zero-fill");
	write_pages(p, zf_pages);
	phase_end(&zf);
	munmap(p, (size_t)zf_pages * pagesize);

	p = anon(npages);
	phase_start(&out, "page-out");
	write_pages(p, npages);
	phase_end(&out);
	phase_start(&in, "page-in");
	long wrong = read_pages(p, npages);
	phase_end(&in);
	munmap(p, (size_t)npages * pagesize);

	double zf_cycles = (double)zf.cycles / zf_pages;
	printf("%-9s %8s %8s %8s %11s %9s %10s %8s\n", "phase", "pages", "seconds", "pages/s",
	    "cycles/page", "x zfill", "scan/freed", "pgwaits");
	print_row(&zf, zf_pages, zf_cycles);
	print_row(&out, out.after.pgswapout - out.before.pgswapout, zf_cycles);
	print_row(&in, in.after.pgswapin - in.before.pgswapin, zf_cycles);
	printf("swapbench: page-out also read %" PRId64 " pages from swap, page-in wrote %"
	    PRId64 "\n", out.after.pgswapin - out.before.pgswapin,
	    in.after.pgswapout - in.before.pgswapout);
	if (wrong > 0) {
		printf("swapbench: %ld pages came back without their index\n", wrong);
		return 1;
	}
	return 0;
}
