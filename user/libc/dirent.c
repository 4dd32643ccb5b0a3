/*
 * Directories: a DIR holds a buffer of the records SYS_getdents returns
 * (struct uvix_dirent, d_reclen bytes each) and the struct dirent the
 * last readdir() returned. The records are read with memcpy: the ABI does
 * not promise that they are aligned.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uvix.h>
#include <unistd.h>

struct uvix_dir {
	int fd;
	size_t pos, len;                /* the next record, the bytes in buf */
	struct dirent ent;
	char buf[2048];
};

#define NAME_OFF        offsetof(struct uvix_dirent, d_name)

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	DIR *d = malloc(sizeof(*d));
	if (d == NULL) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

/* Returns the next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		int n = getdents(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;
		d->len = n;
		d->pos = 0;
	}
	const char *rec = d->buf + d->pos;
	uint16_t reclen;
	memcpy(&reclen, rec + offsetof(struct uvix_dirent, d_reclen), sizeof(reclen));
	if (reclen <= NAME_OFF || reclen > d->len - d->pos) {
		errno = EIO;                    /* a bad record: never loop on it */
		d->pos = d->len;
		return NULL;
	}
	memcpy(&d->ent.d_ino, rec + offsetof(struct uvix_dirent, d_ino), sizeof(d->ent.d_ino));
	d->ent.d_type = (unsigned char)rec[offsetof(struct uvix_dirent, d_type)];
	size_t n = strnlen(rec + NAME_OFF, reclen - NAME_OFF);
	if (n >= sizeof(d->ent.d_name))
		n = sizeof(d->ent.d_name) - 1;
	memcpy(d->ent.d_name, rec + NAME_OFF, n);
	d->ent.d_name[n] = '\0';
	d->pos += reclen;
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}
