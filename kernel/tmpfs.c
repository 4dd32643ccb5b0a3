/*
 * tmpfs, after NetBSD's sys/fs/tmpfs: a file system in memory, mounted on
 * /tmp. Each regular file's data is an anonymous UVM object (aobj,
 * vm/uvm_aobj.c), so a file's pages are ordinary object pages: read and
 * write copy to and from them, mmap maps the same pages (MAP_SHARED is
 * coherent with read and write for free), the pagedaemon pages them out
 * to swap, and loans lend them.
 *
 * A node is a file, a directory, a named pipe or a socket node (for
 * bind). A directory holds a list of entries (name, node); a node lives
 * while it has a name (tn_nlink > 0) or a reference (an open file, a
 * cwd, a lookup in progress). A regular file's aobj lives as long as its
 * node, or longer while a mapping still holds it: unlink while mapped
 * leaves the data to the mapping, which the last munmap frees.
 *
 * Invariants:
 *  - a regular file's aobj is round_page(tn_size) bytes long, and every
 *    byte past tn_size in its last page is zero (truncate and growth
 *    zero them), so holes and regrown tails read as zeros;
 *  - tmpfs_pages (the pages charged) is the sum over regular files of
 *    atop(round_page(tn_size)), whether resident, on swap or holes:
 *    the limit (sysctl tmpfs.maxpages) is on sizes, not on memory;
 *  - a directory's tn_nlink is 2 + its subdirectories; the root's parent
 *    is itself.
 *
 * Example: echo hi > /tmp/a creates node a (nlink 1) in the root's list
 * and opens it; the write of 3 bytes makes the aobj one page long
 * (tmpfs_pages 1) and copies "hi\n" into its page 0; cat /tmp/a reads
 * them back from that page. rm /tmp/a removes the entry: nlink 0 and no
 * reference, so the node, the aobj and its page are freed.
 *
 * Reads and writes copy straight between the user's buffer and the
 * object's page, which is wired for the copy (the object unlocked: the
 * copy may fault, and that fault may be on a mapping of this very file);
 * wiring keeps the pagedaemon and new loans off it meanwhile, and the
 * node's sleeplock keeps truncation off. A write to a page that is on
 * loan breaks the loan first (uvm_loanbreak): the borrowers keep the old
 * page.
 *
 * Locks: [N] vfs_lock (names, link counts, parents, references);
 * [n] the node's sleeplock tn_lock (size, data, times), held across the
 * copies; [t] tmpfs_acct_lock (a spinlock) for the counters.
 * Order: the file's f_lock => tn_lock => vfs_lock => the aobj's lock.
 */
#include "kernel/tmpfs.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/panic.h"
#include "kernel/queue.h"
#include "kernel/string.h"
#include "kernel/sysctl.h"
#include "vm/kmem.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvmexp.h"
#include "pmap/pmap.h"

struct tmpfs_dirent {
	TAILQ_ENTRY(tmpfs_dirent) td_entries;   /* [N] */
	struct tmpfs_node *td_node;             /* [N] */
	size_t td_namelen;                      /* [I] */
	char td_name[];                         /* [I] NUL-terminated */
};

struct tmpfs_node {
	struct vnode tn_vnode;                  /* first: v_data points back here */
	uint32_t tn_ino;                        /* [I] */
	uint32_t tn_mode;                       /* [I] S_IF* | permission bits */
	int tn_nlink;                           /* [N] names (directories: 2 + subdirectories) */
	struct tmpfs_node *tn_parent;           /* [N] a directory's parent */
	TAILQ_HEAD(, tmpfs_dirent) tn_dir;      /* [N] a directory's entries */
	struct sleeplock tn_lock;
	uvix_off_t tn_size;                     /* [n] a regular file's bytes */
	struct uvm_object *tn_aobj;             /* [I] a regular file's data */
	struct pipe *tn_fifo;                   /* [I] a named pipe's pipe */
	int64_t tn_atime, tn_mtime, tn_ctime;   /* [n] ([N] for directories) */
};

