/*
 * mv src dst, mv src ... dir: rename files and directories (rename(2):
 * within one file system, replacing dst). Across file systems (the
 * initrd and /tmp) rename says EXDEV, and mv says so: it does not copy.
 */
#include <err.h>
#include <stdio.h>
#include "user/lib/prog.h"

static int move(const char *from, const char *to)
{
	if (rename(from, to) < 0) {
		warn("%s -> %s", from, to);
		return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	return each_into_target(argc, argv, "usage: mv src dst\n       mv src ... dir\n", move);
}
