/*
 * vmstat: the VM system's counters (vm/uvmexp.h, read with SYS_uvmexp).
 *
 *   vmstat -s                every counter: value, name, description
 *   vmstat [wait [count]]    a line of the main counters, then one every
 *                            wait seconds (count lines in all, or
 *                            forever), with a header every 20 lines
 *
 * The columns of a line, all in pages:
 *
 *   free active inact wired  the pages free, on the active and inactive
 *                            queues, and wired, now
 *   swap                     the swap slots in use now (swpginuse)
 *   pgin pgout               pages read from and written to swap
 *   faults                   page faults
 *   allocs frees             pages allocated and freed
 *
 * The last five are events: those since the line before, or since boot
 * for the first line.
 */
#include <err.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uvix.h>
#include <unistd.h>

/* Every counter by name, from the one list in vm/uvmexp.h. */
static const struct {
	const char *name;
	const char *desc;
	size_t offset;
} counters[] = {
#define UVMEXP_ENTRY(name, desc) { #name, desc, offsetof(struct uvmexp, name) },
	UVMEXP_COUNTERS(UVMEXP_ENTRY)
#undef UVMEXP_ENTRY
};

static void usage(void)
{
	fprintf(stderr, "usage: vmstat -s\n       vmstat [wait [count]]\n");
	exit(2);
}

static void read_counters(struct uvmexp *u)
{
	if (uvmexp(u) < 0)
		err(1, "uvmexp");
}

static void print_all(void)
{
	struct uvmexp u;

	read_counters(&u);
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		int64_t v;
		memcpy(&v, (const char *)&u + counters[i].offset, sizeof(v));
		printf("%14" PRId64 " %-20s %s\n", v, counters[i].name, counters[i].desc);
	}
}

/* A positive number of at most max, or usage. */
static long number(const char *s, long max)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*end != '\0' || end == s || n <= 0 || n > max) {
		fprintf(stderr, "vmstat: %s: not a number from 1 to %ld\n", s, max);
		usage();
	}
	return n;
}

int main(int argc, char *argv[])
{
	struct uvmexp now, before;
	long wait = 0, count = 1;

	if (argc == 2 && strcmp(argv[1], "-s") == 0) {
		print_all();
		return 0;
	}
	if (argc > 3 || (argc > 1 && argv[1][0] == '-'))
		usage();
	if (argc >= 2) {
		wait = number(argv[1], 3600);
		count = argc == 3 ? number(argv[2], 1000000000) : 0;   /* 0: forever */
	}
	memset(&before, 0, sizeof(before));
	for (long line = 0; count == 0 || line < count; line++) {
		if (line > 0)
			sleep((unsigned)wait);
		read_counters(&now);
		if (line % 20 == 0)
			printf("%7s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n", "free", "active",
			    "inact", "wired", "swap", "pgin", "pgout", "faults", "allocs", "frees");
		printf("%7" PRId64 " %7" PRId64 " %7" PRId64 " %7" PRId64 " %7" PRId64
		    " %7" PRId64 " %7" PRId64 " %7" PRId64 " %7" PRId64 " %7" PRId64 "\n",
		    now.free, now.active, now.inactive, now.wired, now.swpginuse,
		    now.pgswapin - before.pgswapin, now.pgswapout - before.pgswapout,
		    now.faults - before.faults, now.pgs_allocated - before.pgs_allocated,
		    now.pgs_freed - before.pgs_freed);
		fflush(stdout);
		before = now;
	}
	return 0;
}
