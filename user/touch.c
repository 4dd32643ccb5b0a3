/*
 * touch file ...: create each file that does not exist (empty, mode
 * 0666). A file that exists is left as it is: there is no utimes yet to
 * set its times.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: touch file ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
		if (fd < 0 && (fd = open(argv[i], O_RDONLY)) < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		close(fd);
	}
	return status;
}