static const struct vnodeops tmpfs_vnodeops;
static const struct fileops tmpfs_fileops;
static struct tmpfs_node *tmpfs_root;
struct mount tmpfs_mount = { "tmp", NULL, NULL, false };

static struct spinlock tmpfs_acct_lock = SPINLOCK_INITIALIZER("tmpfs");
static int tmpfs_pages;                 /* [t] pages charged to files */
static int tmpfs_nodes;                 /* [t] nodes, the root included */
static uint32_t tmpfs_lastino;          /* [N] */
static int tmpfs_maxpages;              /* half of memory and swap: tmpfs_init */
static int tmpfs_maxnodes = 4096;

SYSCTL_INT(tmpfs_maxpages, "tmpfs.maxpages", &tmpfs_maxpages, 0, 0x7fffffff, 0,
    "pages the files of /tmp may take (sizes, holes included): ENOSPC past it");
SYSCTL_INT(tmpfs_maxnodes, "tmpfs.maxnodes", &tmpfs_maxnodes, 1, 1 << 20, 0,
    "files, directories and other nodes /tmp may hold: ENOSPC past it");
SYSCTL_INT(tmpfs_pagesused, "tmpfs.pages", &tmpfs_pages, 0, 0x7fffffff, SYSCTL_RDONLY,
    "pages charged to the files of /tmp now");
SYSCTL_INT(tmpfs_nodesused, "tmpfs.nodes", &tmpfs_nodes, 0, 0x7fffffff, SYSCTL_RDONLY,
    "nodes of /tmp now, its root included");

static struct tmpfs_node *VTON(struct vnode *vp)
{
	return vp->v_data;
}

/* Charges (npages > 0) or gives back pages; ENOSPC past the limit. */
static int tmpfs_charge(long npages)
{
	int error = 0;

	spinlock_enter(&tmpfs_acct_lock);
	if (npages > 0 && tmpfs_pages + npages > tmpfs_maxpages)
		error = ENOSPC;
	else
		tmpfs_pages += npages;
	KASSERT(tmpfs_pages >= 0);
	spinlock_exit(&tmpfs_acct_lock);
	return error;
}

static enum vtype mode_vtype(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return VDIR;
	case S_IFREG: return VREG;
	case S_IFIFO: return VFIFO;
	case S_IFSOCK: return VSOCK;
	}
	return VNON;
}

/*
 * A new node of mode's type, with no name and no reference yet.
 * => vfs_lock held (the inode numbers). Returns 0, ENOSPC or ENOMEM.
 */
static int tmpfs_node_alloc(uint32_t mode, struct tmpfs_node **tnp)
{
	struct tmpfs_node *tn;
	int error = 0;

	KASSERT(mutex_owned(&vfs_lock));
	spinlock_enter(&tmpfs_acct_lock);
	if (tmpfs_nodes >= tmpfs_maxnodes)
		error = ENOSPC;
	else
		tmpfs_nodes++;
	spinlock_exit(&tmpfs_acct_lock);
	if (error)
		return error;
	if ((tn = kmem_zalloc(sizeof(*tn), KM_NOSLEEP)) == NULL)
		goto nomem;
	if ((mode & S_IFMT) == S_IFREG) {
		/* Made one page long, then emptied: aobjs start with pages. */
		if ((tn->tn_aobj = uao_create(PAGE_SIZE, 0)) == NULL)
			goto nomem_tn;
		if (uao_resize(tn->tn_aobj, 0) != 0)
			panic("tmpfs_node_alloc: shrinking a new aobj failed");
	}
	if ((mode & S_IFMT) == S_IFIFO && (tn->tn_fifo = fifo_alloc()) == NULL)
		goto nomem_tn;
	tn->tn_vnode = (struct vnode){ mode_vtype(mode), &tmpfs_vnodeops, &tmpfs_mount, 0, tn };
	tn->tn_ino = ++tmpfs_lastino;
	tn->tn_mode = mode;
	TAILQ_INIT(&tn->tn_dir);
	sleeplock_init(&tn->tn_lock, "tmpfsnode");
	tn->tn_atime = tn->tn_mtime = tn->tn_ctime = vfs_now();
	*tnp = tn;
	return 0;
nomem_tn:
	kmem_free(tn, sizeof(*tn));
nomem:
	spinlock_enter(&tmpfs_acct_lock);
	tmpfs_nodes--;
	spinlock_exit(&tmpfs_acct_lock);
	return ENOMEM;
}

