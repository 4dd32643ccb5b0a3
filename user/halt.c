/*
 * halt [-p | -h | -r]: stop the machine. -p (the default) powers off, so
 * QEMU exits; -h halts the processor; -r reboots.
 */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int how = RB_POWEROFF, c;

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
			fprintf(stderr, "usage: halt [-p | -h | -r]\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: halt [-p | -h | -r]\n");
		return 2;
	}
	reboot(how);
	perror("halt: reboot");                 /* it returned: it failed */
	return 1;
}
