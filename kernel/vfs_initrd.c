/*
 * The initrd as a file system of the name space (kernel/vfs.h), mounted
 * read-only at "/". Its files never change, so a vnode is only a handle:
 * each lookup makes one (the root's is the one vnode kept for ever), and
 * its last reference frees it. Two vnodes of one file have the same
 * v_data, the struct initrd_file (vfs.c compares that).
 */
#include "kernel/vfs.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "vm/kmem.h"

void vfs_initrd_init(void);

static const struct vnodeops initrd_vnodeops;
static struct vnode initrd_rootvnode;
struct mount initrd_mount_root = { "/", &initrd_rootvnode, NULL, true };

void vfs_initrd_init(void)
{
	initrd_rootvnode = (struct vnode){ VDIR, &initrd_vnodeops, &initrd_mount_root, 1,
	    &initrd_boot.i_root };
}

/* A referenced vnode of f. => vfs_lock held. Returns 0 or ENOMEM. */
static int initrd_vget(const struct initrd_file *f, struct vnode **vpp)
{
	struct vnode *vp;

	if (f == &initrd_boot.i_root) {
		vref_locked(&initrd_rootvnode);
		*vpp = &initrd_rootvnode;
		return 0;
	}
	if ((vp = kmem_zalloc(sizeof(*vp), KM_NOSLEEP)) == NULL)
		return ENOMEM;
	*vp = (struct vnode){ initrd_isdir(f) ? VDIR : VREG, &initrd_vnodeops,
	    &initrd_mount_root, 1, (void *)f };
	*vpp = vp;
	return 0;
}

const struct initrd_file *vfs_initrd_file(const struct vnode *vp)
{
	return vp->v_op == &initrd_vnodeops ? vp->v_data : NULL;
}

static int ird_lookup(struct vnode *dvp, const char *name, struct vnode **vpp)
{
	const struct initrd_file *f;
	int error = initrd_lookup_at(dvp->v_data, name, &f);

	return error ? error : initrd_vget(f, vpp);
}

static int ird_parent(struct vnode *dvp, struct vnode **vpp)
{
	return initrd_vget(((const struct initrd_file *)dvp->v_data)->f_parent, vpp);
}

static int ird_name(struct vnode *vp, char *buf)
{
	strlcpy(buf, ((const struct initrd_file *)vp->v_data)->f_name, UVIX_NAME_MAX + 1);
	return 0;
}

static int ird_create(struct vnode *dvp, const char *name, enum vtype type, int mode,
    struct vnode **vpp)
{
	return EROFS;
}

static int ird_remove(struct vnode *dvp, const char *name, bool dir)
{
	const struct initrd_file *f;
	int error = initrd_lookup_at(dvp->v_data, name, &f);

	return error ? error : EROFS;
}

static int ird_link(struct vnode *dvp, const char *name, struct vnode *vp)
{
	return EROFS;
}

static int ird_rename(struct vnode *fdvp, const char *fname, struct vnode *tdvp,
    const char *tname)
{
	return ird_remove(fdvp, fname, false);
}

static int ird_open(struct vnode *vp, int flags, struct file **fpp)
{
	return file_initrd_open(vp->v_data, flags, fpp);
}

static int ird_getattr(struct vnode *vp, struct uvix_stat *st)
{
	initrd_file_stat(vp->v_data, st);
	return 0;
}

static void ird_inactive(struct vnode *vp)
{
	KASSERT(vp != &initrd_rootvnode);
	kmem_free(vp, sizeof(*vp));
}

static const struct vnodeops initrd_vnodeops = {
	.vop_lookup = ird_lookup, .vop_parent = ird_parent, .vop_name = ird_name,
	.vop_create = ird_create, .vop_remove = ird_remove, .vop_link = ird_link,
	.vop_rename = ird_rename, .vop_open = ird_open, .vop_getattr = ird_getattr,
	.vop_inactive = ird_inactive,
};
