/*
 * Tests of the initrd file system. The first group reads the boot initrd
 * (make test boots with build/ARCH/initrd.tar: tests/initrd/ is /tests);
 * the second mounts small archives built here in memory, good and bad.
 */
#include "kernel/ktest.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/initrd_test.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "vm/kmem.h"

static const struct {
	const char *path, *name;
	uint64_t size;
} sized[] = {
	{ "/tests/size0", "size0", 0 },
	{ "/tests/size1", "size1", 1 },
	{ "/tests/size4095", "size4095", 4095 },
	{ "/tests/size4096", "size4096", 4096 },
	{ "/tests/size4097", "size4097", 4097 },
	{ "/tests/size12388", "size12388", 12388 },
};
#define NSIZED  (sizeof(sized) / sizeof(sized[0]))

/* The file at path in the boot initrd, or NULL. */
static const struct initrd_file *boot_file(const char *path)
{
	const struct initrd_file *f;

	return initrd_lookup(&initrd_boot, path, &f) == 0 ? f : NULL;
}

static bool contains(const char *s, const char *part)
{
	size_t n = strlen(part);

	for (; *s; s++)
		if (strncmp(s, part, n) == 0)
			return true;
	return false;
}

/*
 * The boot initrd is mounted, and is the build's: /etc/motd and the test
 * tree are there. With expect_initrd=none on the command line (the
 * boots.tab row that boots a bad archive) it must be an empty root.
 */
KTEST(initrd_boot_state)
{
	const char *want = bootinfo_arg("expect_initrd");
	const struct initrd_file *f;

	KT_ASSERT(initrd_lookup(&initrd_boot, "/", &f) == 0 && f == &initrd_boot.i_root);
	KT_ASSERT(initrd_isdir(f));
	if (want && strcmp(want, "none") == 0) {
		KT_ASSERT(initrd_boot.i_root.f_children == NULL);
		KT_ASSERT_EQ(initrd_boot.i_nfiles + initrd_boot.i_ndirs, 0);
		KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/etc/motd", &f), ENOENT);
		return;
	}
	f = boot_file("/etc/motd");
	KT_ASSERT(f != NULL);           /* boot with -initrd build/ARCH/initrd.tar */
	KT_ASSERT(!initrd_isdir(f) && f->f_size > 0);
	KT_ASSERT(boot_file("/tests/hello.txt") != NULL);
	KT_ASSERT(initrd_boot.i_nfiles >= 11 && initrd_boot.i_ndirs >= 4);
}

KTEST(initrd_lookup_paths)
{
	const struct initrd_file *root = &initrd_boot.i_root, *tests, *dir, *sub, *deep, *f;

	KT_ASSERT((tests = boot_file("/tests")) != NULL && initrd_isdir(tests));
	KT_ASSERT((dir = boot_file("/tests/dir")) != NULL && initrd_isdir(dir));
	KT_ASSERT((sub = boot_file("/tests/dir/sub")) != NULL && initrd_isdir(sub));
	KT_ASSERT((deep = boot_file("/tests/dir/sub/deep.txt")) != NULL && !initrd_isdir(deep));
	KT_ASSERT(tests->f_parent == root && dir->f_parent == tests && deep->f_parent == sub);
	KT_ASSERT(strcmp(deep->f_name, "deep.txt") == 0);

	/* One file, many spellings. */
	KT_ASSERT(boot_file("//tests///dir/./sub/../sub/deep.txt") == deep);
	KT_ASSERT(boot_file("/../../tests/dir/sub/deep.txt") == deep);
	KT_ASSERT(boot_file("/tests/dir/sub/./././deep.txt") == deep);
	KT_ASSERT(boot_file("/tests/dir/../dir/sub/../../dir/sub/deep.txt") == deep);
	KT_ASSERT(boot_file("tests/dir/sub/deep.txt") == deep);        /* from the root */

	/* Directories, with and without a trailing slash; the root's "..". */
	KT_ASSERT(boot_file("/") == root && boot_file("/.") == root && boot_file("/..") == root);
	KT_ASSERT(boot_file("///") == root && boot_file("/tests/..") == root);
	KT_ASSERT(boot_file("/tests/") == tests && boot_file("/tests//") == tests);
	KT_ASSERT(boot_file("/tests/dir/sub/..") == dir && boot_file("/tests/dir/.") == dir);

	/* Relative to a directory, and absolute from anywhere. */
	KT_ASSERT(initrd_lookup_at(dir, "sub/deep.txt", &f) == 0 && f == deep);
	KT_ASSERT(initrd_lookup_at(sub, "../../hello.txt", &f) == 0 && f == boot_file("/tests/hello.txt"));
	KT_ASSERT(initrd_lookup_at(sub, ".", &f) == 0 && f == sub);
	KT_ASSERT(initrd_lookup_at(sub, "/tests", &f) == 0 && f == tests);
	KT_ASSERT(initrd_lookup_at(deep, "/tests/dir", &f) == 0 && f == dir);
}