/* Frees a node with no name and no reference, and its data. => vfs_lock held. */
static void tmpfs_node_free(struct tmpfs_node *tn)
{
	KASSERT(mutex_owned(&vfs_lock));
	KASSERT(tn->tn_nlink == 0 && tn->tn_vnode.v_usecount == 0 && TAILQ_EMPTY(&tn->tn_dir));
	if (tn->tn_aobj) {
		tmpfs_charge(-(long)atop(round_page(tn->tn_size)));
		/* A mapping may hold the object still; the last detach frees it. */
		uvm_obj_detach(tn->tn_aobj);
	}
	if (tn->tn_fifo)
		fifo_free(tn->tn_fifo);
	sleeplock_destroy(&tn->tn_lock);
	kmem_free(tn, sizeof(*tn));
	spinlock_enter(&tmpfs_acct_lock);
	tmpfs_nodes--;
	spinlock_exit(&tmpfs_acct_lock);
}

void tmpfs_init(void)
{
	long pages = (long)(uvmexp.npages + uvmexp.swpages) / 2;

	tmpfs_maxpages = pages > 0x7fffffff ? 0x7fffffff : (int)pages;
	mutex_enter(&vfs_lock);
	if (tmpfs_node_alloc(S_IFDIR | 01777, &tmpfs_root) != 0)
		panic("tmpfs_init: no memory for the root");
	mutex_exit(&vfs_lock);
	tmpfs_root->tn_nlink = 2;
	tmpfs_root->tn_parent = tmpfs_root;
	tmpfs_root->tn_vnode.v_usecount = 1;    /* the mount's, for ever */
	tmpfs_mount.mnt_root = &tmpfs_root->tn_vnode;
}

/* ---- the name space (vfs_lock held) ---- */

static struct tmpfs_dirent *dir_find(struct tmpfs_node *dir, const char *name)
{
	struct tmpfs_dirent *de;
	size_t len = strlen(name);

	TAILQ_FOREACH(de, &dir->tn_dir, td_entries)
		if (de->td_namelen == len && memcmp(de->td_name, name, len) == 0)
			return de;
	return NULL;
}

static int dir_add(struct tmpfs_node *dir, const char *name, struct tmpfs_node *tn)
{
	size_t len = strlen(name);
	struct tmpfs_dirent *de = kmem_alloc(sizeof(*de) + len + 1, KM_NOSLEEP);

	if (de == NULL)
		return ENOMEM;
	de->td_node = tn;
	de->td_namelen = len;
	memcpy(de->td_name, name, len + 1);
	TAILQ_INSERT_TAIL(&dir->tn_dir, de, td_entries);
	tn->tn_nlink++;
	if (tn->tn_vnode.v_type == VDIR) {
		tn->tn_parent = dir;
		dir->tn_nlink++;                /* its ".." */
	}
	dir->tn_mtime = dir->tn_ctime = tn->tn_ctime = vfs_now();
	return 0;
}

/* Takes de out of dir; frees the node if that was its last name and reference. */
static void dir_remove(struct tmpfs_node *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_node *tn = de->td_node;

	TAILQ_REMOVE(&dir->tn_dir, de, td_entries);
	kmem_free(de, sizeof(*de) + de->td_namelen + 1);
	if (tn->tn_vnode.v_type == VDIR) {
		dir->tn_nlink--;
		tn->tn_nlink = 0;               /* its "." goes too */
	} else {
		tn->tn_nlink--;
	}
	dir->tn_mtime = dir->tn_ctime = tn->tn_ctime = vfs_now();
	if (tn->tn_nlink == 0 && tn->tn_vnode.v_usecount == 0)
		tmpfs_node_free(tn);
}

