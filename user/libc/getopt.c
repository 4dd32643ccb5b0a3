/*
 * getopt(3), as POSIX describes it: options "-a -b", grouped "-ab", an
 * argument joined "-ofile" or apart "-o file" (':' after the letter in
 * optstring), "--" ends the options, and so does the first non-option.
 * An unknown option or a missing argument prints a message (unless
 * opterr is 0 or optstring starts with ':') and returns '?' (or ':' for
 * a missing argument when optstring starts with ':').
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar;                    /* position inside argv[optind] */

int getopt(int argc, char *const argv[], const char *optstring)
{
	int colon = optstring[0] == ':';

	optarg = NULL;
	if (nextchar == 0) {
		if (optind >= argc || argv[optind] == NULL || argv[optind][0] != '-' ||
		    argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		nextchar = 1;
	}
	const char *arg = argv[optind];
	int c = (unsigned char)arg[nextchar++];
	const char *spec = c == ':' ? NULL : strchr(optstring + colon, c);
	if (arg[nextchar] == '\0') {
		optind++;
		nextchar = 0;
	}
	optopt = c;
	if (spec == NULL) {
		if (opterr && !colon)
			fprintf(stderr, "%s: unknown option -- %c\n", argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;
	if (nextchar != 0) {                    /* "-ofile" */
		optarg = (char *)arg + nextchar;
		optind++;
		nextchar = 0;
	} else if (optind < argc) {             /* "-o file" */
		optarg = argv[optind++];
	} else {
		if (colon)
			return ':';
		if (opterr)
			fprintf(stderr, "%s: option requires an argument -- %c\n", argv[0], c);
		return '?';
	}
	return c;
}