KTEST(initrd_lookup_errors)
{
	const struct initrd_file *f = NULL, *hello = boot_file("/tests/hello.txt");

	KT_ASSERT(hello != NULL);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/nonexistent", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/nope", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/dir/sub/nope/deeper", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "", &f), ENOENT);
	/* Names match whole, not as prefixes, and case matters. */
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello.txtx", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/TESTS", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/dir/sub/deep", &f), ENOENT);
	/* Through a file, or a file with a trailing slash. */
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello.txt/x", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello.txt/", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello.txt/.", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/hello.txt/..", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/etc/motd/x/y", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup_at(hello, "x", &f), ENOTDIR);
	KT_ASSERT_EQ(initrd_lookup_at(hello, ".", &f), ENOTDIR);
	KT_ASSERT(f == NULL);           /* no failed lookup set it */
}

KTEST(initrd_sizes_and_modes)
{
	const struct initrd_file *f, *g;

	for (size_t i = 0; i < NSIZED; i++) {
		KT_ASSERT((f = boot_file(sized[i].path)) != NULL);
		KT_ASSERT_EQ(f->f_size, sized[i].size);
		KT_ASSERT_EQ(f->f_mode, INITRD_IFREG | 0644);
		/* Its bytes lie inside the archive. */
		KT_ASSERT(f->f_data >= initrd_boot.i_base);
		KT_ASSERT(f->f_data + f->f_size <= initrd_boot.i_base + initrd_boot.i_len);
		for (size_t j = 0; j < i; j++) {
			KT_ASSERT((g = boot_file(sized[j].path)) != NULL);
			KT_ASSERT(g->f_ino != f->f_ino);
		}
	}
	KT_ASSERT((f = boot_file("/tests/hello.txt")) != NULL);
	KT_ASSERT_EQ(f->f_size, sizeof("Hello from the initrd.\n") - 1);
	KT_ASSERT((f = boot_file("/tests/dir")) != NULL);
	KT_ASSERT_EQ(f->f_mode, INITRD_IFDIR | 0755);
	KT_ASSERT_EQ(f->f_size, 0);
	KT_ASSERT_EQ(initrd_boot.i_root.f_ino, 1);
	KT_ASSERT_EQ(initrd_boot.i_root.f_mode & INITRD_IFMT, INITRD_IFDIR);
}

/* Reads n bytes of a pattern file at off and checks them; returns false on a mismatch. */
static bool read_matches(struct ktest_ctx *kt, size_t which, uint64_t off, size_t n)
{
	const struct initrd_file *f = boot_file(sized[which].path);
	uint8_t buf[200];
	size_t done = 12345, want;
	uint64_t bad;

	if (f == NULL || n > sizeof(buf)) {
		ktest_fail(kt, __FILE__, __LINE__, "no %s, or n %zu too big", sized[which].path, n);
		return false;
	}
	want = off >= f->f_size ? 0 : (f->f_size - off < n ? (size_t)(f->f_size - off) : n);
	memset(buf, 0xee, sizeof(buf));
	if (initrd_read(f, off, buf, n, &done) != 0 || done != want ||
	    !initrd_test_matches(sized[which].name, off, buf, done, &bad) ||
	    (done < sizeof(buf) && buf[done] != 0xee)) {
		ktest_fail(kt, __FILE__, __LINE__, "%s at %llu, %zu bytes: got %zu of %zu, "
		    "or wrong bytes, or too many", sized[which].path, (unsigned long long)off, n,
		    done, want);
		return false;
	}
	return true;
}

