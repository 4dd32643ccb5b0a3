/*
 * devfs: the device nodes of /dev, a fixed table. null (reads end at
 * once, writes vanish), zero (reads give zeros), random (reads give
 * pseudo-random bytes: xorshift seeded from the cycle counter, good for
 * tests, never for keys), console and tty (the console terminal,
 * kernel/tty.c). Nothing can be created or removed here (EROFS); the
 * nodes and the directory live for ever.
 */
#include <machine/cpu.h>
#include "kernel/vfs.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/panic.h"
#include "kernel/string.h"

void devfs_init(void);

enum { DEV_NULL, DEV_ZERO, DEV_RANDOM, DEV_CONSOLE, DEV_TTY, NDEV };
static const char *const devnames[NDEV] = { "null", "zero", "random", "console", "tty" };

static const struct vnodeops devfs_vnodeops;
static struct vnode devfs_rootvnode, devfs_vnodes[NDEV];
struct mount devfs_mount = { "dev", &devfs_rootvnode, NULL, false };

void devfs_init(void)
{
	/* v_data: the node's number + 1 (0 is the directory). */
	devfs_rootvnode = (struct vnode){ VDIR, &devfs_vnodeops, &devfs_mount, 1, (void *)0 };
	for (uintptr_t i = 0; i < NDEV; i++)
		devfs_vnodes[i] = (struct vnode){ VCHR, &devfs_vnodeops, &devfs_mount, 1,
		    (void *)(i + 1) };
}

static int devno(const struct vnode *vp)
{
	return (int)(uintptr_t)vp->v_data - 1;
}

static int dev_lookup(struct vnode *dvp, const char *name, struct vnode **vpp)
{
	for (int i = 0; i < NDEV; i++)
		if (strcmp(devnames[i], name) == 0) {
			vref_locked(&devfs_vnodes[i]);
			*vpp = &devfs_vnodes[i];
			return 0;
		}
	return ENOENT;
}

static int dev_parent(struct vnode *dvp, struct vnode **vpp)
{
	panic("dev_parent: /dev is a mount root, vfs.c crosses it");
}

static int dev_name(struct vnode *vp, char *buf)
{
	panic("dev_name: /dev is a mount root, vfs.c names it");
}

static int dev_create(struct vnode *dvp, const char *name, enum vtype type, int mode,
    struct vnode **vpp)
{
	return EROFS;
}

static int dev_remove(struct vnode *dvp, const char *name, bool dir)
{
	struct vnode *vp;
	int error = dev_lookup(dvp, name, &vp);

	if (error)
		return error;
	vrele_locked(vp);
	return EROFS;
}

static int dev_link(struct vnode *dvp, const char *name, struct vnode *vp)
{
	return EROFS;
}

static int dev_rename(struct vnode *fdvp, const char *fname, struct vnode *tdvp,
    const char *tname)
{
	return dev_remove(fdvp, fname, false);
}

static int dev_getattr(struct vnode *vp, struct uvix_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = UVIX_DEV_DEVFS;
	st->st_ino = devno(vp) + 2;             /* the directory is 1 */
	st->st_mode = vp->v_type == VDIR ? S_IFDIR | 0755 : S_IFCHR | 0666;
	st->st_nlink = vp->v_type == VDIR ? 2 : 1;
	st->st_blksize = 4096;
	return 0;
}

/* ---- the open files of null, zero and random ---- */

static uint64_t random_state;           /* [~] racing readers only mix it more */

static void fill(int dev, char *buf, size_t n)
{
	if (dev == DEV_ZERO) {
		memset(buf, 0, n);
		return;
	}
	if (random_state == 0)
		random_state = cpu_cycles() | 1;
	for (size_t i = 0; i < n; i++) {
		random_state ^= random_state << 13;
		random_state ^= random_state >> 7;
		random_state ^= random_state << 17;
		buf[i] = (char)(random_state >> 24);
	}
}

static int dev_read(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	int dev = devno(fp->f_data), error = 0;
	char buf[256];

	*done = 0;
	if (dev < 0)
		return EISDIR;
	if (dev == DEV_NULL)
		return 0;
	while (*done < len && !error) {
		size_t n = len - *done < sizeof(buf) ? len - *done : sizeof(buf);
		fill(dev, buf, n);
		if ((error = copyout(buf, (char *)ubuf + *done, n)) == 0)
			*done += n;
	}
	return *done ? 0 : error;
}

static int dev_write(struct file *fp, const void *ubuf, size_t len, size_t *done)
{
	*done = 0;
	if (devno(fp->f_data) < 0)
		return EISDIR;
	*done = len;                    /* gone (the range was checked by write) */
	return 0;
}

static int dev_stat(struct file *fp, struct uvix_stat *st)
{
	return dev_getattr(fp->f_data, st);
}

static int dev_seek(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff)
{
	*newoff = 0;
	return 0;
}

/* /dev itself: its entries, f_offset counting them (".", "..", then the table). */
static int dev_getdents(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	char rec[sizeof(struct uvix_dirent) + 16];
	size_t used = 0;
	int error;

	*done = 0;
	if (devno(fp->f_data) >= 0)
		return ENOTDIR;
	if ((error = sleeplock_enter_sig(&fp->f_lock)) != 0)
		return error;
	while (fp->f_offset < NDEV + 2) {
		int i = (int)fp->f_offset;
		const char *name = i == 0 ? "." : i == 1 ? ".." : devnames[i - 2];
		size_t nlen = strlen(name);
		size_t reclen = (offsetof(struct uvix_dirent, d_name) + nlen + 1 + 7) & ~(size_t)7;
		struct uvix_dirent *d = (struct uvix_dirent *)rec;
		if (used + reclen > len) {
			if (used == 0)
				error = EINVAL;
			break;
		}
		memset(rec, 0, reclen);
		d->d_ino = i < 2 ? 1 : (uint64_t)i;
		d->d_reclen = reclen;
		d->d_type = i < 2 ? DT_DIR : DT_CHR;
		memcpy(d->d_name, name, nlen);
		if ((error = copyout(rec, (char *)ubuf + used, reclen)) != 0)
			break;
		used += reclen;
		fp->f_offset++;
	}
	sleeplock_exit(&fp->f_lock);
	*done = used;
	return used ? 0 : error;
}

static const struct fileops devfs_fileops = {
	.fo_read = dev_read, .fo_write = dev_write, .fo_stat = dev_stat,
	.fo_seek = dev_seek, .fo_getdents = dev_getdents,
};

static int dev_open(struct vnode *vp, int flags, struct file **fpp)
{
	int dev = devno(vp);

	if (dev == DEV_CONSOLE || dev == DEV_TTY)
		*fpp = tty_open(flags & (O_ACCMODE | O_APPEND));
	else
		*fpp = file_alloc(&devfs_fileops, flags & (O_ACCMODE | O_APPEND), vp);
	return *fpp ? 0 : ENOMEM;
}

static const struct vnodeops devfs_vnodeops = {
	.vop_lookup = dev_lookup, .vop_parent = dev_parent, .vop_name = dev_name,
	.vop_create = dev_create, .vop_remove = dev_remove, .vop_link = dev_link,
	.vop_rename = dev_rename, .vop_open = dev_open, .vop_getattr = dev_getattr,
};
