/*
 * time.h: clocks and sleeping. The kernel's struct uvix_timespec has a
 * 64-bit tv_nsec; POSIX says long, so the libc converts on i386.
 *
 * XXX: the clock ids are not in kernel/abi yet; these are Linux's values
 * (and the kernel's, once it says so). Move them to kernel/abi/time.h.
 */
#ifndef _TIME_H_
#define _TIME_H_

#include <stddef.h>
#include <sys/types.h>

#define CLOCK_REALTIME  0               /* seconds since 1970 (the CMOS clock read at boot) */
#define CLOCK_MONOTONIC 1               /* seconds since boot */

struct timespec {
	time_t tv_sec;
	long   tv_nsec;
};

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *ts);
time_t time(time_t *t);

/* The calendar (user/libc/calendar.c). No time zones: local time is UTC. */
struct tm {
	int tm_sec, tm_min, tm_hour;    /* 0-60, 0-59, 0-23 */
	int tm_mday, tm_mon, tm_year;   /* 1-31, 0-11, years since 1900 */
	int tm_wday, tm_yday, tm_isdst; /* 0-6 from Sunday, 0-365, always 0 */
};

struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm);

#endif
