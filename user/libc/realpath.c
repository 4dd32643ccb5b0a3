/*
 * realpath(3): the absolute path of a file with no ".", ".." or repeated
 * slashes, each component checked to exist (and, but for the last, to be
 * a directory). Uvix's file systems have no symbolic links, so the path
 * is resolved lexically: ".." is the parent of the path built so far.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* => resolved holds PATH_MAX bytes, or is NULL: the result is then malloc'd. */
char *realpath(const char *path, char *resolved)
{
	char out[PATH_MAX];
	size_t len = 0;
	struct stat st;

	if (path == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (path[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (path[0] != '/') {
		if (getcwd(out, sizeof(out)) == NULL)
			return NULL;
		len = strlen(out);
		if (len == 1)
			len = 0;                /* "/": components add their own slash */
	}
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[--len] != '/')
				;
		} else {
			if (len + 1 + n >= sizeof(out)) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			out[len++] = '/';
			memcpy(out + len, p, n);
			len += n;
			out[len] = '\0';
			if (stat(out, &st) < 0)
				return NULL;
			if (p[n] == '/' && !S_ISDIR(st.st_mode)) {
				errno = ENOTDIR;
				return NULL;
			}
		}
		p += n;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	if (resolved == NULL)
		return strdup(out);
	return strcpy(resolved, out);
}
