/*
 * Host tests of kernel/initrd.c under ASan and UBSan: whatever the bytes
 * of an archive, a mount returns 0 or EINVAL, reads nothing outside the
 * archive and leaks nothing.
 *
 * The seed archive is build/initrd-fixture.tar, which the Makefile makes
 * from tests/initrd/ with the options of the kernel's build. Each round
 * copies it into a buffer of exactly its length (so that ASan reports a
 * read past the end), damages it at random (bytes anywhere; header fields
 * with the checksum made right again, so that the damage gets past the
 * checksum test; a length cut anywhere), mounts it, and if the mount succeeds
 * checks the tree it built and reads every file and directory in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/host/hosttest.h"
#include "tests/host/shim/host_shim.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "vm/kmem.h"

#define FIXTURE         "build/initrd-fixture.tar"
#define BLOCK           512
#define ROUNDS          20000

struct bootinfo bootinfo;       /* initrd_init's; the tests do not call it */

static unsigned char *fixture;
static size_t fixture_len;

static void load_fixture(void)
{
	FILE *f = fopen(FIXTURE, "rb");

	CHECKF(f != NULL, "cannot open %s (make -C tests/host makes it)", FIXTURE);
	fixture = malloc(1 << 20);
	CHECK(fixture != NULL);
	fixture_len = fread(fixture, 1, 1 << 20, f);
	fclose(f);
	CHECK(fixture_len > 0 && fixture_len % BLOCK == 0 && fixture_len < (1 << 20));
}

/* Gives header h a right checksum again (six octal digits, NUL, space). */
static void fix_checksum(unsigned char *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 7, "%06o", sum);
}

/* One random change to the archive buf[0..*lenp). */
static void damage(unsigned char *buf, size_t *lenp)
{
	/* Where headers are likely: a block boundary. */
	size_t blk = host_rand_below(*lenp / BLOCK) * BLOCK;
	unsigned char *h = buf + blk;
	static const struct { int off, len; } fields[] = {
		{ 0, 100 }, { 100, 8 }, { 124, 12 }, { 156, 1 }, { 257, 8 }, { 345, 155 },
	};
	int k;

	switch (host_rand_below(6)) {
	case 0:                 /* any byte, any value */
		buf[host_rand_below(*lenp)] = (unsigned char)host_rand();
		break;
	case 1:                 /* a header field's byte, checksum made right */
	case 2:
		k = (int)host_rand_below(sizeof(fields) / sizeof(fields[0]));
		h[fields[k].off + host_rand_below(fields[k].len)] =
		    host_rand_below(2) ? (unsigned char)host_rand() :
		    (unsigned char)"0123456789/.\0 x"[host_rand_below(15)];
		fix_checksum(h);
		break;
	case 3:                 /* a size that is too big, or any size */
		snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)(host_rand_below(2) ?
		    *lenp - blk + host_rand_below(4 * BLOCK) - 2 * BLOCK : host_rand_below(1ULL << 33)));
		fix_checksum(h);
		break;
	case 4:                 /* a name full of slashes, dots and no NUL */
		for (int i = 0; i < 100; i++)
			h[i] = (unsigned char)"/./..a/"[host_rand_below(7)];
		fix_checksum(h);
		break;
	case 5:                 /* cut short anywhere, in a header or in data */
		*lenp = host_rand_below(*lenp);
		break;
	}
}