static int tmpfs_lookup(struct vnode *dvp, const char *name, struct vnode **vpp)
{
	struct tmpfs_node *dir = VTON(dvp);
	struct tmpfs_dirent *de;

	KASSERT(mutex_owned(&vfs_lock));
	if (dir->tn_nlink == 0 || (de = dir_find(dir, name)) == NULL)
		return ENOENT;
	de->td_node->tn_vnode.v_usecount++;
	*vpp = &de->td_node->tn_vnode;
	return 0;
}

static int tmpfs_parent(struct vnode *dvp, struct vnode **vpp)
{
	struct tmpfs_node *dir = VTON(dvp);

	if (dir->tn_nlink == 0)
		return ENOENT;                  /* removed: ".." is gone with it */
	dir->tn_parent->tn_vnode.v_usecount++;
	*vpp = &dir->tn_parent->tn_vnode;
	return 0;
}

static int tmpfs_name(struct vnode *vp, char *buf)
{
	struct tmpfs_node *tn = VTON(vp);
	struct tmpfs_dirent *de;

	if (tn->tn_nlink == 0)
		return ENOENT;
	TAILQ_FOREACH(de, &tn->tn_parent->tn_dir, td_entries)
		if (de->td_node == tn) {
			memcpy(buf, de->td_name, de->td_namelen + 1);
			return 0;
		}
	panic("tmpfs_name: directory %p is not in its parent %p", tn, tn->tn_parent);
}

static int tmpfs_create(struct vnode *dvp, const char *name, enum vtype type, int mode,
    struct vnode **vpp)
{
	static const uint32_t ifmt[] = { [VREG] = S_IFREG, [VDIR] = S_IFDIR,
	    [VFIFO] = S_IFIFO, [VSOCK] = S_IFSOCK };
	struct tmpfs_node *dir = VTON(dvp), *tn;
	int error;

	KASSERT(mutex_owned(&vfs_lock));
	KASSERT(type == VREG || type == VDIR || type == VFIFO || type == VSOCK);
	if (dir->tn_nlink == 0)
		return ENOENT;                  /* a removed directory takes no new names */
	if ((error = tmpfs_node_alloc(ifmt[type] | (mode & 07777), &tn)) != 0)
		return error;
	if ((error = dir_add(dir, name, tn)) != 0) {
		tmpfs_node_free(tn);
		return error;
	}
	if (type == VDIR)
		tn->tn_nlink++;                 /* its "." */
	tn->tn_vnode.v_usecount = 1;
	*vpp = &tn->tn_vnode;
	return 0;
}

static int tmpfs_remove(struct vnode *dvp, const char *name, bool dir)
{
	struct tmpfs_node *d = VTON(dvp);
	struct tmpfs_dirent *de = dir_find(d, name);

	if (de == NULL)
		return ENOENT;
	struct tmpfs_node *tn = de->td_node;
	if (dir && tn->tn_vnode.v_type != VDIR)
		return ENOTDIR;
	if (!dir && tn->tn_vnode.v_type == VDIR)
		return EISDIR;
	if (dir && !TAILQ_EMPTY(&tn->tn_dir))
		return ENOTEMPTY;
	dir_remove(d, de);
	return 0;
}

static int tmpfs_link(struct vnode *dvp, const char *name, struct vnode *vp)
{
	KASSERT(vp->v_type != VDIR);
	if (VTON(dvp)->tn_nlink == 0)
		return ENOENT;
	return dir_add(VTON(dvp), name, VTON(vp));
}

/* Is directory tn dir or below it? => vfs_lock held. */
static bool is_below(struct tmpfs_node *tn, struct tmpfs_node *dir)
{
	for (;; tn = tn->tn_parent) {
		if (tn == dir)
			return true;
		if (tn == tmpfs_root || tn->tn_nlink == 0)
			return false;
	}
}

/*
 * rename: the source entry moves to tdvp's tname; an existing target is
 * replaced in the same hold of vfs_lock, so no lookup sees neither.
 */
