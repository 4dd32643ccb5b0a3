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

#endif