KTEST(initrd_read_offsets)
{
	const size_t big = NSIZED - 1;          /* size12388 */
	const struct initrd_file *f;
	char buf[32];
	size_t done;

	KT_ASSERT((f = boot_file("/tests/hello.txt")) != NULL);
	KT_ASSERT(initrd_read(f, 6, buf, 4, &done) == 0 && done == 4);
	KT_ASSERT(memcmp(buf, "from", 4) == 0);
	KT_ASSERT(initrd_read(f, 1, buf, sizeof(buf), &done) == 0 && done == f->f_size - 1);
	KT_ASSERT(memcmp(buf, "ello from the initrd.\n", done) == 0);

	/* Odd offsets, across 512-byte tar blocks and across pages. */
	KT_ASSERT(read_matches(kt, big, 0, 1));
	KT_ASSERT(read_matches(kt, big, 3, 7));
	KT_ASSERT(read_matches(kt, big, 500, 30));
	KT_ASSERT(read_matches(kt, big, 511, 2));
	KT_ASSERT(read_matches(kt, big, 1023, 200));
	KT_ASSERT(read_matches(kt, big, 4090, 13));
	KT_ASSERT(read_matches(kt, big, 8191, 3));
	KT_ASSERT(read_matches(kt, big, 12380, 100));   /* 8 bytes, then the end */
	KT_ASSERT(read_matches(kt, big, 12387, 5));
	for (int i = 0; i < 50; i++) {
		uint64_t off = ktest_random(kt) % 12400;
		KT_ASSERT(read_matches(kt, big, off, 1 + ktest_random(kt) % 200));
	}
	for (size_t i = 0; i < NSIZED; i++) {
		KT_ASSERT(read_matches(kt, i, 0, 200));
		KT_ASSERT(read_matches(kt, i, sized[i].size ? sized[i].size - 1 : 0, 10));
	}
	/* At and past the end: nothing. A directory: EISDIR. */
	KT_ASSERT(read_matches(kt, big, 12388, 10));
	KT_ASSERT(read_matches(kt, big, 1ULL << 40, 10));
	KT_ASSERT(read_matches(kt, 0, 0, 10));
	KT_ASSERT(initrd_read(f, 0, buf, 0, &done) == 0 && done == 0);
	KT_ASSERT_EQ(initrd_read(boot_file("/tests"), 0, buf, sizeof(buf), &done), EISDIR);
	KT_ASSERT_EQ(done, 0);
}

/* Checks that directory path lists exactly names[0..n), after "." and "..". */
static bool lists(struct ktest_ctx *kt, const char *path, const char *const *names, size_t n)
{
	const struct initrd_file *d = boot_file(path);
	struct initrd_dirent de;
	size_t i;

	if (d == NULL || initrd_readdir(d, 0, &de) != 0 || strcmp(de.d_name, ".") != 0 ||
	    de.d_file != d || initrd_readdir(d, 1, &de) != 0 || strcmp(de.d_name, "..") != 0 ||
	    de.d_file != d->f_parent) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: no directory, or bad \".\" or \"..\"", path);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (initrd_readdir(d, 2 + i, &de) != 0 || strcmp(de.d_name, names[i]) != 0 ||
		    de.d_file->f_parent != d || strcmp(de.d_file->f_name, names[i]) != 0) {
			ktest_fail(kt, __FILE__, __LINE__, "%s: entry %zu is not %s", path, 2 + i, names[i]);
			return false;
		}
	}
	if (initrd_readdir(d, 2 + n, &de) != ENOENT || initrd_readdir(d, 1000, &de) != ENOENT) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: more than %zu entries", path, n);
		return false;
	}
	return true;
}

KTEST(initrd_readdir_lists)
{
	static const char *const dir[] = { "a.txt", "b.txt", "sub" };
	static const char *const sub[] = { "deep.txt" };
	static const char *const tests[] = { "bin", "dir", "hello.txt", "size0", "size1",
	    "size12388", "size4095", "size4096", "size4097", "utils.sh" };
	const struct initrd_file *root = &initrd_boot.i_root;
	struct initrd_dirent de;
	bool etc = false, tst = false;

	KT_ASSERT(lists(kt, "/tests/dir", dir, 3));
	KT_ASSERT(lists(kt, "/tests/dir/sub", sub, 1));
	KT_ASSERT(lists(kt, "/tests", tests, sizeof(tests) / sizeof(tests[0])));
	/* The root holds more as Uvix grows: etc and tests, in name order. */
	KT_ASSERT(initrd_readdir(root, 1, &de) == 0 && de.d_file == root);
	for (uint64_t i = 2; initrd_readdir(root, i, &de) == 0; i++) {
		KT_ASSERT(de.d_file->f_next == NULL || strcmp(de.d_name, de.d_file->f_next->f_name) < 0);
		etc |= strcmp(de.d_name, "etc") == 0;
		tst |= strcmp(de.d_name, "tests") == 0;
	}
	KT_ASSERT(etc && tst);
	KT_ASSERT_EQ(initrd_readdir(boot_file("/etc/motd"), 0, &de), ENOTDIR);
}

