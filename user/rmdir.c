/* rmdir dir ...: remove each directory, which must be empty. */
#include <err.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: rmdir dir ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (rmdir(argv[i]) < 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	return status;
}
