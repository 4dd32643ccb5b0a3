/*
 * sysctl: the kernel's run-time settings (kernel/abi/sysctl.h).
 *
 *   sysctl -a            every setting: name = value, range, description
 *   sysctl NAME ...      each setting's value
 *   sysctl NAME=VALUE    sets it (and prints old -> new)
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>

static void usage(void)
{
	fprintf(stderr, "usage: sysctl -a\n       sysctl name[=value] ...\n");
	exit(2);
}

static void list(void)
{
	struct uvix_sysctl sc;

	for (int i = 0; sysctl_list(i, &sc) == 0; i++)
		printf("%s = %d  [%d..%d%s]  %s\n", sc.sc_name, (int)sc.sc_value,
		    (int)sc.sc_min, (int)sc.sc_max,
		    (sc.sc_flags & UVIX_SYSCTL_RDONLY) ? ", read-only" : "", sc.sc_desc);
}

/* One argument: NAME or NAME=VALUE. Returns 0, or 1 after a message. */
static int one(char *arg)
{
	char *eq = strchr(arg, '=');
	int old, val;

	if (eq == NULL) {
		if (sysctl(arg, &old, NULL) < 0) {
			warn("%s", arg);
			return 1;
		}
		printf("%s = %d\n", arg, old);
		return 0;
	}
	*eq = '\0';
	char *end;
	errno = 0;
	long v = strtol(eq + 1, &end, 0);
	if (eq[1] == '\0' || *end != '\0' || errno != 0 || v != (int)v) {
		warnx("%s: not a number: %s", arg, eq + 1);
		return 1;
	}
	val = (int)v;
	if (sysctl(arg, &old, &val) < 0) {
		if (errno == EINVAL)
			warnx("%s: %s is out of range or refused (sysctl -a shows the range)",
			    arg, eq + 1);
		else
			warn("%s", arg);
		return 1;
	}
	printf("%s: %d -> %d\n", arg, old, val);
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "-a") == 0) {
		if (argc != 2)
			usage();
		list();
		return 0;
	}
	for (int i = 1; i < argc; i++)
		status |= one(argv[i]);
	return status;
}
