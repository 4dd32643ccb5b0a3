/* sort [-nru] [file ...]: sort lines (bytewise; -n by leading number; -r reversed; -u once each). */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int nflag, rflag;

static int cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r;

	if (nflag) {
		double dx = strtod(x, NULL), dy = strtod(y, NULL);
		r = dx < dy ? -1 : dx > dy;
		if (r == 0)
			r = strcmp(x, y);
	} else {
		r = strcmp(x, y);
	}
	return rflag ? -r : r;
}

int main(int argc, char *argv[])
{
	int ch, uflag = 0, status = 0;
	char **lines = NULL, *line = NULL;
	size_t n = 0, cap = 0, lcap = 0;

	while ((ch = getopt(argc, argv, "nru")) != -1) {
		switch (ch) {
		case 'n': nflag = 1; break;
		case 'r': rflag = 1; break;
		case 'u': uflag = 1; break;
		default:
			fprintf(stderr, "usage: sort [-nru] [file ...]\n");
			return 2;
		}
	}
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		FILE *f = nfiles ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			warn("%s", argv[i]);
			status = 2;
			continue;
		}
		ssize_t len;
		while ((len = getline(&line, &lcap, f)) > 0) {
			if (line[len - 1] == '\n')
				line[len - 1] = '\0';
			if (n == cap && (lines = realloc(lines, (cap = cap ? 2 * cap : 64) * sizeof(*lines))) == NULL)
				errx(2, "out of memory");
			if ((lines[n++] = strdup(line)) == NULL)
				errx(2, "out of memory");
		}
		if (f != stdin)
			fclose(f);
	}
	qsort(lines, n, sizeof(*lines), cmp);
	for (size_t i = 0; i < n; i++)
		if (!uflag || i == 0 || cmp(&lines[i - 1], &lines[i]) != 0)
			puts(lines[i]);
	return status;
}
