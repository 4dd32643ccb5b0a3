/* tee [-a] [file ...]: copy standard input to standard output and to each file. */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int ch, flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, fds[16], n = 0;
	char buf[4096];
	ssize_t got;

	while ((ch = getopt(argc, argv, "a")) != -1) {
		if (ch != 'a') {
			fprintf(stderr, "usage: tee [-a] [file ...]\n");
			return 2;
		}
		flags = O_WRONLY | O_CREAT | O_APPEND;
	}
	for (int i = optind; i < argc && n < 16; i++) {
		int fd = open(argv[i], flags, 0644);
		if (fd < 0) {
			warn("%s", argv[i]);
			status = 1;
		} else {
			fds[n++] = fd;
		}
	}
	while ((got = read(0, buf, sizeof(buf))) > 0) {
		if (write(1, buf, (size_t)got) != got)
			status = 1;
		for (int i = 0; i < n; i++)
			if (write(fds[i], buf, (size_t)got) != got)
				status = 1;
	}
	return status;
}
