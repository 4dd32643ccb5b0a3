/*
 * The name space (kernel/vfs.h): the mount table, references, path lookup
 * and the calls that change names.
 *
 * The mount table is fixed: the initrd at "/", tmpfs on the name "tmp"
 * and devfs on the name "dev" of the initrd's root. Lookup walks a path
 * one name at a time, from the root or the current directory, holding
 * vfs_lock for the whole walk (names change only under it, so a walk sees
 * one state of the tree). At each directory it looks at the mounts first:
 *
 *     "/tmp/a/../b"   root --"tmp"--> (mount) tmpfs root --"a"--> a
 *                     --".."--> tmpfs root --"b"--> b
 *     "/tmp/.."       tmpfs root --".."--> (its mount's covered dir) /
 *
 * Each step takes a reference to the next vnode and drops the one it
 * leaves, so a vnode never goes away under a walk. Initrd and devfs
 * vnodes live for ever (made at boot); tmpfs nodes live while they have
 * a name or a reference.
 *
 * Example: open("/tmp/x", O_CREAT | O_WRONLY) looks up "/tmp" (the
 * parent), then, still under vfs_lock, "x" in it: not there, so tmpfs
 * creates it (with O_EXCL and an "x" there, EEXIST). Then vfs_lock goes,
 * and tmpfs's vop_open makes the struct file.
 */
#include "kernel/vfs.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/panic.h"
#include "kernel/string.h"

struct mutex vfs_lock = MUTEX_INITIALIZER(vfs_lock, "vfs");

/* Set up by each file system's init (vfs_initrd.c, tmpfs.c, devfs.c). */
extern struct mount initrd_mount_root, tmpfs_mount, devfs_mount;
void vfs_initrd_init(void);
void tmpfs_init(void);
void devfs_init(void);

static struct mount *const mounts[] = { &initrd_mount_root, &tmpfs_mount, &devfs_mount };
#define NMOUNTS (sizeof(mounts) / sizeof(mounts[0]))

void vfs_init(void)
{
	vfs_initrd_init();
	tmpfs_init();
	devfs_init();
	tmpfs_mount.mnt_covered = devfs_mount.mnt_covered = initrd_mount_root.mnt_root;
}

int64_t vfs_now(void)
{
	return (int64_t)(clock_realtime_ns() / 1000000000ull);
}

void vref_locked(struct vnode *vp)
{
	KASSERT(mutex_owned(&vfs_lock));
	KASSERT(vp->v_usecount > 0);
	vp->v_usecount++;
}

void vrele_locked(struct vnode *vp)
{
	KASSERT(mutex_owned(&vfs_lock));
	KASSERTMSG(vp->v_usecount > 0, "vrele: vnode %p has no reference", vp);
	if (--vp->v_usecount == 0 && vp->v_op->vop_inactive)
		vp->v_op->vop_inactive(vp);
}

void vref(struct vnode *vp)
{
	mutex_enter(&vfs_lock);
	vref_locked(vp);
	mutex_exit(&vfs_lock);
}

void vrele(struct vnode *vp)
{
	if (vp == NULL)
		return;
	mutex_enter(&vfs_lock);
	vrele_locked(vp);
	mutex_exit(&vfs_lock);
}

struct vnode *vfs_root(void)
{
	vref(initrd_mount_root.mnt_root);
	return initrd_mount_root.mnt_root;
}

/* One file? (Every file has one vnode, so this is a == b; said as what it means.) */
static bool same_file(const struct vnode *a, const struct vnode *b)
{
	return a->v_mount == b->v_mount && a->v_data == b->v_data;
}

static bool is_mount_root(const struct vnode *vp)
{
	return same_file(vp, vp->v_mount->mnt_root);
}

int vfs_lookup_name(struct vnode *dvp, const char *name, struct vnode **vpp)
{
	KASSERT(mutex_owned(&vfs_lock));
	if (dvp->v_type != VDIR)
		return ENOTDIR;
	for (size_t i = 0; i < NMOUNTS; i++) {
		struct mount *m = mounts[i];
		if (m->mnt_covered && same_file(m->mnt_covered, dvp) &&
		    strcmp(m->mnt_name, name) == 0) {
			vref_locked(m->mnt_root);
			*vpp = m->mnt_root;
			return 0;
		}
	}
	return dvp->v_op->vop_lookup(dvp, name, vpp);
}

/* "..": across a mount back to the directory it covers. => vfs_lock held. */
static int lookup_dotdot(struct vnode *vp, struct vnode **vpp)
{
	if (is_mount_root(vp)) {
		struct vnode *up = vp->v_mount->mnt_covered ? vp->v_mount->mnt_covered : vp;
		vref_locked(up);
		*vpp = up;
		return 0;
	}
	return vp->v_op->vop_parent(vp, vpp);
}

/*
 * The walk of vfs_lookup and vfs_lookup_parent (with name != NULL: stop
 * before the last name and return it). => vfs_lock not held.
 */