/* Checks f and everything below it; returns the number of entries. */
static int check_tree(struct initrd *fs, const struct initrd_file *f, const unsigned char *base,
    size_t len)
{
	struct initrd_dirent de;
	unsigned char buf[256];
	size_t done;
	int n = 1;

	CHECK(f->f_name != NULL && f->f_name[0] != '\0');
	if (f != &fs->i_root) {
		CHECK(strchr(f->f_name, '/') == NULL);
		CHECK(strcmp(f->f_name, ".") != 0 && strcmp(f->f_name, "..") != 0);
	}
	if (!initrd_isdir(f)) {
		CHECK((f->f_mode & INITRD_IFMT) == INITRD_IFREG && f->f_children == NULL);
		CHECK(f->f_size <= len);
		CHECK(f->f_size == 0 || (f->f_data >= base && f->f_data + f->f_size <= base + len));
		for (uint64_t off = 0; off < f->f_size; off += done) {
			CHECK(initrd_read(f, off, buf, sizeof(buf), &done) == 0 && done > 0);
		}
		return n;
	}
	CHECK(initrd_readdir(f, 0, &de) == 0 && de.d_file == f);
	CHECK(initrd_readdir(f, 1, &de) == 0 && de.d_file == f->f_parent);
	for (const struct initrd_file *c = f->f_children; c; c = c->f_next) {
		const struct initrd_file *found;
		CHECK(c->f_parent == f);
		CHECK(c->f_next == NULL || strcmp(c->f_name, c->f_next->f_name) < 0);
		CHECK(initrd_lookup_at(f, c->f_name, &found) == 0 && found == c);
		n += check_tree(fs, c, base, len);
	}
	return n;
}

void test_initrd_fuzz(void)
{
	int mounted = 0, rejected = 0;
	char why[160];

	kmem_init();
	load_fixture();
	if (freopen("/dev/null", "w", stdout) == NULL)  /* "initrd: skipping ..." */
		host_fail("cannot silence stdout");
	for (int round = 0; round < ROUNDS; round++) {
		size_t len = fixture_len;
		unsigned char *buf = malloc(len);
		struct initrd fs;

		CHECK(buf != NULL);
		memcpy(buf, fixture, len);
		for (int d = 1 + (int)host_rand_below(4); d > 0 && len >= BLOCK; d--)
			damage(buf, &len);
		int error = initrd_mount(&fs, buf, len, why, sizeof(why));
		CHECKF(error == 0 || error == EINVAL, "round %d: error %d", round, error);
		if (error == 0) {
			int n = check_tree(&fs, &fs.i_root, buf, len);
			CHECK_EQ(n, 1 + fs.i_nfiles + fs.i_ndirs);
			mounted++;
		} else {
			CHECKF(why[0] != '\0' && strlen(why) < sizeof(why), "round %d", round);
			CHECK(fs.i_root.f_children == NULL && fs.i_nfiles + fs.i_ndirs == 0);
			rejected++;
		}
		initrd_unmount(&fs);
		CHECKF(kmem_bytes_in_use() == 0, "round %d: %llu kmem bytes left", round,
		    (unsigned long long)kmem_bytes_in_use());
		free(buf);
	}
	/* Both outcomes must have been tried often, or the test tests little. */
	CHECKF(mounted > ROUNDS / 10 && rejected > ROUNDS / 10, "%d mounted, %d rejected",
	    mounted, rejected);
	free(fixture);
}

/* The undamaged fixture mounts, with the tree tests/initrd/ has. */
void test_initrd_fixture(void)
{
	const struct initrd_file *f;
	struct initrd fs;
	char why[160], buf[32];
	size_t done;

	kmem_init();
	load_fixture();
	CHECKF(initrd_mount(&fs, fixture, fixture_len, why, sizeof(why)) == 0, "%s", why);
	CHECK(initrd_lookup(&fs, "/hello.txt", &f) == 0);
	CHECK(initrd_read(f, 0, buf, sizeof(buf), &done) == 0);
	CHECK(done == 23 && memcmp(buf, "Hello from the initrd.\n", 23) == 0);
	CHECK(initrd_lookup(&fs, "/dir/sub/deep.txt", &f) == 0 && f->f_size == 5);
	CHECK(initrd_lookup(&fs, "/size12388", &f) == 0 && f->f_size == 12388);
	CHECK_EQ(check_tree(&fs, &fs.i_root, fixture, fixture_len), 1 + fs.i_nfiles + fs.i_ndirs);
	initrd_unmount(&fs);
	CHECK_EQ(kmem_bytes_in_use(), 0);
	free(fixture);
}
