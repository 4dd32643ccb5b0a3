/*
 * Resource limits and usage: getrlimit/setrlimit and getrusage (the
 * system calls of kernel/sys_resource.c; user/include/sys/resource.h).
 */
#ifndef _UVIX_ABI_RESOURCE_H_
#define _UVIX_ABI_RESOURCE_H_

#include <stdint.h>

typedef uint64_t uvix_rlim_t;

#define RLIM_INFINITY   ((uvix_rlim_t)-1)

/* The limits a process has; each is inherited by fork and kept by exec. */
#define RLIMIT_DATA     0       /* bytes of heap (brk) */
#define RLIMIT_STACK    1       /* bytes of stack: 8 MiB, fixed (setrlimit may not change it) */
#define RLIMIT_NOFILE   2       /* open descriptors: 32 at most */
#define RLIMIT_MEMLOCK  3       /* bytes mlock and mlockall may wire */
#define RLIM_NLIMITS    4

struct uvix_rlimit {
	uvix_rlim_t rlim_cur;           /* the soft limit, what is enforced */
	uvix_rlim_t rlim_max;           /* the hard limit: nobody may raise it */
};

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)    /* the children waited for, and theirs */

/*
 * What getrusage reports. Times are counted in clock ticks (10 ms): a
 * tick is charged to user time if the timer interrupted user mode, else
 * to system time.
 */
struct uvix_rusage {
	int64_t ru_utime_us;            /* user time, microseconds */
	int64_t ru_stime_us;            /* system time, microseconds */
	int64_t ru_minflt;              /* faults resolved without I/O */
	int64_t ru_majflt;              /* faults that read a page back from swap */
};

#endif
