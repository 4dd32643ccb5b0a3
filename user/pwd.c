/* pwd: print the current directory. */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	char buf[PATH_MAX];

	if (argc > 1) {
		fprintf(stderr, "usage: pwd\n");
		return 2;
	}
	if (getcwd(buf, sizeof(buf)) == NULL)
		err(1, "getcwd");
	puts(buf);
	return 0;
}
