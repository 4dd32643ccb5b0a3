/*
 * The initrd as a file system of the name space (kernel/vfs.h), mounted
 * read-only at "/". Its files never change, so each has one vnode for
 * ever, made at boot and found through an array indexed by the file's
 * inode number (initrd.c numbers them 1 for the root, then 2, 3, ...
 * densely). Making
 * them per lookup instead would cost nothing in memory, but the
 * allocations in every exec and open interleave with longer-lived kmem
 * objects and move them between slabs, which makes the free-page counts
 * of the leak checks depend on history.
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
static struct vnode **initrd_vnodes;            /* [I] by f_ino; [1] is the root's */
static size_t initrd_nvnodes;                   /* [I] */
struct mount initrd_mount_root = { "/", &initrd_rootvnode, NULL, true };

/* Makes the vnode of f and of every file below it. */
static void vnodes_make(const struct initrd_file *f)
{
	KASSERTMSG(f->f_ino < initrd_nvnodes, "vfs_initrd_init: inode %u of %s past %zu",
	    f->f_ino, f->f_name, initrd_nvnodes);
	/* One allocation each, KM_SLEEP: a boot-time count the archive bounds (kmem.h). */
	struct vnode *vp = kmem_alloc(sizeof(*vp), KM_SLEEP);
	*vp = (struct vnode){ initrd_isdir(f) ? VDIR : VREG, &initrd_vnodeops,
	    &initrd_mount_root, 1, (void *)f };
	initrd_vnodes[f->f_ino] = vp;
	for (const struct initrd_file *c = f->f_children; c; c = c->f_next)
		vnodes_make(c);
}

void vfs_initrd_init(void)
{
	initrd_rootvnode = (struct vnode){ VDIR, &initrd_vnodeops, &initrd_mount_root, 1,
	    &initrd_boot.i_root };
	initrd_nvnodes = 2 + (size_t)initrd_boot.i_nfiles + (size_t)initrd_boot.i_ndirs;
	initrd_vnodes = kmem_zalloc(initrd_nvnodes * sizeof(struct vnode *), KM_SLEEP);
	initrd_vnodes[1] = &initrd_rootvnode;
	for (const struct initrd_file *c = initrd_boot.i_root.f_children; c; c = c->f_next)
		vnodes_make(c);
}

/* f's vnode, with a reference added. => vfs_lock held. */
static int initrd_vget(const struct initrd_file *f, struct vnode **vpp)
{
	struct vnode *vp = initrd_vnodes[f->f_ino];

	KASSERT(vp->v_data == f);
	vref_locked(vp);
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

static const struct vnodeops initrd_vnodeops = {
	.vop_lookup = ird_lookup, .vop_parent = ird_parent, .vop_name = ird_name,
	.vop_create = ird_create, .vop_remove = ird_remove, .vop_link = ird_link,
	.vop_rename = ird_rename, .vop_open = ird_open, .vop_getattr = ird_getattr,
};
