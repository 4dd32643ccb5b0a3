/*
 * od [-b | -c | -x] [file]: dump bytes with octal offsets, 16 bytes a
 * line, a line like the one before it shown once as "*" (as POSIX od):
 * the default is octal 2-byte words, -b octal bytes, -c characters,
 * -x hexadecimal 2-byte words (little-endian, as the machine reads them).
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int mode = 'o';

static void line(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i += mode == 'b' || mode == 'c' ? 1 : 2) {
		unsigned w = b[i] | (i + 1 < n ? b[i + 1] << 8 : 0);
		switch (mode) {
		case 'b': printf(" %03o", b[i]); break;
		case 'x': printf(" %04x", w); break;
		case 'o': printf(" %06o", w); break;
		default: {
			static const char esc[] = "\0\a\b\t\n\v\f\r", name[] = "0abtnvfr";
			const char *e = b[i] < 14 ? memchr(esc, b[i], 8) : NULL;
			if (e)
				printf("  \\%c", name[e - esc]);
			else if (b[i] >= 32 && b[i] < 127)
				printf("   %c", b[i]);
			else
				printf(" %03o", b[i]);
		}
		}
	}
	putchar('\n');
}

int main(int argc, char *argv[])
{
	int ch;
	unsigned char b[16], prev[16];
	size_t n, off = 0;
	int starred = 0, have_prev = 0;

	while ((ch = getopt(argc, argv, "bcx")) != -1) {
		if (ch == '?') {
			fprintf(stderr, "usage: od [-b | -c | -x] [file]\n");
			return 2;
		}
		mode = ch;
	}
	FILE *f = optind < argc ? fopen(argv[optind], "r") : stdin;
	if (f == NULL)
		err(1, "%s", argv[optind]);
	while ((n = fread(b, 1, sizeof(b), f)) > 0) {
		if (have_prev && n == sizeof(b) && memcmp(b, prev, n) == 0) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			printf("%07zo", off);
			line(b, n);
			starred = 0;
		}
		memcpy(prev, b, n);
		have_prev = n == sizeof(b);
		off += n;
	}
	printf("%07zo\n", off);
	return 0;
}
