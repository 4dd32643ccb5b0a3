/* Fixed-size types of the ABI. */
#ifndef _UVIX_ABI_TYPES_H_
#define _UVIX_ABI_TYPES_H_

#include <stdint.h>

typedef int32_t  uvix_pid_t;
typedef int64_t  uvix_off_t;
typedef uint32_t uvix_mode_t;
typedef int64_t  uvix_time_t;
typedef uint32_t uvix_sigset_t;

struct uvix_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

#endif
