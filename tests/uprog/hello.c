/* Writes a line and exits with 42: exec, write, exit. */
#include "uprog.h"

int umain(long *sp)
{
	uputs("hello from user space\n");
	return 42;
}
