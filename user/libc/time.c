/*
 * Clocks and sleeping. The kernel's struct uvix_timespec has 64-bit
 * fields; struct timespec's tv_nsec is a long (32 bits on i386), so each
 * call converts.
 */
#include <errno.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include "syscall.h"

/* If a signal interrupts the sleep (EINTR), *rem (if rem) gets the time left. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct uvix_timespec kreq, krem;

	kreq.tv_sec = req->tv_sec;
	kreq.tv_nsec = req->tv_nsec;
	if (_sys2(SYS_nanosleep, &kreq, rem ? &krem : NULL) < 0) {
		if (errno == EINTR && rem != NULL) {
			rem->tv_sec = krem.tv_sec;
			rem->tv_nsec = (long)krem.tv_nsec;
		}
		return -1;
	}
	return 0;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	struct uvix_timespec k;

	if (_sys2(SYS_clock_gettime, clock, &k) < 0)
		return -1;
	ts->tv_sec = k.tv_sec;
	ts->tv_nsec = (long)k.tv_nsec;
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	if (tz != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

unsigned int alarm(unsigned int seconds)
{
	return (unsigned int)_sys1(SYS_alarm, seconds);
}

static void to_timeval(int64_t us, struct timeval *tv)
{
	tv->tv_sec = (time_t)(us / 1000000);
	tv->tv_usec = (suseconds_t)(us % 1000000);
}

int getrusage(int who, struct rusage *ru)
{
	struct uvix_rusage k;

	if (_sys2(SYS_getrusage, who, &k) < 0)
		return -1;
	to_timeval(k.ru_utime_us, &ru->ru_utime);
	to_timeval(k.ru_stime_us, &ru->ru_stime);
	ru->ru_minflt = (long)k.ru_minflt;
	ru->ru_majflt = (long)k.ru_majflt;
	return 0;
}
