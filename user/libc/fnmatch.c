/*
 * fnmatch(3): does a string match a shell pattern? The shell's globbing
 * uses it, one path component at a time.
 *
 *   ?        any one character
 *   *        any string, the empty one too
 *   [...]    one character of the set: ranges a-z, classes [:alpha:]
 *            (no collating symbols [.x.] or equivalence classes [=x=]),
 *            [!...] or [^...] for the complement, ] first is itself;
 *            a [ without its ] is an ordinary character
 *   \c       c itself (unless FNM_NOESCAPE; a \ at the end matches nothing)
 *
 * FNM_PATHNAME: '/' is matched only by a '/' in the pattern; FNM_PERIOD:
 * a leading '.' (of the string, or of a component with FNM_PATHNAME)
 * only by a '.' in the pattern. (glibc differs in a corner: with
 * FNM_PATHNAME, an escaped slash "\/" is not quite a '/' there.) '*'
 * backtracks by recursion, which is exponential only for patterns nobody types (many stars that all fail
 * late).
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int);
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
	{ "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
	{ "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

/*
 * Matches c against the bracket expression at p (just after '[').
 * Returns the pattern after its ']' and *hit, or NULL if the bracket is
 * not closed (then '[' is an ordinary character).
 */
static const char *bracket(const char *p, int c, int flags, int *hit)
{
	int neg = *p == '!' || *p == '^';

	*hit = 0;
	if (neg)
		p++;
	for (int first = 1; *p && (*p != ']' || first); first = 0) {
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			if (end) {
				size_t n = (size_t)(end - p - 2);
				for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
					if (strlen(classes[i].name) == n && strncmp(classes[i].name, p + 2, n) == 0)
						*hit |= classes[i].fn(c) != 0;
				p = end + 2;
				continue;
			}
		}
		int lo = (unsigned char)*p;
		if (lo == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			lo = (unsigned char)*++p;
		p++;
		int hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			p += 2;
			if (hi == '\\' && !(flags & FNM_NOESCAPE) && *p)
				hi = (unsigned char)*p++;
		}
		if (c >= lo && c <= hi)
			*hit = 1;
	}
	if (*p != ']')
		return NULL;
	if (neg)
		*hit = !*hit;
	return p + 1;
}

/* Whether s[0] is a period FNM_PERIOD protects (start is the string's start). */
static int leading_period(const char *s, const char *start, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	    (s == start || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

static int match(const char *p, const char *s, const char *start, int flags)
{
	for (;;) {
		int c = (unsigned char)*s;
		switch (*p) {
		case '\0':
			return c == '\0' ? 0 : FNM_NOMATCH;
		case '?':
			if (c == '\0' || (c == '/' && (flags & FNM_PATHNAME)) ||
			    leading_period(s, start, flags))
				return FNM_NOMATCH;
			p++, s++;
			continue;
		case '*':
			if (leading_period(s, start, flags))
				return FNM_NOMATCH;
			while (*p == '*')
				p++;
			for (;; s++) {
				if (match(p, s, start, flags) == 0)
					return 0;
				if (*s == '\0' || (*s == '/' && (flags & FNM_PATHNAME)))
					return FNM_NOMATCH;
			}
		case '[': {
			int hit;
			const char *next = bracket(p + 1, c, flags, &hit);
			if (next != NULL) {
				if (c == '\0' || (c == '/' && (flags & FNM_PATHNAME)) ||
				    leading_period(s, start, flags) || !hit)
					return FNM_NOMATCH;
				p = next, s++;
				continue;
			}
			break;                  /* an unclosed '[': itself */
		}
		case '\\':
			if (!(flags & FNM_NOESCAPE)) {
				if (p[1] == '\0')
					return FNM_NOMATCH;     /* a pattern cannot end in an escape */
				p++;
			}
			break;
		}
		if ((unsigned char)*p != c)
			return FNM_NOMATCH;
		p++, s++;
	}
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	return match(pattern, string, string, flags);
}
