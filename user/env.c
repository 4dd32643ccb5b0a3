/* env [-i] [name=value ...] [command [arg ...]]: print the environment, or run a command in a changed one. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int i = 1;
	static char *empty[] = { NULL };

	if (i < argc && strcmp(argv[i], "-i") == 0) {
		environ = empty;
		i++;
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) < 0)
			err(1, "setenv");
	}
	if (i < argc) {
		execvp(argv[i], argv + i);
		warn("%s", argv[i]);
		return 127;
	}
	for (char **e = environ; *e; e++)
		puts(*e);
	return 0;
}
