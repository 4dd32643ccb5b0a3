/* Helpers the programs share (see user/lib/prog.h). */
#include <err.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "user/lib/prog.h"

int checks_passed, checks_failed;

static long free_pages(void)
{
	struct uvmexp u;

	read_counters(&u, 2);
	return u.free + u.kptpages;
}

long settled_free_pages(void)
{
	long prev = free_pages(), cur;

	for (int tries = 0; tries < 100; tries++) {
		usleep(20000);
		if ((cur = free_pages()) == prev)
			return cur;
		prev = cur;
	}
	return prev;
}

void read_counters(struct uvmexp *u, int status)
{
	if (uvmexp(u) != 0)
		err(status, "uvmexp");
}

int64_t nanoseconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * (int64_t)1000000000 + ts.tv_nsec;
}

const char *describe_status(int status, char *buf, size_t len)
{
	if (status == -1)
		snprintf(buf, len, "did not run");
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	return buf;
}

long number_arg(const char *s, long min, long max, void (*usage)(void))
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*end != '\0' || end == s || n < min || n > max) {
		fprintf(stderr, "%s: %s: not a number from %ld to %ld\n", getprogname(),
		    s, min, max);
		usage();
	}
	return n;
}

long tenths_arg(const char *s, void (*usage)(void))
{
	char *end;
	long n = strtol(s, &end, 10);

	if (s[0] >= '0' && s[0] <= '9' && n <= 100) {
		n *= 10;
		if (end[0] == '.' && end[1] >= '0' && end[1] <= '9' && end[2] == '\0')
			n += end[1] - '0';
		else if (end[0] != '\0')
			n = -1;
		if (n >= 1 && n <= 1000)
			return n;
	}
	fprintf(stderr, "%s: %s: not a multiple from 0.1 to 100\n", getprogname(), s);
	usage();
	return 0;
}

void check_result(const char *name, const char *why)
{
	if (why[0] == '\0') {
		printf("%s: PASS %s\n", getprogname(), name);
		checks_passed++;
	} else {
		printf("%s: FAIL %s: %s\n", getprogname(), name, why);
		checks_failed++;
	}
}

/* The last name of path. */
static const char *last_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

int each_into_target(int argc, char *argv[], const char *usage,
    int (*op)(const char *from, const char *to))
{
	struct stat st;
	char path[PATH_MAX];
	int status = 0;

	if (argc < 3) {
		fputs(usage, stderr);
		exit(2);
	}
	const char *dst = argv[argc - 1];
	int todir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !todir)
		errx(2, "%s: not a directory", dst);
	for (int i = 1; i < argc - 1; i++) {
		const char *to = dst;
		if (todir) {
			if (snprintf(path, sizeof(path), "%s/%s", dst, last_name(argv[i])) >=
			    (int)sizeof(path)) {
				warnx("%s/%s: path too long", dst, last_name(argv[i]));
				status = 1;
				continue;
			}
			to = path;
		}
		status |= op(argv[i], to);
	}
	return status;
}
