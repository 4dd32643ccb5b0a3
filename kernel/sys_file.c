/* System calls about files: descriptors, read/write, pipes, stat, directories. */
#include "kernel/syscall.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/vfs.h"
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
	if ((error = vfs_open(curproc()->p_cwd, path, flags, (int)args[2], &fp)) != 0)
		return error == EINTR ? ERESTART : error;
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
	struct vnode *vp;
	struct uvix_stat st;
	int error = copyinstr((const char *)args[0], path, sizeof(path), NULL);

	if (!error)
		error = vfs_lookup(curproc()->p_cwd, path, &vp);
	if (error)
		return error;
	error = vp->v_op->vop_getattr(vp, &st);
	vrele(vp);
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

/* ---- calls that change names (kernel/vfs.c); the paths are copied in first ---- */

SYSCALL(ftruncate)
{
	struct file *fp = fd_get((int)args[0]);
	uvix_off_t len = (uvix_off_t)(intptr_t)args[1];
	int error;

	if (!fp)
		return EBADF;
	if ((fp->f_flags & O_ACCMODE) == O_RDONLY)
		error = EBADF;          /* POSIX: EBADF or EINVAL; Linux says EINVAL */
	else if (len < 0 || fp->f_ops->fo_truncate == NULL)
		error = EINVAL;
	else
		error = fp->f_ops->fo_truncate(fp, len);
	file_release(fp);
	return error == EINTR ? ERESTART : error;
}

/* Files live in memory (or on swap, which does not outlive a boot): nothing to write. */
SYSCALL(fsync)
{
	struct file *fp = fd_get((int)args[0]);

	if (!fp)
		return EBADF;
	file_release(fp);
	return 0;
}

/* Copies in the path at user address uva. */
static int path_in(register_t uva, char path[UVIX_PATH_MAX])
{
	return copyinstr((const char *)uva, path, UVIX_PATH_MAX, NULL);
}

SYSCALL(unlink)
{
	char path[UVIX_PATH_MAX];
	int error = path_in(args[0], path);

	return error ? error : vfs_remove(curproc()->p_cwd, path, false);
}

SYSCALL(rmdir)
{
	char path[UVIX_PATH_MAX];
	int error = path_in(args[0], path);

	return error ? error : vfs_remove(curproc()->p_cwd, path, true);
}

SYSCALL(mkdir)
{
	char path[UVIX_PATH_MAX];
	int error = path_in(args[0], path);

	return error ? error : vfs_create(curproc()->p_cwd, path, VDIR, (int)args[1] & 07777, NULL);
}

SYSCALL(mkfifo)
{
	char path[UVIX_PATH_MAX];
	int error = path_in(args[0], path);

	return error ? error : vfs_create(curproc()->p_cwd, path, VFIFO, (int)args[1] & 07777, NULL);
}

SYSCALL(access)
{
	char path[UVIX_PATH_MAX];
	int error = path_in(args[0], path);

	return error ? error : vfs_access(curproc()->p_cwd, path, (int)args[1]);
}

SYSCALL(link)
{
	char from[UVIX_PATH_MAX], to[UVIX_PATH_MAX];
	int error = path_in(args[0], from);

	if (!error)
		error = path_in(args[1], to);
	return error ? error : vfs_link(curproc()->p_cwd, from, to);
}

SYSCALL(rename)
{
	char from[UVIX_PATH_MAX], to[UVIX_PATH_MAX];
	int error = path_in(args[0], from);

	if (!error)
		error = path_in(args[1], to);
	return error ? error : vfs_rename(curproc()->p_cwd, from, to);
}
