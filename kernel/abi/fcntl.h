/* open(2) flags, lseek(2) whence, and struct stat / dirent layouts. */
#ifndef _UVIX_ABI_FCNTL_H_
#define _UVIX_ABI_FCNTL_H_

#include "kernel/abi/types.h"

#define O_RDONLY        0x0000
#define O_WRONLY        0x0001
#define O_RDWR          0x0002
#define O_ACCMODE       0x0003
#define O_CREAT         0x0040
#define O_EXCL          0x0080
#define O_TRUNC         0x0200
#define O_APPEND        0x0400
#define O_CLOEXEC       0x80000
#define O_DIRECTORY     0x10000

#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2

/* st_mode file types (POSIX values) */
#define S_IFMT          0170000
#define S_IFDIR         0040000
#define S_IFCHR         0020000
#define S_IFIFO         0010000
#define S_IFREG         0100000
#define S_IFSOCK        0140000

/*
 * st_dev: which kind of file, one number each (st_ino is unique within
 * one): a file or directory of the initrd (st_ino: its entry's number),
 * the console terminal (st_ino 1), a pipe (st_ino: its serial number),
 * a file of /tmp (tmpfs), a node of /dev.
 */
#define UVIX_DEV_INITRD 1
#define UVIX_DEV_TTY    2
#define UVIX_DEV_PIPE   3
#define UVIX_DEV_TMPFS  4
#define UVIX_DEV_DEVFS  5

/* access(2)'s mode: F_OK, or any of R_OK, W_OK, X_OK. */
#define UVIX_F_OK       0
#define UVIX_X_OK       1
#define UVIX_W_OK       2
#define UVIX_R_OK       4

struct uvix_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uvix_mode_t st_mode;
	uint32_t st_nlink;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	uvix_time_t st_atime;           /* seconds since 1970 (UTC), from the RTC */
	uvix_time_t st_mtime;
	uvix_time_t st_ctime;
};

/* getdents(2): records of this layout, each d_reclen bytes long. */
struct uvix_dirent {
	uint64_t d_ino;
	uint16_t d_reclen;
	uint8_t  d_type;                /* DT_* */
	char     d_name[1];             /* NUL-terminated, d_reclen - 11 bytes at most */
};
#define DT_UNKNOWN      0
#define DT_FIFO         1
#define DT_CHR          2
#define DT_DIR          4
#define DT_REG          8
#define DT_SOCK         12

#endif
