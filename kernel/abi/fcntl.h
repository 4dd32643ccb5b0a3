/* open(2) flags, lseek(2) whence, and struct stat / dirent layouts. */
#ifndef _UVIX_ABI_FCNTL_H_
#define _UVIX_ABI_FCNTL_H_

#include "kernel/abi/types.h"

#define O_RDONLY        0x0000
#define O_WRONLY        0x0001
#define O_RDWR          0x0002
#define O_ACCMODE       0x0003
#define O_CREAT         0x0040
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

/*
 * st_dev: which kind of file, one number each (st_ino is unique within
 * one): a file or directory of the initrd (st_ino: its entry's number),
 * the console terminal (st_ino 1), a pipe (st_ino: its serial number).
 */
#define UVIX_DEV_INITRD 1
#define UVIX_DEV_TTY    2
#define UVIX_DEV_PIPE   3

struct uvix_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uvix_mode_t st_mode;
	uint32_t st_nlink;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
};

/* getdents(2): records of this layout, each d_reclen bytes long. */
struct uvix_dirent {
	uint64_t d_ino;
	uint16_t d_reclen;
	uint8_t  d_type;                /* DT_* */
	char     d_name[1];             /* NUL-terminated, d_reclen - 11 bytes at most */
};
#define DT_UNKNOWN      0
#define DT_DIR          4
#define DT_REG          8

#endif
