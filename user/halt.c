/*
 * halt [-p | -h | -r] [status]: stop the machine. -p (the default)
 * powers off, so QEMU exits, with status as its exit status if one is
 * given (the kernel passes it on: a scripted run can end with
 * "halt $?"); -h halts the processor; -r reboots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: halt [-p | -h | -r] [status]\n");
	exit(2);
}

int main(int argc, char *argv[])
{
	int how = RB_POWEROFF, status = 0, c;

	while ((c = getopt(argc, argv, "phr")) != -1) {
		switch (c) {
		case 'p':
			how = RB_POWEROFF;
			break;
		case 'h':
			how = RB_HALT;
			break;
		case 'r':
			how = RB_AUTOBOOT;
			break;
		default:
			usage();
		}
	}
	if (argc - optind > 1)
		usage();
	if (optind < argc) {
		char *end;
		status = (int)strtol(argv[optind], &end, 10);
		if (*end != '\0' || end == argv[optind] || status < 0 || status > 255) {
			fprintf(stderr, "halt: %s: not a status from 0 to 255\n", argv[optind]);
			usage();
		}
	}
	uvix_reboot(how, status);
	perror("halt: reboot");                 /* it returned: it failed */
	return 1;
}
