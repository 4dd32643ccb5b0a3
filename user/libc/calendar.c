/*
 * The calendar: broken-down time (struct tm) from seconds since 1970 and
 * back, and strftime. Uvix has no time zones: local time is UTC, so
 * localtime is gmtime and mktime is timegm (and %Z prints "UTC").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const wday_name[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const mon_name[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

/* Days since 1970-01-01 of y-m-d (m 1-12): Howard Hinnant's days_from_civil. */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	long long s = *t, days = s / 86400, rem = s % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem / 60 % 60);
	tm->tm_sec = (int)(rem % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);       /* 1970-01-01 was a Thursday */
	/* civil_from_days */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;
	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm) { return gmtime_r(t, tm); }
struct tm *localtime(const time_t *t) { return gmtime(t); }

/* The inverse of gmtime; fields out of range carry over, and tm is normalized. */
time_t timegm(struct tm *tm)
{
	long long mon = tm->tm_mon, y = tm->tm_year + 1900LL + mon / 12;

	mon %= 12;
	if (mon < 0) {
		mon += 12;
		y--;
	}
	long long t = (days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1) * 86400LL +
	    tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	time_t r = (time_t)t;
	gmtime_r(&r, tm);
	return r;
}

time_t mktime(struct tm *tm) { return timegm(tm); }

/* Appends to the output as snprintf would, remembering whether it fit. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char tmp[64];

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	for (int i = 0; i < n; i++, o->len++)
		if (o->len < o->size)
			o->buf[o->len] = tmp[i];
}

/*
 * strftime: %a %A %b %h %B %c %C %d %D %e %F %H %I %j %m %M %n %p %r %R
 * %s %S %t %T %u %w %y %Y %z %Z %%; anything else is copied as it is.
 * => returns the length without the NUL, or 0 if it did not fit in max.
 */
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
	struct out o = { s, max, 0 };
	long long year = tm->tm_year + 1900LL;

	for (; *fmt; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			put(&o, "%c", *fmt);
			continue;
		}
		int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
		switch (*++fmt) {
		case 'a': put(&o, "%.3s", wday_name[tm->tm_wday % 7]); break;
		case 'A': put(&o, "%s", wday_name[tm->tm_wday % 7]); break;
		case 'b': case 'h': put(&o, "%.3s", mon_name[tm->tm_mon % 12]); break;
		case 'B': put(&o, "%s", mon_name[tm->tm_mon % 12]); break;
		case 'c':
			put(&o, "%.3s %.3s %2d %02d:%02d:%02d %lld", wday_name[tm->tm_wday % 7],
			    mon_name[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min,
			    tm->tm_sec, year);
			break;
		case 'C': put(&o, "%02lld", year / 100); break;
		case 'd': put(&o, "%02d", tm->tm_mday); break;
		case 'D': put(&o, "%02d/%02d/%02lld", tm->tm_mon + 1, tm->tm_mday, year % 100); break;
		case 'e': put(&o, "%2d", tm->tm_mday); break;
		case 'F': put(&o, "%lld-%02d-%02d", year, tm->tm_mon + 1, tm->tm_mday); break;
		case 'H': put(&o, "%02d", tm->tm_hour); break;
		case 'I': put(&o, "%02d", hour12); break;
		case 'j': put(&o, "%03d", tm->tm_yday + 1); break;
		case 'm': put(&o, "%02d", tm->tm_mon + 1); break;
		case 'M': put(&o, "%02d", tm->tm_min); break;
		case 'n': put(&o, "\n"); break;
		case 'p': put(&o, "%s", tm->tm_hour < 12 ? "AM" : "PM"); break;
		case 'r': put(&o, "%02d:%02d:%02d %s", hour12, tm->tm_min, tm->tm_sec,
		    tm->tm_hour < 12 ? "AM" : "PM"); break;
		case 'R': put(&o, "%02d:%02d", tm->tm_hour, tm->tm_min); break;
		case 's': {
			struct tm copy = *tm;
			put(&o, "%lld", (long long)timegm(&copy));
			break;
		}
		case 'S': put(&o, "%02d", tm->tm_sec); break;
		case 't': put(&o, "\t"); break;
		case 'T': put(&o, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
		case 'u': put(&o, "%d", tm->tm_wday == 0 ? 7 : tm->tm_wday); break;
		case 'w': put(&o, "%d", tm->tm_wday); break;
		case 'y': put(&o, "%02lld", (year % 100 + 100) % 100); break;
		case 'Y': put(&o, "%lld", year); break;
		case 'z': put(&o, "+0000"); break;
		case 'Z': put(&o, "UTC"); break;
		case '%': put(&o, "%%"); break;
		default: put(&o, "%%%c", *fmt); break;
		}
	}
	if (o.len >= max)
		return 0;
	s[o.len] = '\0';
	return o.len;
}
