/*
 * faults: the kernel's fault trace (kernel/abi/faulttrace.h). The trace
 * records only while the setting vm.fault_trace is 1:
 *
 *   sysctl vm.fault_trace=1
 *   faults                  the records the ring holds, oldest first
 *   faults -p PID           only those of process PID
 *   faults -f [-p PID]      follow: new records every second, like vmstat 1
 *   faults -s               the totals by case, each beside the uvmexp
 *                           counter it must follow (read at the same moment)
 *
 * A record: sequence number, process, name, access (r/w/x), address,
 * case (1A 1B 2A 2B-copy 2B-zero, or "-" when refused or failed), flags
 * (S read back from swap, L a loan broken), waits for memory, the result
 * (0 or the errno's name), the cycles it took.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <sys/uvix.h>
#include <unistd.h>

static const char *const case_names[UVIX_FLT_NCASES] = {
	"-", "1A", "1B", "2A", "2B-copy", "2B-zero",
};

static struct uvix_fault_rec recs[UVIX_FTRACE_RING];

static void usage(void)
{
	fprintf(stderr, "usage: faults [-f] [-p pid]\n       faults -s\n");
	exit(2);
}

static void print_rec(const struct uvix_fault_rec *r)
{
	char flags[3] = "", *f = flags;

	if (r->fr_flags & UVIX_FLTF_SWAPIN)
		*f++ = 'S';
	if (r->fr_flags & UVIX_FLTF_LOANBREAK)
		*f++ = 'L';
	printf("%6" PRIu64 " %5d %-10.10s %c %#14" PRIx64 " %-7s %-2s %3u %-6s %8" PRIu64 "\n",
	    r->fr_seq, (int)r->fr_pid, r->fr_name,
	    r->fr_access & 2 ? 'w' : r->fr_access & 4 ? 'x' : 'r', r->fr_va,
	    r->fr_case < UVIX_FLT_NCASES ? case_names[r->fr_case] : "?",
	    flags[0] ? flags : "-", r->fr_waits,
	    r->fr_error ? (r->fr_error == EFAULT ? "EFAULT" : r->fr_error == EACCES ?
	    "EACCES" : r->fr_error == EINTR ? "EINTR" : "error") : "0", r->fr_cycles);
}

/* Prints the records from seq on (of pid, if not 0); returns the next seq. */
static uint64_t print_from(uint64_t seq, int pid)
{
	int n = faulttrace(seq, recs, UVIX_FTRACE_RING, NULL);

	if (n < 0)
		err(1, "faulttrace");
	for (int i = 0; i < n; i++) {
		if (pid == 0 || recs[i].fr_pid == pid)
			print_rec(&recs[i]);
		seq = recs[i].fr_seq + 1;
	}
	return seq;
}

static void print_totals(void)
{
	static struct uvix_fault_stats st;
	static struct uvmexp u;
	static const struct { const char *what, *counter; } rows[] = {
		{ "faults", "faults" }, { "case 1A", "flt_anon" }, { "case 1B", "flt_acow" },
		{ "case 2A", "flt_obj" }, { "case 2B copy", "flt_prcopy" },
		{ "case 2B zero", "flt_przero" }, { "swap-ins", "flt_swapin" },
		{ "loan breaks", "loanbreaks" }, { "refused", "flt_bad" },
	};

	/* Both buffers are touched first: no fault between the two reads. */
	memset(&st, 0, sizeof(st));
	memset(&u, 0, sizeof(u));
	if (faulttrace(0, NULL, 0, &st) < 0)
		err(1, "faulttrace");
	if (uvmexp(&u) < 0)
		err(1, "uvmexp");
	int64_t uv[] = { u.faults, u.flt_anon, u.flt_acow, u.flt_obj, u.flt_prcopy,
	    u.flt_przero, u.flt_swapin, u.loanbreaks, u.flt_bad };
	uint64_t tv[] = { st.fs_faults, st.fs_case[UVIX_FLT_1A], st.fs_case[UVIX_FLT_1B],
	    st.fs_case[UVIX_FLT_2A], st.fs_case[UVIX_FLT_2B_COPY], st.fs_case[UVIX_FLT_2B_ZERO],
	    st.fs_swapin, st.fs_loanbreaks, st.fs_refused };
	printf("%-14s %10s %12s %s\n", "trace", "count", "vmstat -s", "counter");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		printf("%-14s %10" PRIu64 " %12" PRId64 " %s\n", rows[i].what, tv[i], uv[i],
		    rows[i].counter);
}

int main(int argc, char *argv[])
{
	int c, pid = 0, follow = 0, totals = 0;

	while ((c = getopt(argc, argv, "fp:s")) != -1) {
		switch (c) {
		case 'f':
			follow = 1;
			break;
		case 'p':
			pid = atoi(optarg);
			if (pid <= 0)
				usage();
			break;
		case 's':
			totals = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (totals && (follow || pid)))
		usage();
	if (totals) {
		print_totals();
		return 0;
	}
	int on = 0;
	if (sysctl("vm.fault_trace", &on, NULL) == 0 && !on)
		fprintf(stderr, "faults: the trace is off (sysctl vm.fault_trace=1 turns it on)\n");
	printf("%6s %5s %-10s %c %14s %-7s %-2s %3s %-6s %8s\n", "seq", "pid", "name", 'a',
	    "address", "case", "fl", "wt", "result", "cycles");
	uint64_t seq = print_from(0, pid);
	fflush(stdout);
	while (follow) {
		sleep(1);
		seq = print_from(seq, pid);
		fflush(stdout);
	}
	return 0;
}