static int tmpfs_rename(struct vnode *fdvp, const char *fname, struct vnode *tdvp,
    const char *tname)
{
	struct tmpfs_node *fdir = VTON(fdvp), *tdir = VTON(tdvp);
	struct tmpfs_dirent *fde = dir_find(fdir, fname), *tde = dir_find(tdir, tname);
	int error;

	if (fde == NULL)
		return ENOENT;
	if (tdir->tn_nlink == 0)
		return ENOENT;
	struct tmpfs_node *tn = fde->td_node;
	bool isdir = tn->tn_vnode.v_type == VDIR;
	if (tde && tde->td_node == tn)
		return 0;                       /* two names of one file: nothing to do */
	if (isdir && is_below(tdir, tn))
		return EINVAL;                  /* into itself */
	if (tde) {
		struct tmpfs_node *old = tde->td_node;
		if (isdir && old->tn_vnode.v_type != VDIR)
			return ENOTDIR;
		if (!isdir && old->tn_vnode.v_type == VDIR)
			return EISDIR;
		if (old->tn_vnode.v_type == VDIR && !TAILQ_EMPTY(&old->tn_dir))
			return ENOTEMPTY;
	}
	/* The new name first (it may need memory), then the old one goes. */
	tn->tn_vnode.v_usecount++;              /* keeps it while it has no name */
	if ((error = dir_add(tdir, tname, tn)) == 0) {
		if (tde)
			dir_remove(tdir, tde);
		/* Taken out by hand: dir_remove would see a directory lose its "." */
		TAILQ_REMOVE(&fdir->tn_dir, fde, td_entries);
		kmem_free(fde, sizeof(*fde) + fde->td_namelen + 1);
		tn->tn_nlink--;
		if (isdir)
			fdir->tn_nlink--;
		fdir->tn_mtime = fdir->tn_ctime = vfs_now();
	}
	vrele_locked(&tn->tn_vnode);
	return error;
}

static void tmpfs_inactive(struct vnode *vp)
{
	struct tmpfs_node *tn = VTON(vp);

	if (tn->tn_nlink == 0 && tn != tmpfs_root)
		tmpfs_node_free(tn);
}

/* => no lock held (takes tn_lock: the size and times). Returns 0 or EINTR. */
static int tmpfs_getattr(struct vnode *vp, struct uvix_stat *st)
{
	struct tmpfs_node *tn = VTON(vp);
	int error = sleeplock_enter_sig(&tn->tn_lock);

	if (error)
		return error;
	memset(st, 0, sizeof(*st));
	st->st_dev = UVIX_DEV_TMPFS;
	st->st_ino = tn->tn_ino;
	st->st_mode = tn->tn_mode;
	st->st_nlink = tn->tn_nlink;
	st->st_size = vp->v_type == VREG ? tn->tn_size : 0;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (int64_t)round_page(st->st_size) / 512;
	st->st_atime = tn->tn_atime;
	st->st_mtime = tn->tn_mtime;
	st->st_ctime = tn->tn_ctime;
	sleeplock_exit(&tn->tn_lock);
	return 0;
}

/* ---- data: pages of the aobj ---- */

/*
 * The page of tn's aobj at off (page aligned), resident and wired (for a
 * write: not lent), waiting for memory if need be. The caller unwires
 * it with tmpfs_page_put.
 * => tn_lock held, off inside the object. Returns 0, EINTR or EIO.
 */
static int tmpfs_page_get(struct tmpfs_node *tn, voff_t off, bool write, struct vm_page **pgp)
{
	struct uvm_object *uobj = tn->tn_aobj;
	struct vm_page *pg;
	int error;

	for (;;) {
		mutex_enter(&uobj->vmobjlock);
		error = uobj->pgops->pgo_get(uobj, off, &pg);
		if (!error && write && pg->loan_count > 0 && (pg = uvm_loanbreak(pg)) == NULL)
			error = ENOMEM;
		if (!error) {
			uvm_pagewire(pg);
			mutex_exit(&uobj->vmobjlock);
			*pgp = pg;
			return 0;
		}
		mutex_exit(&uobj->vmobjlock);
		KASSERTMSG(error != EFAULT, "tmpfs_page_get: offset %#llx past the object",
		    (long long)off);
		if (error != ENOMEM || (error = uvm_wait("tmpfs", true)) != 0)
			return error;
	}
}

