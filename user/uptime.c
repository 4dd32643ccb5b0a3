/* uptime: the time, how long since boot, and how many processes. */
#include <stdio.h>
#include <sys/uvix.h>
#include <time.h>

int main(int argc, char *argv[])
{
	struct timespec up;
	struct uvix_procinfo procs[64];

	if (argc > 1) {
		fprintf(stderr, "usage: uptime\n");
		return 2;
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	clock_gettime(CLOCK_MONOTONIC, &up);
	long s = (long)up.tv_sec;
	int n = uvix_ps(procs, 64);
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (s >= 86400)
		printf("%ld day%s, ", s / 86400, s / 86400 == 1 ? "" : "s");
	printf("%2ld:%02ld:%02ld, %d process%s\n", s / 3600 % 24, s / 60 % 60, s % 60,
	    n, n == 1 ? "" : "es");
	return 0;
}
