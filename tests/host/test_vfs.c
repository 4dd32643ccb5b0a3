/*
 * Host tests of the name space (kernel/vfs.c, kernel/vfs_initrd.c) under
 * ASan and UBSan: the test tree of tests/initrd/ mounted as the initrd,
 * and two small fake file systems in place of tmpfs and devfs (a root
 * with one file, "x"), mounted on "tmp" and "dev" as the kernel mounts
 * them. Random paths (absolute or from a random directory; ".", "..",
 * repeated and trailing slashes, names that are not there, names through
 * a file) are looked up by vfs_lookup and by a model written here
 * independently, and the two must agree on the error and the file; every
 * directory found must give back its path with vfs_path, and every
 * reference must be dropped in the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hosttest.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/vfs.h"
#include "vm/kmem.h"

#define FIXTURE         "build/initrd-fixture.tar"
#define ROUNDS          20000

/* ---- what vfs.c and vfs_initrd.c need from the rest of the kernel ---- */

uint64_t clock_realtime_ns(void) { return 0; }

/* The kernel's strlcpy (kernel/string.c; glibc 2.36 has none). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}
int file_initrd_open(const struct initrd_file *f, int flags, struct file **fpp) { return ENOSYS; }
void initrd_file_stat(const struct initrd_file *f, struct uvix_stat *st) { memset(st, 0, sizeof(*st)); }

/* The fake file systems: a root directory holding one regular file, "x". */
struct fake { struct vnode root, x; };
static struct fake fake_tmp, fake_dev;
struct mount tmpfs_mount = { "tmp", &fake_tmp.root, NULL, false };
struct mount devfs_mount = { "dev", &fake_dev.root, NULL, false };

static int fake_lookup(struct vnode *dvp, const char *name, struct vnode **vpp)
{
	struct fake *fk = dvp->v_data;

	if (strcmp(name, "x") != 0)
		return ENOENT;
	vref_locked(&fk->x);
	*vpp = &fk->x;
	return 0;
}
static int fake_parent(struct vnode *dvp, struct vnode **vpp) { CHECK(0); return EIO; }
static int fake_name(struct vnode *vp, char *buf) { CHECK(0); return EIO; }
static const struct vnodeops fake_ops = { .vop_lookup = fake_lookup, .vop_parent = fake_parent,
	.vop_name = fake_name };

static void fake_init(struct fake *fk, struct mount *m)
{
	fk->root = (struct vnode){ VDIR, &fake_ops, m, 1, fk };
	fk->x = (struct vnode){ VREG, &fake_ops, m, 1, fk };
}
void tmpfs_init(void) { fake_init(&fake_tmp, &tmpfs_mount); }
void devfs_init(void) { fake_init(&fake_dev, &devfs_mount); }

/* ---- the model: a position is an initrd file or a vnode of a fake ---- */

struct pos { const struct initrd_file *f; struct vnode *v; };

static bool pos_isdir(struct pos p)
{
	return p.v ? p.v->v_type == VDIR : initrd_isdir(p.f);
}

/* One name from p (a directory); returns 0 or an errno. */
static int model_step(struct pos *p, const char *name)
{
	if (!pos_isdir(*p))
		return ENOTDIR;
	if (strcmp(name, ".") == 0)
		return 0;
	if (p->v) {                             /* a fake's root */
		if (strcmp(name, "..") == 0) {
			*p = (struct pos){ &initrd_boot.i_root, NULL };
			return 0;
		}
		if (strcmp(name, "x") != 0)
			return ENOENT;
		p->v = p->v == &fake_tmp.root ? &fake_tmp.x : &fake_dev.x;
		return 0;
	}
	if (strcmp(name, "..") == 0) {
		p->f = p->f->f_parent;
		return 0;
	}
	if (p->f == &initrd_boot.i_root && strcmp(name, "tmp") == 0) {
		*p = (struct pos){ NULL, &fake_tmp.root };
		return 0;
	}
	if (p->f == &initrd_boot.i_root && strcmp(name, "dev") == 0) {
		*p = (struct pos){ NULL, &fake_dev.root };
		return 0;
	}
	const struct initrd_file *c;
	int error = initrd_lookup_at(p->f, name, &c);
	if (error == 0)
		p->f = c;
	return error;
}