static void tmpfs_page_put(struct tmpfs_node *tn, struct vm_page *pg)
{
	mutex_enter(&tn->tn_aobj->vmobjlock);
	uvm_pageunwire(pg);
	mutex_exit(&tn->tn_aobj->vmobjlock);
}

/* Zeroes [off, off + len) inside one page of the file. => tn_lock held. */
static int tmpfs_zero(struct tmpfs_node *tn, uvix_off_t off, size_t len)
{
	struct vm_page *pg;
	int error;

	if (len == 0)
		return 0;
	KASSERT(off / PAGE_SIZE == (off + (uvix_off_t)len - 1) / PAGE_SIZE);
	if ((error = tmpfs_page_get(tn, trunc_page(off), true, &pg)) != 0)
		return error;
	memset((char *)PMAP_DIRECT_MAP(pg->phys_addr) + (off & PAGE_MASK), 0, len);
	tmpfs_page_put(tn, pg);
	return 0;
}

/*
 * Makes the file newsize bytes long: charges or gives back the pages,
 * resizes the aobj (shrinking takes the pages past the end out of every
 * mapping), and zeroes the bytes past the end of the file in its last
 * page. => tn_lock held. Returns 0, ENOSPC, ENOMEM or EINTR.
 */
static int tmpfs_setsize(struct tmpfs_node *tn, uvix_off_t newsize)
{
	uvix_off_t oldsize = tn->tn_size;
	long oldpages = (long)atop(round_page(oldsize)), newpages;
	int error;

	if (newsize < 0 || (uint64_t)newsize > (uint64_t)INT64_MAX - PAGE_SIZE ||
	    (uint64_t)atop(round_page(newsize)) > 0x7fffffff)
		return ENOSPC;
	newpages = (long)atop(round_page(newsize));
	if (newpages > oldpages && (error = tmpfs_charge(newpages - oldpages)) != 0)
		return error;
	if (newsize < oldsize && (newsize & PAGE_MASK))
		error = tmpfs_zero(tn, newsize, PAGE_SIZE - (newsize & PAGE_MASK));
	else if (newsize > oldsize && (oldsize & PAGE_MASK))
		error = tmpfs_zero(tn, oldsize, (newsize < (uvix_off_t)round_page(oldsize) ?
		    newsize : (uvix_off_t)round_page(oldsize)) - oldsize);
	if (!error)
		error = uao_resize(tn->tn_aobj, (vsize_t)newsize);
	if (error) {
		if (newpages > oldpages)
			tmpfs_charge(oldpages - newpages);
		return error;
	}
	if (newpages < oldpages)
		tmpfs_charge(newpages - oldpages);
	tn->tn_size = newsize;
	tn->tn_mtime = tn->tn_ctime = vfs_now();
	return 0;
}

/* Copies len bytes at off between the file and ubuf. => tn_lock held, inside the file. */
static int tmpfs_copy(struct tmpfs_node *tn, uvix_off_t off, void *ubuf, size_t len,
    bool write, size_t *done)
{
	int error = 0;

	*done = 0;
	while (*done < len) {
		size_t po = (size_t)((off + *done) & PAGE_MASK);
		size_t n = len - *done < PAGE_SIZE - po ? len - *done : PAGE_SIZE - po;
		struct vm_page *pg;
		if ((error = tmpfs_page_get(tn, trunc_page(off + *done), write, &pg)) != 0)
			break;
		char *kva = (char *)PMAP_DIRECT_MAP(pg->phys_addr) + po;
		char *u = (char *)ubuf + *done;
		error = write ? copyin(u, kva, n) : copyout(kva, u, n);
		tmpfs_page_put(tn, pg);
		if (error)
			break;
		*done += n;
	}
	return error;
}

static struct tmpfs_node *fp_node(struct file *fp)
{
	return VTON(fp->f_data);
}

