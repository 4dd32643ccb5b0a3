/* getrusage(2): what a process, or its waited-for children, used. */
#ifndef _UVIX_ABI_RESOURCE_H_
#define _UVIX_ABI_RESOURCE_H_

#include <stdint.h>

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)            /* the children waited for, and theirs */

/*
 * Times are counted in clock ticks (10 ms): a tick is charged to user
 * time if the timer interrupted user mode, else to system time. Faults
 * are the page faults the process took (user mode and copyin/copyout).
 */
struct uvix_rusage {
	int64_t ru_utime_us;            /* user time, microseconds */
	int64_t ru_stime_us;            /* system time, microseconds */
	int64_t ru_faults;              /* page faults */
};

#endif
