/*
 * sys/resource.h: getrusage. Uvix counts times in clock ticks (10 ms) and
 * the page faults a process took (kernel/abi/resource.h); ru_majflt is
 * the faults that waited for the swap disk: not counted apart, always 0.
 */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/time.h>
#include "kernel/abi/resource.h"

struct rusage {
	struct timeval ru_utime;        /* user time */
	struct timeval ru_stime;        /* system time */
	long ru_minflt;                 /* page faults */
	long ru_majflt;                 /* always 0 */
};

int getrusage(int who, struct rusage *ru);

#endif
