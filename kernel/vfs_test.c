/*
 * In-kernel tests of the name space (kernel/vfs.c): lookups across the
 * mounts and back, the errors of a walk, the socket node bind will make,
 * and tmpfs's counts back after removal. (tmpfs's data path is tested
 * from user space: user/fstest.c, run by utest.)
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/string.h"
#include "kernel/sysctl.h"
#include "kernel/vfs.h"

static int sysctl_value(const char *name)
{
	const struct sysctl_setting *s = sysctl_lookup(name);

	return s ? *s->var : -1;
}

/* The vnode of path, its reference dropped at once (every vnode here outlives the test). */
static struct vnode *look(const char *path, int *errorp)
{
	struct vnode *vp = NULL;

	*errorp = vfs_lookup(NULL, path, &vp);
	if (*errorp == 0)
		vrele(vp);
	return *errorp ? NULL : vp;
}

KTEST(vfs_lookup_crosses_mounts_and_back)
{
	struct vnode *root, *tmp, *dev, *null;
	int error;

	KT_ASSERT((root = look("/", &error)) != NULL);
	KT_ASSERT((tmp = look("/tmp", &error)) != NULL && tmp->v_type == VDIR);
	KT_ASSERT(tmp != root && tmp->v_mount != root->v_mount);
	KT_ASSERT(look("//tmp/./", &error) == tmp);
	KT_ASSERT(look("/tmp/..", &error) == root);
	KT_ASSERT(look("/tmp/../tmp/../..", &error) == root);
	KT_ASSERT((dev = look("/dev", &error)) != NULL && dev->v_mount != tmp->v_mount);
	KT_ASSERT((null = look("/dev/null", &error)) != NULL && null->v_type == VCHR);
	KT_ASSERT(look("/dev/null/..", &error) == NULL && error == ENOTDIR);
	KT_ASSERT(look("/dev/null/", &error) == NULL && error == ENOTDIR);
	KT_ASSERT(look("/dev/../dev/zero", &error) != NULL);
	KT_ASSERT(look("/tmp/no/such", &error) == NULL && error == ENOENT);
	KT_ASSERT(look("", &error) == NULL && error == ENOENT);
	char longname[UVIX_NAME_MAX + 8];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	KT_ASSERT(look(longname, &error) == NULL && error == ENAMETOOLONG);
	/* getcwd's paths: the mounts' names, and "/" for the root. */
	char buf[64];
	size_t len;
	KT_ASSERT_EQ(vfs_path(tmp, buf, sizeof(buf), &len), 0);
	KT_ASSERT(strcmp(buf, "/tmp") == 0 && len == 5);
	KT_ASSERT_EQ(vfs_path(root, buf, sizeof(buf), &len), 0);
	KT_ASSERT(strcmp(buf, "/") == 0 && len == 2);
	KT_ASSERT_EQ(vfs_path(tmp, buf, 4, &len), ERANGE);
	/* Mount points cannot go; the initrd cannot change. */
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp", true), EBUSY);
	KT_ASSERT_EQ(vfs_rename(NULL, "/dev", "/tmp/d"), EBUSY);
	KT_ASSERT_EQ(vfs_create(NULL, "/etc/x", VDIR, 0755, NULL), EROFS);
	KT_ASSERT_EQ(vfs_create(NULL, "/dev/x", VDIR, 0755, NULL), EROFS);
	KT_ASSERT_EQ(vfs_create(NULL, "/tmp/..", VDIR, 0755, NULL), EINVAL);
}

/* A socket node: made in /tmp (as bind will), listed as one, never opened. */
KTEST(vfs_socket_node)
{
	int nodes = sysctl_value("tmpfs.nodes");
	struct vnode *vp;
	struct file *fp;
	struct uvix_stat st;

	KT_ASSERT(nodes >= 1);
	KT_ASSERT_EQ(vfs_create(NULL, "/tmp/ktest.sock", VSOCK, 0700, &vp), 0);
	KT_ASSERT(vp->v_type == VSOCK);
	KT_ASSERT_EQ(vp->v_op->vop_getattr(vp, &st), 0);
	KT_ASSERT_EQ(st.st_mode, S_IFSOCK | 0700);
	KT_ASSERT_EQ(st.st_nlink, 1);
	vrele(vp);
	KT_ASSERT_EQ(sysctl_value("tmpfs.nodes"), nodes + 1);
	KT_ASSERT_EQ(vfs_create(NULL, "/tmp/ktest.sock", VSOCK, 0700, NULL), EEXIST);
	KT_ASSERT_EQ(vfs_open(NULL, "/tmp/ktest.sock", O_RDONLY, 0, &fp), ENXIO);
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp/ktest.sock", true), ENOTDIR);
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp/ktest.sock", false), 0);
	KT_ASSERT_EQ(sysctl_value("tmpfs.nodes"), nodes);
	KT_ASSERT_EQ(vfs_lookup(NULL, "/tmp/ktest.sock", &vp), ENOENT);
}

/* A directory removed while referenced (a cwd): empty, no new names, freed by the last vrele. */
KTEST(vfs_removed_directory_lives_until_released)
{
	int nodes = sysctl_value("tmpfs.nodes");
	struct vnode *d, *vp;
	char buf[64];
	size_t len;

	KT_ASSERT_EQ(vfs_create(NULL, "/tmp/ktest.d", VDIR, 0755, &d), 0);
	KT_ASSERT_EQ(vfs_create(NULL, "/tmp/ktest.d/f", VREG, 0644, NULL), 0);
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp/ktest.d", true), ENOTEMPTY);
	KT_ASSERT_EQ(vfs_lookup(d, "f/..", &vp), ENOTDIR);
	KT_ASSERT_EQ(vfs_lookup(d, "../ktest.d/./f", &vp), 0);
	vrele(vp);
	KT_ASSERT_EQ(vfs_path(d, buf, sizeof(buf), &len), 0);
	KT_ASSERT(strcmp(buf, "/tmp/ktest.d") == 0);
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp/ktest.d/f", false), 0);
	KT_ASSERT_EQ(vfs_remove(NULL, "/tmp/ktest.d", true), 0);
	KT_ASSERT_EQ(sysctl_value("tmpfs.nodes"), nodes + 1);          /* d: still referenced */
	KT_ASSERT_EQ(vfs_create(d, "g", VREG, 0644, NULL), ENOENT);
	KT_ASSERT_EQ(vfs_lookup(d, "..", &vp), ENOENT);
	KT_ASSERT_EQ(vfs_path(d, buf, sizeof(buf), &len), ENOENT);
	vrele(d);
	KT_ASSERT_EQ(sysctl_value("tmpfs.nodes"), nodes);
}
