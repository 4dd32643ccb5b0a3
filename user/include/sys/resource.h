/*
 * sys/resource.h: resource limits and usage (kernel/abi/resource.h has
 * the numbers and which call enforces each limit: kernel/sys_resource.c).
 * Times are counted in clock ticks (10 ms).
 */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/time.h>
#include "kernel/abi/resource.h"

typedef uvix_rlim_t rlim_t;

/* The same layout as the kernel's uvix_rlimit. */
struct rlimit {
	rlim_t rlim_cur;                /* the soft limit, what is enforced */
	rlim_t rlim_max;                /* the hard limit: may be lowered, never raised */
};

struct rusage {
	struct timeval ru_utime;        /* user time */
	struct timeval ru_stime;        /* system time */
	long ru_minflt;                 /* page faults resolved without I/O */
	long ru_majflt;                 /* page faults that read from swap */
};

_Static_assert(sizeof(struct rlimit) == sizeof(struct uvix_rlimit), "struct rlimit");

/* 0, or -1 with errno: EINVAL (unknown resource, cur > max), EPERM (raising max), EFAULT. */
int getrlimit(int resource, struct rlimit *rlp);
int setrlimit(int resource, const struct rlimit *rlp);
/* who: RUSAGE_SELF or RUSAGE_CHILDREN (the children waited for). */
int getrusage(int who, struct rusage *ru);

#endif