static int lookup_walk(struct vnode *cwd, const char *path, struct vnode **vpp, char *lastname)
{
	char name[UVIX_NAME_MAX + 1];
	const char *p = path;
	struct vnode *vp, *next;
	int error = 0;

	if (*path == '\0')
		return ENOENT;
	mutex_enter(&vfs_lock);
	vp = *path == '/' || cwd == NULL ? initrd_mount_root.mnt_root : cwd;
	vref_locked(vp);
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		const char *s = p;
		while (*p != '\0' && *p != '/')
			p++;
		if ((size_t)(p - s) > UVIX_NAME_MAX) {
			error = ENAMETOOLONG;
			break;
		}
		memcpy(name, s, p - s);
		name[p - s] = '\0';
		const char *q = p;
		while (*q == '/')
			q++;
		if (lastname && *q == '\0') {
			if (vp->v_type != VDIR)
				error = ENOTDIR;
			else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				error = EINVAL;
			else
				strlcpy(lastname, name, UVIX_NAME_MAX + 1);
			mutex_exit(&vfs_lock);
			if (error)
				vrele(vp);
			else
				*vpp = vp;
			return error;
		}
		if (vp->v_type != VDIR) {
			error = ENOTDIR;
			break;
		}
		if (strcmp(name, ".") == 0)
			continue;
		error = strcmp(name, "..") == 0 ? lookup_dotdot(vp, &next) :
		    vfs_lookup_name(vp, name, &next);
		if (error)
			break;
		vrele_locked(vp);
		vp = next;
	}
	if (!error && lastname)
		error = EINVAL;                 /* no last name: "/" */
	if (!error && path[strlen(path) - 1] == '/' && vp->v_type != VDIR)
		error = ENOTDIR;
	if (error)
		vrele_locked(vp);
	else
		*vpp = vp;
	mutex_exit(&vfs_lock);
	return error;
}

int vfs_lookup(struct vnode *cwd, const char *path, struct vnode **vpp)
{
	return lookup_walk(cwd, path, vpp, NULL);
}

int vfs_lookup_parent(struct vnode *cwd, const char *path, struct vnode **dvpp, char *name)
{
	return lookup_walk(cwd, path, dvpp, name);
}

/* Do the owner's permission bits allow `want` (UVIX_R_OK | UVIX_W_OK | UVIX_X_OK)? */
static int check_mode(struct vnode *vp, int want)
{
	struct uvix_stat st;
	int error = vp->v_op->vop_getattr(vp, &st);

	if (error)
		return error;
	if ((want & UVIX_W_OK) && vp->v_mount->mnt_rdonly)
		return EROFS;
	if (((want & UVIX_R_OK) && !(st.st_mode & 0400)) ||
	    ((want & UVIX_W_OK) && !(st.st_mode & 0200)) ||
	    ((want & UVIX_X_OK) && !(st.st_mode & 0100)))
		return EACCES;
	return 0;
}

int vfs_open(struct vnode *cwd, const char *path, int flags, int mode, struct file **fpp)
{
	char name[UVIX_NAME_MAX + 1];
	struct vnode *dvp, *vp;
	int acc = flags & O_ACCMODE, error;
	bool created = false;

	if (acc == O_ACCMODE)
		return EINVAL;
	if (flags & O_CREAT) {
		if ((error = vfs_lookup_parent(cwd, path, &dvp, name)) != 0)
			return error;
		mutex_enter(&vfs_lock);
		error = vfs_lookup_name(dvp, name, &vp);
		if (error == 0 && (flags & O_EXCL)) {
			vrele_locked(vp);
			error = EEXIST;
		} else if (error == ENOENT) {
			error = dvp->v_op->vop_create(dvp, name, VREG, mode & 07777, &vp);
			created = error == 0;
		}
		vrele_locked(dvp);
		mutex_exit(&vfs_lock);
	} else {
		error = vfs_lookup(cwd, path, &vp);
	}
	if (error)
		return error;
	bool writes = acc != O_RDONLY || (flags & O_TRUNC);
	if (vp->v_type == VDIR && writes)
		error = EISDIR;
	else if ((flags & O_DIRECTORY) && vp->v_type != VDIR)
		error = ENOTDIR;
	else if (vp->v_type == VSOCK)
		error = ENXIO;
	else if (!created)
		error = check_mode(vp, (acc != O_WRONLY ? UVIX_R_OK : 0) |
		    (writes ? UVIX_W_OK : 0));
	if (!error)
		error = vp->v_op->vop_open(vp, flags, fpp);
	vrele(vp);
	return error;
}

int vfs_create(struct vnode *cwd, const char *path, enum vtype type, int mode,
    struct vnode **vpp)
{
	char name[UVIX_NAME_MAX + 1];
	struct vnode *dvp, *vp;
	int error = vfs_lookup_parent(cwd, path, &dvp, name);

