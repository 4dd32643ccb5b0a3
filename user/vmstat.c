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
#include "user/lib/prog.h"

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

static void print_all(void)
{
	struct uvmexp u;

	read_counters(&u, 1);
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		int64_t v;
		memcpy(&v, (const char *)&u + counters[i].offset, sizeof(v));
		printf("%14" PRId64 " %-20s %s\n", v, counters[i].name, counters[i].desc);
	}
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
		wait = number_arg(argv[1], 1, 3600, usage);
		count = argc == 3 ? number_arg(argv[2], 1, 1000000000, usage) : 0;   /* 0: forever */
	}
	memset(&before, 0, sizeof(before));
	for (long line = 0; count == 0 || line < count; line++) {
		if (line > 0)
			sleep((unsigned)wait);
		read_counters(&now, 1);
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
