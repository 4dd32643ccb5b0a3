/* Writes to page 0: the process must die of SIGSEGV. */
#include "uprog.h"

int umain(long *sp)
{
	volatile int *null = (volatile int *)(long)sizeof(int);
	*null = 1;
	uputs("segv: still alive after writing to page 0\n");
	return 1;
}
