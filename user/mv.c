/*
 * mv src dst, mv src ... dir: rename files and directories (rename(2):
 * within one file system, replacing dst). Across file systems (the
 * initrd and /tmp) rename says EXDEV, and mv says so: it does not copy.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

int main(int argc, char *argv[])
{
	struct stat st;
	char path[PATH_MAX];
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mv src dst\n       mv src ... dir\n");
		return 2;
	}
	const char *dst = argv[argc - 1];
	int todir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !todir)
		errx(2, "%s: not a directory", dst);
	for (int i = 1; i < argc - 1; i++) {
		const char *to = dst;
		if (todir) {
			if (snprintf(path, sizeof(path), "%s/%s", dst, base(argv[i])) >= (int)sizeof(path)) {
				warnx("%s/%s: path too long", dst, base(argv[i]));
				status = 1;
				continue;
			}
			to = path;
		}
		if (rename(argv[i], to) < 0) {
			warn("%s -> %s", argv[i], to);
			status = 1;
		}
	}
	return status;
}
