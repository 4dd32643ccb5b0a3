/*
 * The CMOS real-time clock. Its registers are read through two ports:
 * the register number goes to 0x70 (bit 7 would mask NMIs; we leave it
 * 0), its value comes from 0x71.
 *
 *   0x00 seconds  0x02 minutes  0x04 hours  0x07 day  0x08 month  0x09 year (00-99)
 *   0x32 century (on PCs and QEMU)
 *   0x0a status A: bit 7 "update in progress" (the registers are changing)
 *   0x0b status B: bit 2 binary (else BCD), bit 1 24-hour (else 12 with bit 7 of hours = PM)
 *
 * The values change once a second, so we read until two reads in a row
 * agree, each begun with no update in progress.
 */
#include <stdbool.h>
#include <x86/cpufunc.h>
#include "kernel/dev/rtc.h"

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_SEC         0x00
#define RTC_MIN         0x02
#define RTC_HOUR        0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_CENTURY     0x32
#define RTC_STATUS_A    0x0a
#define RTC_STATUS_B    0x0b
#define RTC_A_UIP       0x80
#define RTC_B_24H       0x02
#define RTC_B_BINARY    0x04
#define RTC_HOUR_PM     0x80

static unsigned rtc_reg(unsigned reg)
{
	outb(RTC_INDEX, reg);
	return inb(RTC_DATA);
}

struct rtc_time {
	unsigned sec, min, hour, day, month, year, century;
};

static void rtc_snapshot(struct rtc_time *t)
{
	for (int spins = 0; spins < 1000000 && (rtc_reg(RTC_STATUS_A) & RTC_A_UIP); spins++)
		;
	t->sec = rtc_reg(RTC_SEC);
	t->min = rtc_reg(RTC_MIN);
	t->hour = rtc_reg(RTC_HOUR);
	t->day = rtc_reg(RTC_DAY);
	t->month = rtc_reg(RTC_MONTH);
	t->year = rtc_reg(RTC_YEAR);
	t->century = rtc_reg(RTC_CENTURY);
}

static bool rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour &&
	    a->day == b->day && a->month == b->month && a->year == b->year &&
	    a->century == b->century;
}

static unsigned bcd(unsigned v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
int64_t rtc_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                                    /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

int64_t rtc_read(void)
{
	struct rtc_time a, b;

	rtc_snapshot(&b);
	for (int tries = 0; tries < 10; tries++) {
		a = b;
		rtc_snapshot(&b);
		if (rtc_same(&a, &b))
			break;
	}
	unsigned status = rtc_reg(RTC_STATUS_B);
	bool pm = (b.hour & RTC_HOUR_PM) != 0;
	b.hour &= ~RTC_HOUR_PM;
	if (!(status & RTC_B_BINARY)) {
		b.sec = bcd(b.sec);
		b.min = bcd(b.min);
		b.hour = bcd(b.hour);
		b.day = bcd(b.day);
		b.month = bcd(b.month);
		b.year = bcd(b.year);
		b.century = bcd(b.century);
	}
	if (!(status & RTC_B_24H))
		b.hour = b.hour % 12 + (pm ? 12 : 0);
	unsigned year = b.year + (b.century >= 19 && b.century <= 30 ? b.century * 100 :
	    b.year < 70 ? 2000 : 1900);
	if (b.sec > 59 || b.min > 59 || b.hour > 23 || b.day < 1 || b.day > 31 ||
	    b.month < 1 || b.month > 12)
		return 0;
	return rtc_days_from_civil(year, b.month, b.day) * 86400 +
	    b.hour * 3600 + b.min * 60 + b.sec;
}
