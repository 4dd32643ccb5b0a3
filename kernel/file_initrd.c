/*
 * Files and directories of the initrd, opened read-only: read, seek,
 * stat, getdents. The bytes are copied straight out of the archive.
 */
#include "kernel/file.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/proc.h"
#include "kernel/string.h"

static const struct initrd_file *ifile(struct file *fp)
{
	return fp->f_data;
}

static int ird_read(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	const struct initrd_file *f = ifile(fp);

	*done = 0;
	if (initrd_isdir(f))
		return EISDIR;
	int error = sleeplock_enter_sig(&fp->f_lock);
	if (error)
		return error;
	uint64_t off = fp->f_offset;
	size_t n = off >= f->f_size ? 0 : (f->f_size - off < len ? f->f_size - off : len);
	error = copyout(f->f_data + off, ubuf, n);
	if (!error)
		fp->f_offset += n;
	sleeplock_exit(&fp->f_lock);
	*done = error ? 0 : n;
	return error;
}

static int ird_write(struct file *fp, const void *ubuf, size_t len, size_t *done)
{
	return EBADF;           /* opened read-only: the initrd cannot change */
}

void initrd_file_stat(const struct initrd_file *f, struct uvix_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = UVIX_DEV_INITRD;
	st->st_ino = f->f_ino;
	st->st_mode = f->f_mode;
	st->st_nlink = 1;
	st->st_size = f->f_size;
	st->st_blksize = 4096;
	st->st_blocks = (f->f_size + 511) / 512;
}

static int ird_stat(struct file *fp, struct uvix_stat *st)
{
	initrd_file_stat(ifile(fp), st);
	return 0;
}

static int ird_seek(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff)
{
	int error = sleeplock_enter_sig(&fp->f_lock);
	if (error)
		return error;
	uvix_off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? fp->f_offset :
	    (uvix_off_t)ifile(fp)->f_size;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		error = EINVAL;
	else if (base + off < 0)
		error = EINVAL;
	else
		*newoff = fp->f_offset = base + off;
	sleeplock_exit(&fp->f_lock);
	return error;
}

/* Fills ubuf with whole records; f_offset counts entries, not bytes. */
static int ird_getdents(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	const struct initrd_file *dir = ifile(fp);
	struct initrd_dirent de;
	char rec[sizeof(struct uvix_dirent) + 128];
	size_t used = 0;
	int error = 0;

	*done = 0;
	if (!initrd_isdir(dir))
		return ENOTDIR;
	if ((error = sleeplock_enter_sig(&fp->f_lock)) != 0)
		return error;
	while (initrd_readdir(dir, fp->f_offset, &de) == 0) {
		size_t nlen = strlen(de.d_name);
		size_t reclen = (offsetof(struct uvix_dirent, d_name) + nlen + 1 + 7) & ~(size_t)7;
		if (reclen > sizeof(rec))
			reclen = sizeof(rec), nlen = reclen - offsetof(struct uvix_dirent, d_name) - 1;
		if (used + reclen > len)
			break;
		struct uvix_dirent *d = (struct uvix_dirent *)rec;
		memset(rec, 0, reclen);
		d->d_ino = de.d_file->f_ino;
		d->d_reclen = reclen;
		d->d_type = initrd_isdir(de.d_file) ? DT_DIR : DT_REG;
		memcpy(d->d_name, de.d_name, nlen);
		if ((error = copyout(rec, (char *)ubuf + used, reclen)) != 0)
			break;
		used += reclen;
		fp->f_offset++;
	}
	sleeplock_exit(&fp->f_lock);
	if (!error && used == 0 && initrd_readdir(dir, fp->f_offset, &de) == 0)
		error = EINVAL;         /* the buffer cannot hold one record */
	*done = used;
	return error;
}

static const struct fileops initrd_fileops = {
	.fo_read = ird_read, .fo_write = ird_write, .fo_stat = ird_stat,
	.fo_seek = ird_seek, .fo_getdents = ird_getdents,
};

int file_initrd_open(const struct initrd_file *f, int flags, struct file **fpp)
{
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return initrd_isdir(f) ? EISDIR : EROFS;
	*fpp = file_alloc(&initrd_fileops, flags, (void *)f);
	return *fpp ? 0 : ENOMEM;
}

bool file_initrd_get(struct file *fp, const struct initrd_file **fpp)
{
	if (fp->f_ops != &initrd_fileops)
		return false;
	*fpp = fp->f_data;
	return true;
}
