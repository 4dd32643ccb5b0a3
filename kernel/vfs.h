/*
 * The name space: vnodes, the mount table and path lookup, after BSD's
 * vfs (much reduced). kernel/vfs.c explains the lookup.
 *
 * A vnode is one file of one file system, seen from the file layer: its
 * type, its file system's operations and the file system's own node
 * (v_data). Three file systems are mounted, always the same way:
 *
 *   /      the initrd, read-only (kernel/vfs_initrd.c over kernel/initrd.c)
 *   /tmp   tmpfs: files in memory, each regular file's data an anonymous
 *          UVM object (kernel/tmpfs.c)
 *   /dev   devfs: null, zero, random, console, tty (kernel/devfs.c)
 *
 * A mount covers a name in a directory of another file system (here the
 * names "tmp" and "dev" in the initrd's root): looking that name up gives
 * the mounted root, whatever the directory itself holds, and ".." of a
 * mounted root is the directory it is mounted in.
 *
 * Lock legend: [I] immutable after creation
 *              [N] vfs_lock (a mutex): the name space (every directory's
 *                  entries, link counts, parents) and every v_usecount
 *              the file system's own locks for the rest (tmpfs: a
 *              sleeplock per node for its data, taken before vfs_lock).
 */
#ifndef _KERNEL_VFS_H_
#define _KERNEL_VFS_H_

#include <stdbool.h>
#include <stddef.h>
#include "kernel/abi/fcntl.h"
#include "kernel/abi/limits.h"
#include "kernel/lock.h"

struct file;
struct mount;
struct vnode;

enum vtype { VNON, VREG, VDIR, VCHR, VFIFO, VSOCK };

/*
 * What a file system does. Each returns 0 or an errno. Those that take a
 * name get one component, neither "." nor "..", at most UVIX_NAME_MAX
 * bytes (vfs.c checks). The name-space operations (lookup, parent, name,
 * create, remove, link, rename) run with vfs_lock held and may not sleep;
 * open and getattr run without it.
 */
struct vnodeops {
	/* The entry name of directory dvp, with a reference added: ENOENT. */
	int (*vop_lookup)(struct vnode *dvp, const char *name, struct vnode **vpp);
	/* Directory dvp's parent, with a reference (a root: itself). */
	int (*vop_parent)(struct vnode *dvp, struct vnode **vpp);
	/* The name of directory vp in its parent, into buf[UVIX_NAME_MAX + 1] (getcwd): ENOENT if removed. */
	int (*vop_name)(struct vnode *vp, char *buf);
	/* A new entry: a file, a directory, a fifo or a socket node; referenced. EROFS, EEXIST, ENOSPC. */
	int (*vop_create)(struct vnode *dvp, const char *name, enum vtype type, int mode,
	    struct vnode **vpp);
	/* Removes the entry name: a directory if dir (ENOTDIR, ENOTEMPTY), else not (EISDIR). */
	int (*vop_remove)(struct vnode *dvp, const char *name, bool dir);
	/* A new entry name in dvp for vp (same file system). */
	int (*vop_link)(struct vnode *dvp, const char *name, struct vnode *vp);
	/* Moves fdvp's fname to tdvp's tname (same file system), replacing what is there. */
	int (*vop_rename)(struct vnode *fdvp, const char *fname, struct vnode *tdvp,
	    const char *tname);
	/* A new open file of vp (flags as open's, already checked against the type). */
	int (*vop_open)(struct vnode *vp, int flags, struct file **fpp);
	int (*vop_getattr)(struct vnode *vp, struct uvix_stat *st);
	/* The last reference is gone (NULL: vnodes that live for ever). => vfs_lock held. */
	void (*vop_inactive)(struct vnode *vp);
};

struct vnode {
	enum vtype v_type;                      /* [I] */
	const struct vnodeops *v_op;            /* [I] */
	struct mount *v_mount;                  /* [I] the file system it is in */
	int v_usecount;                         /* [N] references */
	void *v_data;                           /* [I] the file system's node */
};

