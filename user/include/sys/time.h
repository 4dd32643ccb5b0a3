/* sys/time.h: gettimeofday(), for portable programs (CLOCK_REALTIME). */
#ifndef _SYS_TIME_H_
#define _SYS_TIME_H_

#include <sys/types.h>

struct timeval {
	time_t      tv_sec;
	suseconds_t tv_usec;
};

/* tz must be NULL. */
int gettimeofday(struct timeval *tv, void *tz);

#endif