	if (error)
		return error;
	mutex_enter(&vfs_lock);
	error = vfs_lookup_name(dvp, name, &vp);
	if (error == 0) {
		vrele_locked(vp);
		error = EEXIST;
	} else if (error == ENOENT) {
		error = dvp->v_op->vop_create(dvp, name, type, mode & 07777, &vp);
		if (!error && vpp)
			*vpp = vp;
		else if (!error)
			vrele_locked(vp);
	}
	vrele_locked(dvp);
	mutex_exit(&vfs_lock);
	return error;
}

/* Is name in dvp a mount point? => vfs_lock held. */
static bool is_mount_point(struct vnode *dvp, const char *name)
{
	for (size_t i = 0; i < NMOUNTS; i++)
		if (mounts[i]->mnt_covered && same_file(mounts[i]->mnt_covered, dvp) &&
		    strcmp(mounts[i]->mnt_name, name) == 0)
			return true;
	return false;
}

int vfs_remove(struct vnode *cwd, const char *path, bool dir)
{
	char name[UVIX_NAME_MAX + 1];
	struct vnode *dvp;
	int error = vfs_lookup_parent(cwd, path, &dvp, name);

	if (error)
		return error;
	mutex_enter(&vfs_lock);
	error = is_mount_point(dvp, name) ? EBUSY : dvp->v_op->vop_remove(dvp, name, dir);
	vrele_locked(dvp);
	mutex_exit(&vfs_lock);
	return error;
}

int vfs_link(struct vnode *cwd, const char *existing, const char *newpath)
{
	char name[UVIX_NAME_MAX + 1];
	struct vnode *vp, *dvp, *tvp;
	int error = vfs_lookup(cwd, existing, &vp);

	if (error)
		return error;
	if ((error = vfs_lookup_parent(cwd, newpath, &dvp, name)) != 0) {
		vrele(vp);
		return error;
	}
	mutex_enter(&vfs_lock);
	if (vp->v_type == VDIR)
		error = EPERM;
	else if ((error = vfs_lookup_name(dvp, name, &tvp)) == 0) {
		vrele_locked(tvp);
		error = EEXIST;
	} else if (error == ENOENT) {
		error = vp->v_mount != dvp->v_mount ? EXDEV : dvp->v_op->vop_link(dvp, name, vp);
	}
	vrele_locked(dvp);
	vrele_locked(vp);
	mutex_exit(&vfs_lock);
	return error;
}

int vfs_rename(struct vnode *cwd, const char *from, const char *to)
{
	char fname[UVIX_NAME_MAX + 1], tname[UVIX_NAME_MAX + 1];
	struct vnode *fdvp, *tdvp;
	int error = vfs_lookup_parent(cwd, from, &fdvp, fname);

	if (error)
		return error;
	if ((error = vfs_lookup_parent(cwd, to, &tdvp, tname)) != 0) {
		vrele(fdvp);
		return error;
	}
	mutex_enter(&vfs_lock);
	if (is_mount_point(fdvp, fname) || is_mount_point(tdvp, tname))
		error = EBUSY;
	else if (fdvp->v_mount != tdvp->v_mount)
		error = EXDEV;
	else
		error = fdvp->v_op->vop_rename(fdvp, fname, tdvp, tname);
	vrele_locked(tdvp);
	vrele_locked(fdvp);
	mutex_exit(&vfs_lock);
	return error;
}

int vfs_access(struct vnode *cwd, const char *path, int mode)
{
	struct vnode *vp;
	int error;

	if (mode & ~(UVIX_R_OK | UVIX_W_OK | UVIX_X_OK))
		return EINVAL;
	if ((error = vfs_lookup(cwd, path, &vp)) != 0)
		return error;
	error = check_mode(vp, mode);
	vrele(vp);
	return error;
}

/*
 * The path is built from its end, walking up from vp: each name, and the
 * '/' before it, goes in front of what is there.
 */
int vfs_path(struct vnode *vp, char *buf, size_t len, size_t *lenp)
{
	char name[UVIX_NAME_MAX + 1];
	char *const end = buf + len;
	char *p = end;
	struct vnode *up;
	int error = 0;

	KASSERT(len > 1);
	*--p = '\0';
	mutex_enter(&vfs_lock);
	vref_locked(vp);
	while (!error && !(is_mount_root(vp) && vp->v_mount->mnt_covered == NULL)) {
		if (is_mount_root(vp))
			strlcpy(name, vp->v_mount->mnt_name, sizeof(name));
		else if ((error = vp->v_op->vop_name(vp, name)) != 0)
			break;
		size_t l = strlen(name);
		if ((size_t)(p - buf) < l + 1) {
			error = ERANGE;
			break;
		}
		p -= l;
		memcpy(p, name, l);
		*--p = '/';
		if ((error = lookup_dotdot(vp, &up)) != 0)
			break;
		vrele_locked(vp);
		vp = up;
	}
	vrele_locked(vp);
	mutex_exit(&vfs_lock);
	if (error)
		return error;
	if (p == end - 1)
		*--p = '/';                     /* the root itself */
	memmove(buf, p, end - p);
	*lenp = end - p;
	return 0;
}