struct mount {
	const char *mnt_name;                   /* [I] "/", "tmp", "dev" */
	struct vnode *mnt_root;                 /* [I] its root directory */
	struct vnode *mnt_covered;              /* [I] where it is mounted (NULL for /) */
	bool mnt_rdonly;                        /* [I] */
};

extern struct mutex vfs_lock;

/*
 * Sets up the three mounts. => once at boot, after initrd_init and
 * uvm_swap_init (tmpfs sizes its limit by memory and swap).
 */
void vfs_init(void);

/* The root directory, with a reference added (a new process's cwd). */
struct vnode *vfs_root(void);

/* Adds a reference / drops one (the last calls vop_inactive). => vfs_lock not held. */
void vref(struct vnode *vp);
void vrele(struct vnode *vp);
/* The same, with vfs_lock held. */
void vref_locked(struct vnode *vp);
void vrele_locked(struct vnode *vp);

/*
 * Looks up path from directory cwd (or the root, for an absolute path).
 * Repeated slashes, "." and ".." (across mounts too) are handled; a
 * trailing slash requires a directory.
 * => vfs_lock not held. Returns 0 and a referenced *vpp, or ENOENT (no such
 *    file, or an empty path), ENOTDIR, ENAMETOOLONG (a name over
 *    UVIX_NAME_MAX).
 */
int vfs_lookup(struct vnode *cwd, const char *path, struct vnode **vpp);

/*
 * Looks up all of path but its last name, for a call that creates or
 * removes that name: *dvpp (referenced) and the name in
 * name[UVIX_NAME_MAX + 1]. A path whose last name is "." or ".." (or
 * none, "/") gives EINVAL.
 * => vfs_lock not held. Returns 0, or what vfs_lookup returns.
 */
int vfs_lookup_parent(struct vnode *cwd, const char *path, struct vnode **dvpp, char *name);

/*
 * The vnode of the name `name` in directory dvp, looking at mounts
 * first. => vfs_lock held. Returns 0 and a referenced *vpp, or ENOENT,
 * ENOTDIR.
 */
int vfs_lookup_name(struct vnode *dvp, const char *name, struct vnode **vpp);

/*
 * The path's file, opened (open(2) after the descriptor checks): O_CREAT,
 * O_EXCL, O_TRUNC, O_DIRECTORY, the access mode against the type.
 * => returns 0 and *fpp, or an errno (EROFS for writes outside /tmp and
 *    /dev, EISDIR, ENOTDIR, EEXIST, ENOENT, ENXIO for a socket).
 */
int vfs_open(struct vnode *cwd, const char *path, int flags, int mode, struct file **fpp);

/* A new node of type (VREG, VDIR, VFIFO, VSOCK) at path: mkdir, mkfifo, bind. */
int vfs_create(struct vnode *cwd, const char *path, enum vtype type, int mode,
    struct vnode **vpp);
/* unlink (dir false) and rmdir (dir true). */
int vfs_remove(struct vnode *cwd, const char *path, bool dir);
int vfs_link(struct vnode *cwd, const char *existing, const char *newpath);
int vfs_rename(struct vnode *cwd, const char *from, const char *to);
/* access(2): mode is UVIX_F_OK or any of UVIX_R_OK, UVIX_W_OK, UVIX_X_OK. */
int vfs_access(struct vnode *cwd, const char *path, int mode);
/* getcwd's path of directory vp into buf[len]: ERANGE, ENOENT (removed). */
int vfs_path(struct vnode *vp, char *buf, size_t len, size_t *lenp);

/* Seconds since 1970 (UTC, from the RTC), for file times. */
int64_t vfs_now(void);

/* A vnode of the initrd's file f (kernel/vfs_initrd.c). */
struct initrd_file;
const struct initrd_file *vfs_initrd_file(const struct vnode *vp);

#endif
