/*
 * cat [file ...]: copy each file, or the standard input for "-" or no
 * file at all, to the standard output. Uses read and write directly: no
 * buffering beyond one page, so it works as a pipe test as well.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

/* Copies fd to the standard output; returns 0, or 1 after a message. */
static int copy(int fd, const char *name)
{
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn("%s", name);
			return 1;
		}
		if (n == 0)
			return 0;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				warn("write");
				return 1;
			}
			done += w;
		}
	}
}

int main(int argc, char *argv[])
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "u")) != -1) {
		if (c != 'u') {                 /* -u (unbuffered) is what cat does anyway */
			fprintf(stderr, "usage: cat [-u] [file ...]\n");
			return 2;
		}
	}
	if (optind == argc)
		return copy(STDIN_FILENO, "stdin");
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(STDIN_FILENO, "stdin");
			continue;
		}
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			warn("%s", argv[i]);
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
