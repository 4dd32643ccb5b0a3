/* clock_gettime(2) clocks. */
#ifndef _UVIX_ABI_TIME_H_
#define _UVIX_ABI_TIME_H_

#define CLOCK_REALTIME  0       /* wall-clock time, since 1970 (the CMOS clock at boot) */
#define CLOCK_MONOTONIC 1       /* time since boot */

#endif
