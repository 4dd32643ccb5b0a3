/*
 * sys/stat.h: stat() and fstat(). The kernel fills a struct uvix_stat
 * (kernel/abi/fcntl.h); the libc copies it into this POSIX struct stat,
 * whose owners are 0 (one user). Times are seconds since boot (no
 * real-time clock yet), 0 on the initrd.
 */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include <sys/types.h>
#include "kernel/abi/fcntl.h"

struct stat {
	dev_t     st_dev;
	ino_t     st_ino;
	mode_t    st_mode;              /* S_IFMT type bits | permission bits */
	nlink_t   st_nlink;
	uid_t     st_uid;               /* 0 */
	gid_t     st_gid;               /* 0 */
	dev_t     st_rdev;              /* 0 */
	off_t     st_size;
	blksize_t st_blksize;
	blkcnt_t  st_blocks;
	time_t    st_atime;
	time_t    st_mtime;
	time_t    st_ctime;
};

/* Types the kernel does not have (yet), for portable programs. */
#define S_IFBLK         0060000
#define S_IFLNK         0120000

#define S_ISDIR(m)      (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)      (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)     (((m) & S_IFMT) == S_IFIFO)
#define S_ISREG(m)      (((m) & S_IFMT) == S_IFREG)
#define S_ISBLK(m)      (((m) & S_IFMT) == S_IFBLK)
#define S_ISLNK(m)      (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m)     (((m) & S_IFMT) == S_IFSOCK)

#define S_ISUID         04000
#define S_ISGID         02000
#define S_ISVTX         01000
#define S_IRWXU         00700
#define S_IRUSR         00400
#define S_IWUSR         00200
#define S_IXUSR         00100
#define S_IRWXG         00070
#define S_IRGRP         00040
#define S_IWGRP         00020
#define S_IXGRP         00010
#define S_IRWXO         00007
#define S_IROTH         00004
#define S_IWOTH         00002
#define S_IXOTH         00001

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);   /* no links: stat() */
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);
int mkfifo(const char *path, mode_t mode);

#endif
