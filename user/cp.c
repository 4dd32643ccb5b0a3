/*
 * cp src dst, cp src ... dir: copy files (not directories). The copy
 * gets the source's permission bits; into a directory, it keeps its name.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "user/lib/prog.h"

static char buf[8192];

static int copy(const char *from, const char *to)
{
	struct stat st;
	int in, out, status = 0;

	if ((in = open(from, O_RDONLY)) < 0 || fstat(in, &st) < 0) {
		warn("%s", from);
		if (in >= 0)
			close(in);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		warnx("%s: is a directory (not copied)", from);
		close(in);
		return 1;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777)) < 0) {
		warn("%s", to);
		close(in);
		return 1;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn("%s", from);
			status = 1;
			break;
		}
		if (n == 0)
			break;
		for (ssize_t done = 0; done < n; ) {
			ssize_t w = write(out, buf + done, n - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				warn("%s", to);
				status = 1;
				goto out;
			}
			done += w;
		}
	}
out:
	close(in);
	if (close(out) < 0 && status == 0) {
		warn("%s", to);
		status = 1;
	}
	return status;
}

int main(int argc, char *argv[])
{
	return each_into_target(argc, argv, "usage: cp src dst\n       cp src ... dir\n", copy);
}