static int tmpfs_read(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	struct tmpfs_node *tn = fp_node(fp);
	int error;

	*done = 0;
	if (tn->tn_vnode.v_type == VDIR)
		return EISDIR;
	if ((error = sleeplock_enter_sig(&fp->f_lock)) != 0)
		return error;
	if ((error = sleeplock_enter_sig(&tn->tn_lock)) != 0) {
		sleeplock_exit(&fp->f_lock);
		return error;
	}
	uvix_off_t off = fp->f_offset;
	size_t n = off >= tn->tn_size ? 0 :
	    (uint64_t)(tn->tn_size - off) < len ? (size_t)(tn->tn_size - off) : len;
	error = tmpfs_copy(tn, off, ubuf, n, false, done);
	fp->f_offset += *done;
	tn->tn_atime = vfs_now();
	sleeplock_exit(&tn->tn_lock);
	sleeplock_exit(&fp->f_lock);
	/* Some bytes moved: that is the result; the fault ends the next read. */
	return *done ? 0 : error;
}

static int tmpfs_write(struct file *fp, const void *ubuf, size_t len, size_t *done)
{
	struct tmpfs_node *tn = fp_node(fp);
	int error;

	*done = 0;
	if ((error = sleeplock_enter_sig(&fp->f_lock)) != 0)
		return error;
	if ((error = sleeplock_enter_sig(&tn->tn_lock)) != 0) {
		sleeplock_exit(&fp->f_lock);
		return error;
	}
	uvix_off_t off = (fp->f_flags & O_APPEND) ? tn->tn_size : fp->f_offset;
	uvix_off_t oldsize = tn->tn_size;
	/* len is inside the user's space (write checked): no wrap here. */
	if (off > INT64_MAX - PAGE_SIZE - (uvix_off_t)len)
		error = ENOSPC;         /* a file that long could never be charged */
	else if (off + (uvix_off_t)len > tn->tn_size)
		error = tmpfs_setsize(tn, off + (uvix_off_t)len);
	if (!error) {
		error = tmpfs_copy(tn, off, (void *)ubuf, len, true, done);
		/* A copy that faulted part-way: the file ends where the bytes do (or where it did). */
		uvix_off_t end = off + (uvix_off_t)*done;
		if (*done < len && tn->tn_size > oldsize)
			(void)tmpfs_setsize(tn, end > oldsize ? end : oldsize);
		fp->f_offset = off + (uvix_off_t)*done;
		tn->tn_mtime = tn->tn_ctime = vfs_now();
	}
	sleeplock_exit(&tn->tn_lock);
	sleeplock_exit(&fp->f_lock);
	return *done ? 0 : error;
}

static int tmpfs_stat(struct file *fp, struct uvix_stat *st)
{
	return tmpfs_getattr(fp->f_data, st);
}

static int tmpfs_seek(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff)
{
	struct tmpfs_node *tn = fp_node(fp);
	int error = sleeplock_enter_sig(&fp->f_lock);

	if (error)
		return error;
	uvix_off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? fp->f_offset : tn->tn_size;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		error = EINVAL;
	else if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		error = EINVAL;
	else
		*newoff = fp->f_offset = base + off;
	sleeplock_exit(&fp->f_lock);
	return error;
}

/*
 * getdents: f_offset counts entries (0 ".", 1 "..", then the list). Each
 * record is made under vfs_lock and copied out after it is let go.
 */
