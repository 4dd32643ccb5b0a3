/* uniq [-cdu] [file]: adjacent equal lines once (-c counted, -d only repeated, -u only single). */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cflag, dflag, uflag;

static void show(const char *line, long count)
{
	if ((dflag && count < 2) || (uflag && count > 1))
		return;
	if (cflag)
		printf("%7ld ", count);
	fputs(line, stdout);
}

int main(int argc, char *argv[])
{
	int ch;
	char *line = NULL, *prev = NULL;
	size_t cap = 0;
	long count = 0;

	while ((ch = getopt(argc, argv, "cdu")) != -1) {
		switch (ch) {
		case 'c': cflag = 1; break;
		case 'd': dflag = 1; break;
		case 'u': uflag = 1; break;
		default:
			fprintf(stderr, "usage: uniq [-cdu] [file]\n");
			return 2;
		}
	}
	FILE *f = optind < argc ? fopen(argv[optind], "r") : stdin;
	if (f == NULL)
		err(1, "%s", argv[optind]);
	while (getline(&line, &cap, f) > 0) {
		if (prev && strcmp(prev, line) == 0) {
			count++;
			continue;
		}
		if (prev)
			show(prev, count);
		free(prev);
		if ((prev = strdup(line)) == NULL)
			errx(1, "out of memory");
		count = 1;
	}
	if (prev)
		show(prev, count);
	return 0;
}
