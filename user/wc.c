/* wc [-clw] [file ...]: count lines, words and bytes; a total for several files. */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <unistd.h>

static int lflag, wflag, cflag;

static void show(long l, long w, long c, const char *name)
{
	if (lflag)
		printf(" %7ld", l);
	if (wflag)
		printf(" %7ld", w);
	if (cflag)
		printf(" %7ld", c);
	printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char *argv[])
{
	int ch, status = 0;
	long tl = 0, tw = 0, tc = 0;

	while ((ch = getopt(argc, argv, "clw")) != -1) {
		switch (ch) {
		case 'c': cflag = 1; break;
		case 'l': lflag = 1; break;
		case 'w': wflag = 1; break;
		default:
			fprintf(stderr, "usage: wc [-clw] [file ...]\n");
			return 2;
		}
	}
	if (!lflag && !wflag && !cflag)
		lflag = wflag = cflag = 1;
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		FILE *f = nfiles ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		long l = 0, w = 0, c = 0;
		int in = 0, x;
		while ((x = getc(f)) != EOF) {
			c++;
			l += x == '\n';
			if (isspace(x))
				in = 0;
			else if (!in) {
				in = 1;
				w++;
			}
		}
		if (f != stdin)
			fclose(f);
		show(l, w, c, nfiles ? argv[i] : NULL);
		tl += l, tw += w, tc += c;
	}
	if (nfiles > 1)
		show(tl, tw, tc, "total");
	return status;
}
