/* sleep seconds: wait that long; seconds may have a fraction ("0.25"). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <time.h>

/* Parses "N" or "N.FFF" into *ts; returns 0, or -1 if it is not such a number. */
static int parse_seconds(const char *s, struct timespec *ts)
{
	long long sec = 0;
	long nsec = 0, scale = 100000000;

	if (!isdigit((unsigned char)*s) && !(*s == '.' && isdigit((unsigned char)s[1])))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		sec = sec * 10 + (*s - '0');
		if (sec > 100000000)            /* over three years: surely a typo */
			return -1;
	}
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++, scale /= 10)
			nsec += (*s - '0') * scale;
	if (*s != '\0')
		return -1;
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

int main(int argc, char *argv[])
{
	struct timespec ts, rem;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	if (parse_seconds(argv[1], &ts) < 0) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
		return 2;
	}
	while (nanosleep(&ts, &rem) < 0) {
		if (errno != EINTR) {
			perror("sleep: nanosleep");
			return 1;
		}
		ts = rem;                       /* a handled signal: sleep the rest */
	}
	return 0;
}
