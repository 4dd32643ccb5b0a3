/* stat and fstat: the kernel's struct uvix_stat copied into a POSIX struct stat. */
#include <string.h>
#include <sys/stat.h>
#include "syscall.h"

static void from_uvix(struct stat *st, const struct uvix_stat *u)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = u->st_dev;
	st->st_ino = u->st_ino;
	st->st_mode = u->st_mode;
	st->st_nlink = u->st_nlink;
	st->st_size = u->st_size;
	st->st_blksize = u->st_blksize;
	st->st_blocks = u->st_blocks;
	st->st_atime = u->st_atime;
	st->st_mtime = u->st_mtime;
	st->st_ctime = u->st_ctime;
}

int stat(const char *path, struct stat *st)
{
	struct uvix_stat u;

	if (_sys2(SYS_stat, path, &u) < 0)
		return -1;
	from_uvix(st, &u);
	return 0;
}

int lstat(const char *path, struct stat *st)
{
	return stat(path, st);
}

int fstat(int fd, struct stat *st)
{
	struct uvix_stat u;

	if (_sys2(SYS_fstat, fd, &u) < 0)
		return -1;
	from_uvix(st, &u);
	return 0;
}
