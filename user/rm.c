/*
 * rm [-fr] file ...: remove each file. -r removes directories and what
 * they hold (depth first); -f says nothing about files that do not exist
 * and makes the status 0 for them.
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fflag, rflag;

static int rm(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		if (fflag && errno == ENOENT)
			return 0;
		warn("%s", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		warn("%s", path);
		return 1;
	}
	if (!rflag) {
		warnx("%s: is a directory", path);
		return 1;
	}
	/* Empty it, reading it again after each pass: removing shifts the entries. */
	int status = 0;
	for (int removed = 1; removed && status == 0; ) {
		DIR *d = opendir(path);
		struct dirent *de;
		char sub[PATH_MAX];
		removed = 0;
		if (d == NULL) {
			warn("%s", path);
			return 1;
		}
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			if (snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >= (int)sizeof(sub)) {
				warnx("%s/%s: path too long", path, de->d_name);
				status = 1;
				break;
			}
			if ((status |= rm(sub)) != 0)
				break;
			removed = 1;
		}
		closedir(d);
	}
	if (status == 0 && rmdir(path) < 0) {
		warn("%s", path);
		status = 1;
	}
	return status;
}

int main(int argc, char *argv[])
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "frR")) != -1) {
		if (c == 'f')
			fflag = 1;
		else if (c == 'r' || c == 'R')
			rflag = 1;
		else
			goto usage;
	}
	if (optind == argc && !fflag)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= rm(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: rm [-fr] file ...\n");
	return 2;
}
