/*
 * dirent.h: reading directories. readdir() walks the records SYS_getdents
 * fills (struct uvix_dirent, kernel/abi/fcntl.h) and copies each into a
 * struct dirent of the DIR, valid until the next readdir or closedir.
 */
#ifndef _DIRENT_H_
#define _DIRENT_H_

#include <sys/types.h>
#include "kernel/abi/fcntl.h"

/* d_type values the kernel does not use (yet), for portable programs. */
#define DT_FIFO         1
#define DT_CHR          2
#define DT_BLK          6
#define DT_LNK          10
#define DT_SOCK         12

struct dirent {
	ino_t         d_ino;
	unsigned char d_type;           /* DT_REG, DT_DIR, DT_UNKNOWN */
	char          d_name[256];
};

typedef struct uvix_dir DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
int dirfd(DIR *dir);

#endif