/* --- archives made here ------------------------------------------------ */

#define TB_BLOCK        512
#define TB_SIZE         (24 * TB_BLOCK)

/* An archive being written in memory. */
struct tarbuf {
	uint8_t *buf;           /* TB_SIZE bytes */
	size_t len;             /* written so far */
};

static void tb_checksum(uint8_t *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < TB_BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 7, "%06o", sum);      /* then NUL, space */
}

/* Appends an entry (prefix may be NULL); returns its header. */
static uint8_t *tb_add(struct tarbuf *t, const char *prefix, const char *name, char type,
    unsigned mode, const char *data, size_t size)
{
	uint8_t *h = t->buf + t->len;
	size_t padded = (size + TB_BLOCK - 1) / TB_BLOCK * TB_BLOCK;

	KASSERT(t->len + TB_BLOCK + padded + 2 * TB_BLOCK <= TB_SIZE);
	memset(h, 0, TB_BLOCK + padded);
	memcpy(h, name, strnlen(name, 100));            /* 100 bytes: no NUL */
	snprintf((char *)h + 100, 8, "%07o", mode);
	snprintf((char *)h + 108, 8, "%07o", 0);
	snprintf((char *)h + 116, 8, "%07o", 0);
	snprintf((char *)h + 124, 12, "%011o", (unsigned)size);
	snprintf((char *)h + 136, 12, "%011o", 0);
	h[156] = (uint8_t)type;
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	if (prefix)
		memcpy(h + 345, prefix, strnlen(prefix, 155));
	tb_checksum(h);
	if (size)
		memcpy(h + TB_BLOCK, data, size);
	t->len += TB_BLOCK + padded;
	return h;
}

static void tb_file(struct tarbuf *t, const char *name, const char *data)
{
	tb_add(t, NULL, name, '0', 0644, data, strlen(data));
}

static void tb_end(struct tarbuf *t)
{
	memset(t->buf + t->len, 0, 2 * TB_BLOCK);
	t->len += 2 * TB_BLOCK;
}

/* Reads all of path in fs into buf (NUL-terminated); false if it is not a file. */
static bool tb_cat(struct initrd *fs, const char *path, char *buf, size_t n)
{
	const struct initrd_file *f;
	size_t done;

	if (initrd_lookup(fs, path, &f) != 0 || initrd_read(f, 0, buf, n - 1, &done) != 0)
		return false;
	buf[done] = '\0';
	return true;
}

