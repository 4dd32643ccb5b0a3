/* date [-u] [+format]: the date and time (UTC: Uvix has no time zones), formatted by strftime. */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char *argv[])
{
	const char *fmt = "%a %b %e %H:%M:%S UTC %Y";
	char buf[1024];
	int i = 1;

	if (i < argc && strcmp(argv[i], "-u") == 0)
		i++;
	if (i < argc && argv[i][0] == '+')
		fmt = argv[i++] + 1;
	if (i < argc) {
		fprintf(stderr, "usage: date [-u] [+format]\n");
		return 2;
	}
	time_t t = time(NULL);
	if (t == (time_t)-1)
		err(1, "time");
	struct tm tm;
	gmtime_r(&t, &tm);
	if (strftime(buf, sizeof(buf), fmt, &tm) == 0 && *fmt)
		errx(1, "format too long");
	puts(buf);
	return 0;
}
