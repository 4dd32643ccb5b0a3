/* tail [-n count] [file]: the last lines (10) of a file, read whole into memory. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: tail [-n count] [file]\n");
	exit(2);
}

int main(int argc, char *argv[])
{
	long n = 10;
	int ch;
	char *end;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n')
			usage();
		n = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || n < 0)
			errx(2, "%s: invalid number of lines", optarg);
	}
	if (argc - optind > 1)
		usage();
	FILE *f = optind < argc ? fopen(argv[optind], "r") : stdin;
	if (f == NULL)
		err(1, "%s", argv[optind]);
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (buf == NULL)
		errx(1, "out of memory");
	/* Back from the end over n newlines (a last line without one counts too). */
	size_t start = len;
	long lines = 0;
	if (start > 0 && buf[start - 1] == '\n')
		start--;
	while (start > 0) {
		if (buf[start - 1] == '\n' && ++lines == n)
			break;
		start--;
	}
	if (n == 0)
		start = len;
	fwrite(buf + start, 1, len - start, stdout);
	return 0;
}
