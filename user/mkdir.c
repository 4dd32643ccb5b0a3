/*
 * mkdir [-p] [-m mode] dir ...: make each directory (mode 0777 unless
 * given in octal). -p makes the missing parents too, and is quiet about
 * directories that exist.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int pflag;
static mode_t mode = 0777;

static int make(char *path)
{
	struct stat st;

	if (pflag) {
		/* Each parent in turn: cut the path at each slash after the first name. */
		for (char *s = path + 1; (s = strchr(s, '/')) != NULL; s++) {
			*s = '\0';
			if (mkdir(path, 0777) < 0 && errno != EEXIST) {
				warn("%s", path);
				*s = '/';
				return 1;
			}
			*s = '/';
		}
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
	}
	if (mkdir(path, mode) < 0) {
		warn("%s", path);
		return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	int c, status = 0;
	char *end;

	while ((c = getopt(argc, argv, "pm:")) != -1) {
		if (c == 'p') {
			pflag = 1;
		} else if (c == 'm') {
			mode = (mode_t)strtol(optarg, &end, 8);
			if (*optarg == '\0' || *end != '\0' || mode > 07777)
				errx(2, "%s: not an octal mode", optarg);
		} else {
			goto usage;
		}
	}
	if (optind == argc)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= make(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: mkdir [-p] [-m mode] dir ...\n");
	return 2;
}