KTEST(initrd_mount_builds_tree)
{
	struct tarbuf t = { kmem_zalloc(TB_SIZE, KM_SLEEP), 0 };
	struct initrd fs;
	const struct initrd_file *f, *a;
	struct initrd_dirent de;
	char why[128], buf[64], longname[101];
	uint32_t a_ino;

	memset(longname, 'n', 100);
	memcpy(longname, "long/", 5);
	longname[100] = '\0';
	tb_add(&t, NULL, "./", '5', 0700, NULL, 0);
	tb_file(&t, "a/b/c.txt", "hello");              /* makes a and a/b */
	tb_add(&t, NULL, "a/", '5', 0750, NULL, 0);     /* a, listed after */
	tb_file(&t, "x", "one");
	tb_file(&t, "y//z", "zz");
	tb_file(&t, "x", "second");                     /* again: this one wins */
	tb_add(&t, "p/q", "r.txt", '0', 0600, "deep", 4);      /* ustar's prefix */
	tb_add(&t, NULL, "link", '2', 0777, NULL, 0);   /* a symlink: skipped */
	tb_file(&t, "../evil", "no");                   /* "..": skipped */
	tb_file(&t, "./a/./b/d.txt", "dd");
	tb_add(&t, NULL, longname, '0', 0644, "L", 1);  /* a name filling its field */
	tb_end(&t);

	KT_ASSERT_EQ(initrd_mount(&fs, t.buf, t.len, why, sizeof(why)), 0);
	KT_ASSERT_EQ(fs.i_nfiles, 6);                   /* c.txt x z r.txt d.txt long/n... */
	KT_ASSERT_EQ(fs.i_ndirs, 6);                    /* a a/b y p p/q long */
	KT_ASSERT_EQ(fs.i_bytes, 5 + 6 + 2 + 4 + 2 + 1);
	KT_ASSERT_EQ(fs.i_root.f_mode, INITRD_IFDIR | 0700);
	KT_ASSERT(tb_cat(&fs, "/a/b/c.txt", buf, sizeof(buf)) && strcmp(buf, "hello") == 0);
	KT_ASSERT(tb_cat(&fs, "/x", buf, sizeof(buf)) && strcmp(buf, "second") == 0);
	KT_ASSERT(tb_cat(&fs, "/y/z", buf, sizeof(buf)) && strcmp(buf, "zz") == 0);
	KT_ASSERT(tb_cat(&fs, "/p/q/r.txt", buf, sizeof(buf)) && strcmp(buf, "deep") == 0);
	KT_ASSERT(tb_cat(&fs, "/a/b/d.txt", buf, sizeof(buf)) && strcmp(buf, "dd") == 0);
	KT_ASSERT(tb_cat(&fs, longname, buf, sizeof(buf)) && strcmp(buf, "L") == 0);
	KT_ASSERT(initrd_lookup(&fs, "/p/q/r.txt", &f) == 0 && f->f_mode == (INITRD_IFREG | 0600));
	KT_ASSERT(initrd_lookup(&fs, "/a", &a) == 0 && a->f_mode == (INITRD_IFDIR | 0750));
	KT_ASSERT(initrd_lookup(&fs, "/a/b", &f) == 0 && f->f_mode == (INITRD_IFDIR | 0755));
	a_ino = a->f_ino;
	KT_ASSERT(a_ino > 1 && a_ino != f->f_ino);
	KT_ASSERT_EQ(initrd_lookup(&fs, "/link", &f), ENOENT);
	KT_ASSERT_EQ(initrd_lookup(&fs, "/evil", &f), ENOENT);
	/* Entries in name order, whatever the archive's order. */
	KT_ASSERT(initrd_lookup(&fs, "/a/b", &f) == 0);
	KT_ASSERT(initrd_readdir(f, 2, &de) == 0 && strcmp(de.d_name, "c.txt") == 0);
	KT_ASSERT(initrd_readdir(f, 3, &de) == 0 && strcmp(de.d_name, "d.txt") == 0);
	KT_ASSERT_EQ(initrd_readdir(f, 4, &de), ENOENT);
	KT_ASSERT(initrd_readdir(&fs.i_root, 2, &de) == 0 && strcmp(de.d_name, "a") == 0);
	KT_ASSERT(initrd_readdir(&fs.i_root, 3, &de) == 0 && strcmp(de.d_name, "long") == 0);

	initrd_unmount(&fs);
	KT_ASSERT(fs.i_root.f_children == NULL && fs.i_nfiles == 0);
	KT_ASSERT_EQ(initrd_lookup(&fs, "/x", &f), ENOENT);
	kmem_free(t.buf, TB_SIZE);
}

KTEST(initrd_mount_accepts_empty_archives)
{
	struct tarbuf t = { kmem_zalloc(TB_SIZE, KM_SLEEP), 0 };
	struct initrd fs;
	const struct initrd_file *f;
	char why[128];

	KT_ASSERT_EQ(initrd_mount(&fs, t.buf, 0, why, sizeof(why)), 0);         /* no bytes */
	KT_ASSERT(fs.i_root.f_children == NULL);
	initrd_unmount(&fs);
	tb_end(&t);
	KT_ASSERT_EQ(initrd_mount(&fs, t.buf, t.len, why, sizeof(why)), 0);     /* zeros */
	KT_ASSERT(fs.i_root.f_children == NULL);
	initrd_unmount(&fs);
	/* No end blocks: the end of the module ends the archive. */
	t.len = 0;
	tb_file(&t, "f", "data");
	KT_ASSERT_EQ(initrd_mount(&fs, t.buf, t.len, why, sizeof(why)), 0);
	KT_ASSERT(initrd_lookup(&fs, "/f", &f) == 0 && f->f_size == 4);
	initrd_unmount(&fs);
	kmem_free(t.buf, TB_SIZE);
}