static int tmpfs_getdents(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	struct tmpfs_node *dir = fp_node(fp);
	char rec[sizeof(struct uvix_dirent) + UVIX_NAME_MAX + 8];
	size_t used = 0;
	int error;

	*done = 0;
	if (dir->tn_vnode.v_type != VDIR)
		return ENOTDIR;
	if ((error = sleeplock_enter_sig(&fp->f_lock)) != 0)
		return error;
	for (;;) {
		struct uvix_dirent *d = (struct uvix_dirent *)rec;
		size_t nlen, reclen;
		mutex_enter(&vfs_lock);
		uvix_off_t i = fp->f_offset;
		struct tmpfs_node *tn = NULL;
		const char *name = NULL;
		if (dir->tn_nlink == 0)
			;                       /* removed: empty, not even "." */
		else if (i == 0)
			tn = dir, name = ".";
		else if (i == 1)
			tn = dir->tn_parent, name = "..";
		else {
			struct tmpfs_dirent *de;
			TAILQ_FOREACH(de, &dir->tn_dir, td_entries)
				if (--i == 1)
					break;
			if (de)
				tn = de->td_node, name = de->td_name;
		}
		if (tn) {
			nlen = strlen(name);
			reclen = (offsetof(struct uvix_dirent, d_name) + nlen + 1 + 7) & ~(size_t)7;
			memset(rec, 0, reclen);
			d->d_ino = tn->tn_ino;
			d->d_reclen = reclen;
			static const uint8_t dt[] = { [VREG] = DT_REG, [VDIR] = DT_DIR,
			    [VFIFO] = DT_FIFO, [VSOCK] = DT_SOCK, [VCHR] = DT_CHR };
			d->d_type = dt[tn->tn_vnode.v_type];
			memcpy(d->d_name, name, nlen);
		}
		mutex_exit(&vfs_lock);
		if (tn == NULL)
			break;
		if (used + reclen > len) {
			if (used == 0)
				error = EINVAL;         /* the buffer cannot hold one record */
			break;
		}
		if ((error = copyout(rec, (char *)ubuf + used, reclen)) != 0)
			break;
		used += reclen;
		fp->f_offset++;
	}
	sleeplock_exit(&fp->f_lock);
	*done = used;
	return used ? 0 : error;
}

static int tmpfs_truncate(struct file *fp, uvix_off_t len)
{
	struct tmpfs_node *tn = fp_node(fp);
	int error;

	if (tn->tn_vnode.v_type != VREG)
		return EINVAL;
	if ((error = sleeplock_enter_sig(&tn->tn_lock)) != 0)
		return error;
	error = tmpfs_setsize(tn, len);
	sleeplock_exit(&tn->tn_lock);
	return error;
}

static void tmpfs_close(struct file *fp)
{
	vrele(fp->f_data);
}

static const struct fileops tmpfs_fileops = {
	.fo_read = tmpfs_read, .fo_write = tmpfs_write, .fo_stat = tmpfs_stat,
	.fo_seek = tmpfs_seek, .fo_getdents = tmpfs_getdents, .fo_truncate = tmpfs_truncate,
	.fo_close = tmpfs_close,
};

static int tmpfs_open(struct vnode *vp, int flags, struct file **fpp)
{
	struct tmpfs_node *tn = VTON(vp);
	int error;

	if (vp->v_type == VFIFO)
		return fifo_open(tn->tn_fifo, flags, fpp);
	if ((flags & O_TRUNC) && vp->v_type == VREG && (flags & O_ACCMODE) != O_RDONLY) {
		if ((error = sleeplock_enter_sig(&tn->tn_lock)) != 0)
			return error;
		error = tmpfs_setsize(tn, 0);
		sleeplock_exit(&tn->tn_lock);
		if (error)
			return error;
	}
	if ((*fpp = file_alloc(&tmpfs_fileops, flags & (O_ACCMODE | O_APPEND), vp)) == NULL)
		return ENOMEM;
	vref(vp);
	return 0;
}

int tmpfs_mmap_object(struct file *fp, struct uvm_object **objp)
{
	if (fp->f_ops != &tmpfs_fileops)
		return ENODEV;
	struct tmpfs_node *tn = fp_node(fp);
	if (tn->tn_vnode.v_type != VREG)
		return ENODEV;
	uvm_obj_reference(tn->tn_aobj);
	*objp = tn->tn_aobj;
	return 0;
}

static const struct vnodeops tmpfs_vnodeops = {
	.vop_lookup = tmpfs_lookup, .vop_parent = tmpfs_parent, .vop_name = tmpfs_name,
	.vop_create = tmpfs_create, .vop_remove = tmpfs_remove, .vop_link = tmpfs_link,
	.vop_rename = tmpfs_rename, .vop_open = tmpfs_open, .vop_getattr = tmpfs_getattr,
	.vop_inactive = tmpfs_inactive,
};