static int model_lookup(struct pos cwd, const char *path, struct pos *out)
{
	char name[UVIX_NAME_MAX + 1];
	struct pos p = path[0] == '/' ? (struct pos){ &initrd_boot.i_root, NULL } : cwd;
	const char *s = path;

	if (*path == '\0')
		return ENOENT;
	for (;;) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		size_t n = strcspn(s, "/");
		memcpy(name, s, n);
		name[n] = '\0';
		s += n;
		int error = model_step(&p, name);
		if (error)
			return error;
	}
	if (path[strlen(path) - 1] == '/' && !pos_isdir(p))
		return ENOTDIR;
	*out = p;
	return 0;
}

static bool same(struct vnode *vp, struct pos p)
{
	return p.v ? vp == p.v : vfs_initrd_file(vp) == p.f;
}

static void random_path(char *buf, size_t len)
{
	static const char *const names[] = { "dir", "sub", "deep.txt", "hello.txt", "size12388",
		".", "..", "tmp", "dev", "x", "nosuch", "" };
	size_t n = 0;

	buf[0] = '\0';
	if (host_rand_below(2))
		n += snprintf(buf, len, "/");
	int k = 1 + (int)host_rand_below(6);
	for (int i = 0; i < k && n < len - 32; i++)
		n += snprintf(buf + n, len - n, "%s%s", names[host_rand_below(12)],
		    i + 1 < k || host_rand_below(4) == 0 ? "/" : "");
}

void test_vfs_lookup_model(void)
{
	static unsigned char fixture[1 << 20];
	char why[160], path[256], back[UVIX_PATH_MAX];
	FILE *fp = fopen(FIXTURE, "rb");

	kmem_init();
	CHECKF(fp != NULL, "cannot open %s (make -C tests/host makes it)", FIXTURE);
	size_t len = fread(fixture, 1, sizeof(fixture), fp);
	fclose(fp);
	CHECKF(initrd_mount(&initrd_boot, fixture, len, why, sizeof(why)) == 0, "%s", why);
	vfs_init();
	uint64_t kmem0 = kmem_bytes_in_use();
	struct vnode *root = vfs_root(), *cwds[4];
	struct pos mcwds[4];
	const char *cwdpaths[4] = { "/", "/dir", "/tmp", "/dir/sub" };
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(vfs_lookup(NULL, cwdpaths[i], &cwds[i]), 0);
		CHECK_EQ(model_lookup((struct pos){ NULL, NULL }, cwdpaths[i], &mcwds[i]), 0);
		CHECK(same(cwds[i], mcwds[i]));
	}
	int found = 0, errors[64] = { 0 };
	for (int r = 0; r < ROUNDS; r++) {
		int c = (int)host_rand_below(4);
		struct vnode *vp = NULL;
		struct pos want;
		random_path(path, sizeof(path));
		int e1 = vfs_lookup(cwds[c], path, &vp);
		int e2 = model_lookup(mcwds[c], path, &want);
		CHECKF(e1 == e2, "lookup of \"%s\" from %s: %d, the model says %d", path,
		    cwdpaths[c], e1, e2);
		errors[e1 & 63]++;
		if (e1)
			continue;
		found++;
		CHECKF(same(vp, want), "lookup of \"%s\" from %s: another file", path, cwdpaths[c]);
		/* A directory's path leads back to it. */
		size_t n;
		struct vnode *again;
		if (vp->v_type == VDIR) {
			CHECK_EQ(vfs_path(vp, back, sizeof(back), &n), 0);
			CHECK(n == strlen(back) + 1 && back[0] == '/');
			CHECK_EQ(vfs_lookup(NULL, back, &again), 0);
			CHECKF(again == vp, "\"%s\" from %s is %s, which is another", path,
			    cwdpaths[c], back);
			vrele(again);
		}
		vrele(vp);
	}
	CHECKF(found > ROUNDS / 10 && errors[ENOENT] > ROUNDS / 10 && errors[ENOTDIR] > 0,
	    "%d found, %d ENOENT, %d ENOTDIR", found, errors[ENOENT], errors[ENOTDIR]);
	for (int i = 0; i < 4; i++)
		vrele(cwds[i]);
	vrele(root);
	/* Every reference dropped: each vnode is back at its own one. */
	CHECK_EQ(root->v_usecount, 1);
	CHECK_EQ(fake_tmp.root.v_usecount, 1);
	CHECK_EQ(fake_tmp.x.v_usecount, 1);
	CHECK_EQ(kmem_bytes_in_use(), kmem0);
}
