/*
 * getopt(3), as POSIX describes it: options "-a -b", grouped "-ab", an
 * argument joined "-ofile" or apart "-o file" (':' after the letter in
 * optstring), "--" ends the options, and so does the first non-option.
 * An unknown option or a missing argument prints a message (unless
 * opterr is 0 or optstring starts with ':') and returns '?' (or ':' for
 * a missing argument when optstring starts with ':').
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar;                    /* position inside argv[optind] */

int getopt(int argc, char *const argv[], const char *optstring)
{
	if (optstring[0] == '+')                /* glibc's "no permutation": always so here */
		optstring++;
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

/*
 * getopt_long(3): getopt, and "--name", "--name=value" or "--name value"
 * from longopts (ended by a zeroed entry). A unique prefix of a name is
 * that name. Options stop at the first non-option, as with getopt (GNU's
 * permutation of argv is not done: a '+' at the start of optstring, which
 * asks glibc for this, is accepted and changes nothing).
 * => returns the option's val, or 0 after storing val in *flag; '?' for
 *    an unknown or ambiguous name or an argument given to one that takes
 *    none; ':' (or '?') for a missing argument, as getopt does.
 */
int getopt_long(int argc, char *const argv[], const char *optstring,
    const struct option *longopts, int *longindex)
{
	if (optstring[0] == '+')
		optstring++;
	int colon = optstring[0] == ':';
	const char *arg = optind < argc ? argv[optind] : NULL;

	if (nextchar != 0 || arg == NULL || strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return getopt(argc, argv, optstring);
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	int found = -1, ambiguous = 0;
	for (int i = 0; longopts[i].name; i++) {
		if (strncmp(longopts[i].name, name, n) != 0)
			continue;
		if (strlen(longopts[i].name) == n) {
			found = i;
			ambiguous = 0;
			break;
		}
		if (found >= 0)
			ambiguous = 1;
		else
			found = i;
	}
	optind++;
	optarg = NULL;
	optopt = 0;
	if (found < 0 || ambiguous) {
		if (opterr && !colon)
			fprintf(stderr, "%s: %s option '%s'\n", argv[0],
			    ambiguous ? "ambiguous" : "unrecognized", arg);
		return '?';
	}
	const struct option *o = &longopts[found];
	if (longindex)
		*longindex = found;
	if (eq) {
		if (o->has_arg == no_argument) {
			optopt = o->flag ? 0 : o->val;
			if (opterr && !colon)
				fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n",
				    argv[0], o->name);
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			optopt = o->flag ? 0 : o->val;
			if (colon)
				return ':';
			if (opterr)
				fprintf(stderr, "%s: option '--%s' requires an argument\n",
				    argv[0], o->name);
			return '?';
		}
		optarg = argv[optind++];
	}
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}
