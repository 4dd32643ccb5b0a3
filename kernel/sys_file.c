/* System calls about files: descriptors, read/write, pipes, stat, directories. */
#include "kernel/syscall.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/abi/limits.h"

/* Runs op on descriptor args[0]'s file with the user buffer args[1], length args[2]. */
static int rw(const register_t *args, register_t *ret, bool write)
{
	struct file *fp = fd_get((int)args[0]);
	size_t done = 0;
	int error;

	if (!fp)
		return EBADF;
	int mode = fp->f_flags & O_ACCMODE;
	if (write ? mode == O_RDONLY : mode == O_WRONLY)
		error = EBADF;
	else if (!user_range_ok(args[1], args[2]))
		error = EFAULT;
	else if (write)
		error = fp->f_ops->fo_write(fp, (const void *)args[1], args[2], &done);
	else
		error = fp->f_ops->fo_read(fp, (void *)args[1], args[2], &done);
	file_release(fp);
	*ret = done;
	/* Interrupted before a byte moved (else the result is the count): may restart. */
	return error == EINTR ? ERESTART : error;
}

SYSCALL(read) { return rw(args, ret, false); }
SYSCALL(write) { return rw(args, ret, true); }

SYSCALL(open)
{
	char path[UVIX_PATH_MAX];
	struct file *fp;
	int flags = (int)args[1];
	int error = copyinstr((const char *)args[0], path, sizeof(path), NULL);

	if (error)
		return error;
	if (strcmp(path, "/dev/console") == 0 || strcmp(path, "/dev/tty") == 0)
		fp = tty_open(flags & (O_ACCMODE | O_APPEND)), error = fp ? 0 : ENOMEM;
	else
		error = file_open_initrd(curproc(), path, flags, &fp);
	if (error)
		return error;
	int fd = fd_install(fp, (flags & O_CLOEXEC) != 0);
	if (fd < 0) {
		file_release(fp);
		return -fd;
	}
	*ret = fd;
	return 0;
}

SYSCALL(close)
{
	return fd_close((int)args[0]);
}

SYSCALL(dup)
{
	int fd = fd_dup((int)args[0]);

	*ret = fd;
	return fd < 0 ? -fd : 0;
}

SYSCALL(dup2)
{
	int fd = fd_dup2((int)args[0], (int)args[1]);

	*ret = fd;
	return fd < 0 ? -fd : 0;
}

SYSCALL(pipe)
{
	struct file *fps[2];
	int fds[2], error = pipe_create(fps);

	if (error)
		return error;
	fds[0] = fd_install(fps[0], false);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(fps[1], false);
	if (fds[1] < 0 || copyout(fds, (void *)args[0], sizeof(fds)) != 0) {
		error = fds[1] < 0 ? EMFILE : EFAULT;
		if (fds[0] >= 0)
			fd_close(fds[0]);
		else
			file_release(fps[0]);
		if (fds[1] >= 0)
			fd_close(fds[1]);
		else
			file_release(fps[1]);
		return error;
	}
	return 0;
}

SYSCALL(lseek)
{
	struct file *fp = fd_get((int)args[0]);
	uvix_off_t off;

	if (!fp)
		return EBADF;
	int error = fp->f_ops->fo_seek(fp, (uvix_off_t)(intptr_t)args[1], (int)args[2], &off);
	file_release(fp);
	*ret = off;
	return error;
}

SYSCALL(fstat)
{
	struct file *fp = fd_get((int)args[0]);
	struct uvix_stat st;

	if (!fp)
		return EBADF;
	int error = fp->f_ops->fo_stat(fp, &st);
	file_release(fp);
	return error ? error : copyout(&st, (void *)args[1], sizeof(st));
}

SYSCALL(stat)
{
	char path[UVIX_PATH_MAX];
	struct file *fp;
	struct uvix_stat st;
	int error = copyinstr((const char *)args[0], path, sizeof(path), NULL);

	if (!error)
		error = file_open_initrd(curproc(), path, O_RDONLY, &fp);
	if (error)
		return error;
	error = fp->f_ops->fo_stat(fp, &st);
	file_release(fp);
	return error ? error : copyout(&st, (void *)args[1], sizeof(st));
}

SYSCALL(getdents)
{
	struct file *fp = fd_get((int)args[0]);
	size_t done = 0;
	int error;

	if (!fp)
		return EBADF;
	if (!fp->f_ops->fo_getdents)
		error = ENOTDIR;
	else if (!user_range_ok(args[1], args[2]))
		error = EFAULT;
	else
		error = fp->f_ops->fo_getdents(fp, (void *)args[1], args[2], &done);
	file_release(fp);
	*ret = done;
	return error;
}
