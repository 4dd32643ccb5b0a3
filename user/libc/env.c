/*
 * The environment: getenv, setenv, unsetenv. environ starts as the array
 * the kernel put on the stack; the first change copies it into the heap,
 * and later changes grow that copy. Strings replaced by setenv are not
 * freed: a program may still hold them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;            /* environ, once it is our malloc'd copy */

/* The index of name's entry in environ, or -1; name has no '='. */
static int find(const char *name, size_t len)
{
	if (environ == NULL)
		return -1;
	for (int i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	int i = find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

static int bad_name(const char *name)
{
	if (name == NULL || *name == '\0' || strchr(name, '=') != NULL) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

/* The number of entries in environ. */
static int count(void)
{
	int n = 0;

	while (environ != NULL && environ[n] != NULL)
		n++;
	return n;
}

int setenv(const char *name, const char *value, int overwrite)
{
	if (bad_name(name))
		return -1;
	size_t len = strlen(name);
	int i = find(name, len);
	if (i >= 0 && !overwrite)
		return 0;
	char *s = malloc(len + strlen(value) + 2);
	if (s == NULL)
		return -1;
	strcpy(stpcpy(stpcpy(s, name), "="), value);
	if (i >= 0) {
		environ[i] = s;
		return 0;
	}
	int n = count();
	char **old = environ == owned ? owned : NULL;   /* a program may set environ itself */
	char **env = realloc(old, (n + 2) * sizeof(*env));
	if (env == NULL) {
		free(s);
		return -1;
	}
	if (old == NULL && n > 0)
		memcpy(env, environ, n * sizeof(*env));
	env[n] = s;
	env[n + 1] = NULL;
	environ = owned = env;
	return 0;
}

int unsetenv(const char *name)
{
	if (bad_name(name))
		return -1;
	size_t len = strlen(name);
	for (int i; (i = find(name, len)) >= 0;) {
		for (; environ[i] != NULL; i++)
			environ[i] = environ[i + 1];
	}
	return 0;
}
