/* Files and descriptor tables (see kernel/file.h). */
#include "kernel/file.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "vm/kmem.h"

static struct spinlock file_lock = SPINLOCK_INITIALIZER("file");

struct file *file_alloc(const struct fileops *ops, int flags, void *data)
{
	struct file *fp = kmem_zalloc(sizeof(*fp), KM_NOSLEEP);

	if (fp) {
		fp->f_ops = ops;
		fp->f_refs = 1;
		fp->f_flags = flags;
		fp->f_data = data;
		sleeplock_init(&fp->f_lock, "file");
	}
	return fp;
}

void file_hold(struct file *fp)
{
	spinlock_enter(&file_lock);
	KASSERT(fp->f_refs > 0);
	fp->f_refs++;
	spinlock_exit(&file_lock);
}

void file_release(struct file *fp)
{
	spinlock_enter(&file_lock);
	KASSERTMSG(fp->f_refs > 0, "file %p has no reference to drop", fp);
	bool last = --fp->f_refs == 0;
	spinlock_exit(&file_lock);
	if (!last)
		return;
	if (fp->f_ops->fo_close)
		fp->f_ops->fo_close(fp);
	sleeplock_destroy(&fp->f_lock);
	kmem_free(fp, sizeof(*fp));
}

struct file *fd_get(int fd)
{
	struct proc *p = curproc();

	if (fd < 0 || fd >= NOFILE || p->p_files[fd] == NULL)
		return NULL;
	file_hold(p->p_files[fd]);
	return p->p_files[fd];
}

/* Descriptors below this one may be made (RLIMIT_NOFILE, at most NOFILE). */
static int fd_limit(struct proc *p)
{
	uvix_rlim_t lim = proc_rlimit(p, RLIMIT_NOFILE);

	return lim < NOFILE ? (int)lim : NOFILE;
}

int fd_install(struct file *fp, bool cloexec)
{
	struct proc *p = curproc();

	for (int fd = 0; fd < fd_limit(p); fd++)
		if (p->p_files[fd] == NULL) {
			p->p_files[fd] = fp;
			p->p_cloexec[fd] = cloexec;
			return fd;
		}
	return -EMFILE;
}

int fd_close(int fd)
{
	struct proc *p = curproc();

	if (fd < 0 || fd >= NOFILE || p->p_files[fd] == NULL)
		return EBADF;
	struct file *fp = p->p_files[fd];
	p->p_files[fd] = NULL;
	file_release(fp);
	return 0;
}

int fd_dup(int fd)
{
	struct file *fp = fd_get(fd);

	if (!fp)
		return -EBADF;
	int nfd = fd_install(fp, false);
	if (nfd < 0)
		file_release(fp);
	return nfd;
}

int fd_dup2(int from, int to)
{
	struct proc *p = curproc();
	struct file *fp = fd_get(from);

	if (!fp)
		return -EBADF;
	if (to < 0 || to >= fd_limit(p)) {
		file_release(fp);
		return -EBADF;
	}
	if (from == to) {
		file_release(fp);
		return to;
	}
	if (p->p_files[to])
		fd_close(to);
	p->p_files[to] = fp;
	p->p_cloexec[to] = false;
	return to;
}

void file_fork(struct proc *parent, struct proc *child)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if ((child->p_files[fd] = parent->p_files[fd]) != NULL) {
			file_hold(child->p_files[fd]);
			child->p_cloexec[fd] = parent->p_cloexec[fd];
		}
}

void file_close_on_exec(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->p_files[fd] && p->p_cloexec[fd]) {
			file_release(p->p_files[fd]);
			p->p_files[fd] = NULL;
		}
}

void file_close_all(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (p->p_files[fd]) {
			file_release(p->p_files[fd]);
			p->p_files[fd] = NULL;
		}
}