/* Bad archives: each writes one into t, and says what the mount must report. */
static const char *bad_checksum(struct tarbuf *t)
{
	tb_file(t, "a/b/c", "fine");                    /* a tree to free on the way out */
	uint8_t *h = tb_add(t, NULL, "etc/motd", '0', 0644, "x", 1);
	h[1] ^= 0x20;                                   /* one bit of the name */
	tb_end(t);
	return "bad checksum";
}

static const char *bad_magic(struct tarbuf *t)
{
	uint8_t *h = tb_add(t, NULL, "f", '0', 0644, "x", 1);
	memcpy(h + 257, "pstar", 5);
	tb_checksum(h);
	tb_end(t);
	return "not a ustar header";
}

static const char *bad_data_past_end(struct tarbuf *t)
{
	uint8_t *h = tb_add(t, NULL, "f", '0', 0644, "abc", 3);
	snprintf((char *)h + 124, 12, "%011o", 5000);   /* 5000 bytes in a 1024-byte archive */
	tb_checksum(h);
	return "run past the end";
}

static const char *bad_cut_header(struct tarbuf *t)
{
	tb_file(t, "f", "abc");
	t->buf[t->len] = 'g';                           /* 100 bytes of a next header */
	t->len += 100;
	return "ends inside this header";
}

static const char *bad_size_digits(struct tarbuf *t)
{
	uint8_t *h = tb_add(t, NULL, "f", '0', 0644, "abc", 3);
	memcpy(h + 124, "0000000012x", 11);
	tb_checksum(h);
	tb_end(t);
	return "size field is not an octal number";
}

static const char *bad_size_base256(struct tarbuf *t)
{
	uint8_t *h = tb_add(t, NULL, "f", '0', 0644, "abc", 3);
	memset(h + 124, 0, 12);
	h[124] = 0x80;                                  /* GNU's binary size */
	h[135] = 3;
	tb_checksum(h);
	tb_end(t);
	return "size field is not an octal number";
}

static const char *bad_checksum_digits(struct tarbuf *t)
{
	uint8_t *h = tb_add(t, NULL, "f", '0', 0644, "abc", 3);
	memcpy(h + 148, "12z4", 4);
	tb_end(t);
	return "checksum field is not an octal number";
}

static const char *bad_through_file(struct tarbuf *t)
{
	tb_file(t, "f", "a file");
	tb_file(t, "f/g", "under a file");
	tb_end(t);
	return "goes through the file \"f\"";
}

static const char *bad_file_and_dir(struct tarbuf *t)
{
	tb_add(t, NULL, "d/", '5', 0755, NULL, 0);
	tb_file(t, "d", "a file where a directory is");
	tb_end(t);
	return "both a file and a directory";
}

static const char *bad_dir_and_file(struct tarbuf *t)
{
	tb_file(t, "d", "a file");
	tb_add(t, NULL, "d", '5', 0755, NULL, 0);
	tb_end(t);
	return "both a file and a directory";
}

static const char *bad_file_root(struct tarbuf *t)
{
	tb_file(t, "./", "a file as the root");
	tb_end(t);
	return "cannot be the root";
}

KTEST(initrd_mount_rejects_bad_archives)
{
	static const char *(*const cases[])(struct tarbuf *) = {
		bad_checksum, bad_magic, bad_data_past_end, bad_cut_header, bad_size_digits,
		bad_size_base256, bad_checksum_digits, bad_through_file, bad_file_and_dir,
		bad_dir_and_file, bad_file_root,
	};
	struct tarbuf t = { kmem_zalloc(TB_SIZE, KM_SLEEP), 0 };
	const struct initrd_file *f;
	struct initrd fs;
	char why[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(t.buf, 0, TB_SIZE);
		t.len = 0;
		const char *want = cases[i](&t);
		int error = initrd_mount(&fs, t.buf, t.len, why, sizeof(why));
		if (error != EINVAL || !contains(why, want)) {
			ktest_fail(kt, __FILE__, __LINE__, "case %zu: error %d, \"%s\"; wanted EINVAL, "
			    "\"...%s...\"", i, error, why, want);
			break;
		}
		/* Nothing of it stays (the leak check counts the rest). */
		KT_ASSERT(fs.i_root.f_children == NULL && fs.i_nfiles + fs.i_ndirs == 0);
		KT_ASSERT_EQ(initrd_lookup(&fs, "/f", &f), ENOENT);
		KT_ASSERT_EQ(initrd_lookup(&fs, "/", &f), 0);
	}
	kmem_free(t.buf, TB_SIZE);
}
