/*
 * kill [-s name | -name | -number] pid ...: send a signal (SIGTERM by
 * default) to each process; a negative pid means that process group.
 * kill -l lists the signal names.
 */
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fprintf(stderr, "usage: kill [-s signame | -signame | -signum] pid ...\n"
	    "       kill -l\n");
	exit(2);
}

static void list(void)
{
	char name[SIG2STR_MAX];

	for (int sig = 1; sig < NSIG; sig++)
		if (sig2str(sig, name) == 0)
			printf("%2d %s\n", sig, name);
}

int main(int argc, char *argv[])
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "-l") == 0) {
		if (argc != 2)
			usage();
		list();
		return 0;
	}
	if (strcmp(argv[1], "-s") == 0) {
		if (argc < 3)
			usage();
		if (str2sig(argv[2], &sig) < 0)
			errx(2, "%s: unknown signal; kill -l lists them", argv[2]);
		i = 3;
	} else if (strcmp(argv[1], "--") == 0) {
		i = 2;
	} else if (argv[1][0] == '-') {
		if (str2sig(argv[1] + 1, &sig) < 0)
			errx(2, "%s: unknown signal; kill -l lists them", argv[1] + 1);
		i = 2;
		if (i < argc && strcmp(argv[i], "--") == 0)
			i++;
	}
	if (i == argc)
		usage();
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (*end != '\0' || end == argv[i]) {
			warnx("%s: not a process id", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			warn("%s", argv[i]);
			status = 1;
		}
	}
	return status;
}
