/*
 * Reads its standard input, the console: with argument "line" it expects
 * the line "hi there\n" (typed with a backspace correction) and exits 0;
 * with "block" it waits in read until ^C kills it.
 */
#include "uprog.h"

int umain(long *sp)
{
	char **argv = (char **)&sp[1];
	char buf[64];
	long n = usys(SYS_read, 0, (long)buf, sizeof(buf), 0, 0);

	if (sp[0] > 1 && argv[1][0] == 'l') {
		UCHECK(n == 9);
		const char *want = "hi there\n";
		for (int i = 0; i < 9; i++)
			UCHECK(buf[i] == want[i]);
		return 0;
	}
	return 50;      /* "block": read returned, which ^C should have prevented */
}
