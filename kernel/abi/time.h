/* clock_gettime(2) clocks. */
#ifndef _UVIX_ABI_TIME_H_
#define _UVIX_ABI_TIME_H_

#define CLOCK_REALTIME  0       /* no real-time clock yet: time since boot, like... */
#define CLOCK_MONOTONIC 1       /* ...this one */

#endif
