/*
 * grep [-cinqvF] pattern [file ...]: the lines that match. Patterns are
 * basic regular expressions in the style of Kernighan and Pike's little
 * matcher: c a character, . any, [...] or [^...] a class (with ranges),
 * x* any number of x, ^ and $ anchors, \c the character c; -F takes the
 * pattern as a fixed string. Exit 0 if a line matched, 1 if none, 2 on error.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int iflag;

/* The length of the single-character pattern at p ([...] or \c or c). */
static int atom_len(const char *p)
{
	if (p[0] == '\\' && p[1])
		return 2;
	if (p[0] == '[') {
		int i = 1;
		if (p[i] == '^')
			i++;
		if (p[i] == ']')
			i++;
		while (p[i] && p[i] != ']')
			i++;
		return p[i] ? i + 1 : 1;        /* an unclosed [ is itself */
	}
	return 1;
}

static int same(int a, int b)
{
	return iflag ? tolower(a) == tolower(b) : a == b;
}

/* Whether character c matches the atom at p. */
static int atom_match(const char *p, int c)
{
	if (p[0] == '\\' && p[1])
		return same(p[1], c);
	if (p[0] == '.')
		return 1;
	int n = atom_len(p);
	if (p[0] != '[' || n == 1)
		return same(p[0], c);
	int i = 1, neg = p[1] == '^', hit = 0;
	if (neg)
		i++;
	for (int first = 1; i < n - 1; i++, first = 0) {
		if (p[i + 1] == '-' && i + 2 < n - 1) {
			int lo = (unsigned char)p[i], hi = (unsigned char)p[i + 2];
			hit |= (c >= lo && c <= hi) ||
			    (iflag && ((tolower(c) >= lo && tolower(c) <= hi) || (toupper(c) >= lo && toupper(c) <= hi)));
			i += 2;
		} else {
			hit |= same(p[i], c) || (first && p[i] == ']' && c == ']');
		}
	}
	return hit != neg;
}

static int match_here(const char *re, const char *s);

/* x* at re (an atom of length n), then the rest: the longest run first. */
static int match_star(const char *re, int n, const char *s)
{
	const char *t = s;

	while (*t && atom_match(re, (unsigned char)*t))
		t++;
	do {
		if (match_here(re + n + 1, t))
			return 1;
	} while (t-- > s);
	return 0;
}

static int match_here(const char *re, const char *s)
{
	if (re[0] == '\0')
		return 1;
	int n = atom_len(re);
	if (re[n] == '*')
		return match_star(re, n, s);
	if (re[0] == '$' && re[1] == '\0')
		return *s == '\0';
	if (*s && atom_match(re, (unsigned char)*s))
		return match_here(re + n, s + 1);
	return 0;
}

static int match(const char *re, const char *s, int fixed)
{
	if (fixed) {
		size_t n = strlen(re);
		for (; *s; s++)
			if (strlen(s) >= n && (iflag ? strncasecmp(s, re, n) : strncmp(s, re, n)) == 0)
				return 1;
		return n == 0;
	}
	if (re[0] == '^')
		return match_here(re + 1, s);
	do {
		if (match_here(re, s))
			return 1;
	} while (*s++);
	return 0;
}

int main(int argc, char *argv[])
{
	int ch, cflag = 0, nflag = 0, qflag = 0, vflag = 0, Fflag = 0, matched = 0, status = 0;
	char *line = NULL;
	size_t cap = 0;

	while ((ch = getopt(argc, argv, "cinqvF")) != -1) {
		switch (ch) {
		case 'c': cflag = 1; break;
		case 'i': iflag = 1; break;
		case 'n': nflag = 1; break;
		case 'q': qflag = 1; break;
		case 'v': vflag = 1; break;
		case 'F': Fflag = 1; break;
		default: goto usage;
		}
	}
	if (optind >= argc) {
usage:
		fprintf(stderr, "usage: grep [-cinqvF] pattern [file ...]\n");
		return 2;
	}
	const char *re = argv[optind++];
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		FILE *f = nfiles ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			warn("%s", argv[i]);
			status = 2;
			continue;
		}
		long count = 0, lineno = 0;
		ssize_t len;
		while ((len = getline(&line, &cap, f)) > 0) {
			lineno++;
			if (line[len - 1] == '\n')
				line[len - 1] = '\0';
			if (match(re, line, Fflag) == vflag)
				continue;
			matched = 1;
			count++;
			if (qflag)
				return 0;
			if (cflag)
				continue;
			if (nfiles > 1)
				printf("%s:", argv[i]);
			if (nflag)
				printf("%ld:", lineno);
			puts(line);
		}
		if (cflag)
			printf(nfiles > 1 ? "%s:%ld\n" : "%.0s%ld\n", nfiles > 1 ? argv[i] : "", count);
		if (f != stdin)
			fclose(f);
	}
	return status ? status : !matched;
}
