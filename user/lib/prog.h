/*
 * Helpers the programs in user/ share beyond the libc: the test and
 * benchmark programs' reading of the VM counters, timing, wait statuses,
 * numeric arguments and check lines. Built into libprog.a, linked into
 * every program (user/user.mk); a program gets only what it calls.
 */
#ifndef _USER_LIB_PROG_H_
#define _USER_LIB_PROG_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/uvix.h>

/* Reads the VM counters; on failure says why and exits with status. */
void read_counters(struct uvmexp *u, int status);

/*
 * The free pages with the kernel's page-table pages (which are never
 * freed), once the count has settled: the kernel frees an exited thread's
 * stack a little after its parent's wait returns. For leak checks.
 */
long settled_free_pages(void);

/*
 * CLOCK_MONOTONIC in nanoseconds. An integer: on i386 the x87 keeps a
 * double wider in a register than in memory, so a difference of two
 * double readings may not even be >= 0.
 */
int64_t nanoseconds(void);

/* "exit status N", "killed by signal N (name)", or "did not run" for -1. */
const char *describe_status(int status, char *buf, size_t len);

/*
 * The argument s as a number from min to max; otherwise "PROG: s: not a
 * number from min to max" and usage(), which must not return.
 */
long number_arg(const char *s, long min, long max, void (*usage)(void));
/* "N" or "N.D" in tenths, from 1 (0.1) to 1000 (100); otherwise the same. */
long tenths_arg(const char *s, void (*usage)(void));

/*
 * Prints a check's line, "PROG: PASS name" if why is empty, else
 * "PROG: FAIL name: why", and counts it in checks_passed / checks_failed
 * (make test reports each line as a test of its own).
 */
void check_result(const char *name, const char *why);
extern int checks_passed, checks_failed;

/*
 * The loop of cp and mv: op(argv[i], dst) for each source argv[1..argc-2],
 * dst being argv[argc-1], or dst/NAME (the source's last name) if dst is
 * a directory. op returns 0, or 1 after saying why. Fewer than two
 * operands print usage and exit 2; several sources into a non-directory
 * exit 2. Returns 0, or 1 if any op failed (or a path was too long).
 */
int each_into_target(int argc, char *argv[], const char *usage,
    int (*op)(const char *from, const char *to));

#endif
