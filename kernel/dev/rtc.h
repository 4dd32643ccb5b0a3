/* The CMOS real-time clock (MC146818): the date, read once at boot. */
#ifndef _KERNEL_DEV_RTC_H_
#define _KERNEL_DEV_RTC_H_

#include <stdint.h>

/*
 * Reads the date and time the RTC holds (QEMU's is the host's clock in
 * UTC, -rtc base=utc by default) as seconds since 1970-01-01 00:00 UTC.
 * => returns 0 if the clock says nothing that makes sense.
 */
int64_t rtc_read(void);

/*
 * Seconds since 1970 of a date of the proleptic Gregorian calendar
 * (month 1-12, day 1-31). Exposed for the tests.
 */
int64_t rtc_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
