/* head [-n count] [file ...]: the first lines (10) of each file. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: head [-n count] [file ...]\n");
	exit(2);
}

int main(int argc, char *argv[])
{
	long n = 10;
	int ch, status = 0;
	char *end;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n')
			usage();
		n = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || n < 0)
			errx(2, "%s: invalid number of lines", optarg);
	}
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		FILE *f = nfiles ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		if (nfiles > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
		int c;
		for (long lines = 0; lines < n && (c = getc(f)) != EOF;) {
			putchar(c);
			lines += c == '\n';
		}
		if (f != stdin)
			fclose(f);
	}
	return status;
}
