/*
 * The initrd file system over a POSIX ustar archive (kernel/initrd.h).
 *
 * A ustar archive is a sequence of 512-byte blocks. Each entry is one
 * header block, then its data padded to whole blocks; blocks of zeros end
 * the archive. The archive the build makes (tar --format=ustar):
 *
 *   offset     block                      header fields we use (bytes)
 *   0          header "./", type '5'      name[100]     at 0
 *   512        header "./etc/", type '5'  mode[8]       at 100, octal
 *   1024       header "./etc/motd", '0'   size[12]      at 124, octal
 *   1536       the motd's bytes, padded   chksum[8]     at 148, octal
 *   2048       header "./tests/", '5'     typeflag      at 156
 *   ...                                   magic "ustar" at 257
 *   N, N+512   zeros: the end             prefix[155]   at 345
 *
 * An entry's full name is prefix "/" name if the prefix is not empty
 * (ustar's way to store names of up to 256 bytes). A name that fills its
 * field has no NUL (POSIX allows it), so every field is read within its
 * bounds, never up to a NUL that may not be there.
 *
 * What a mount checks, so that bad input gives EINVAL with a reason and
 * never a crash: the magic and the checksum of every header, octal
 * numbers, each entry's data inside the archive, no header cut off by the
 * end, and a tree that makes sense (no path through a file, nothing that
 * is both a file and a directory). Entries of other types (links,
 * devices, pax headers) and names with ".." are skipped with a message.
 *
 * The tree: a directory that a path goes through is made when missing
 * (tar need not list it), with mode 0755; an entry that comes again wins,
 * as when tar extracts. The archive above gives
 *
 *   "/" ino 1 --f_children--> "etc" ino 2 --f_children--> "motd" ino 3
 *                             "tests" ino 4 (etc's f_next)
 *
 * each f_parent pointing back up, the root's to itself. Entries of a
 * directory are kept sorted by name, whatever the archive's order.
 */
#include <stdarg.h>
#include "kernel/initrd.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"

#define USTAR_BLOCK     512
#define USTAR_MAXPATH   (155 + 1 + 100)         /* prefix "/" name */
#define DIR_MODE        0755                    /* of a directory tar did not list */
#define SHOWN_MAX       64      /* a path quoted in a message is cut to this, NUL included */

struct ustar_header {
	char name[100];
	char mode[8];
	char uid[8];
	char gid[8];
	char size[12];
	char mtime[12];
	char chksum[8];
	char typeflag;
	char linkname[100];
	char magic[6];          /* "ustar\0" (POSIX) or "ustar " (old GNU) */
	char version[2];
	char uname[32];
	char gname[32];
	char devmajor[8];
	char devminor[8];
	char prefix[155];       /* POSIX only; old GNU keeps other things here */
	char pad[12];
};
CTASSERT(sizeof(struct ustar_header) == USTAR_BLOCK);

/* typeflag values */
#define USTAR_REG       '0'
#define USTAR_AREG      '\0'    /* a regular file, from pre-POSIX tars */
#define USTAR_CONTIG    '7'     /* a "contiguous" file: a regular file to us */
#define USTAR_DIR       '5'

struct initrd initrd_boot;

/* What initrd_mount carries along while it reads headers. */
struct mount_ctx {
	struct initrd *fs;
	size_t off;                     /* the header being read */
	char path[USTAR_MAXPATH + 1];   /* its full name */
	char *why;
	size_t whylen;
};

/* Sets fs to an empty root directory. */
static void root_init(struct initrd *fs)
{
	*fs = (struct initrd){ .i_base = NULL };
	fs->i_root.f_name = "/";
	fs->i_root.f_parent = &fs->i_root;
	fs->i_root.f_mode = INITRD_IFDIR | DIR_MODE;
	fs->i_root.f_ino = 1;
}

/* s with control characters shown as '?', in buf (for messages about bad input). */
static const char *shown(const char *s, char *buf, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

/* Writes "at offset N ("path"): reason" to mc->why. Returns EINVAL. */
static int fail(struct mount_ctx *mc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct mount_ctx *mc, const char *fmt, ...)
{
	char name[SHOWN_MAX];
	va_list ap;
	int n;

	n = snprintf(mc->why, mc->whylen, "header at offset %zu (\"%s\"): ", mc->off,
	    shown(mc->path, name, sizeof name));
	if (n >= 0 && (size_t)n < mc->whylen) {
		va_start(ap, fmt);
		vsnprintf(mc->why + n, mc->whylen - n, fmt, ap);
		va_end(ap);
	}
	return EINVAL;
}

/*
 * Parses the octal number in field f[n]: optional leading spaces, at
 * least one digit, then only NULs or spaces. Returns false if malformed
 * (also for GNU's base-256 numbers, which ustar does not have).
 */
static bool octal(const char *f, size_t n, uint64_t *vp)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < n && f[i] == ' ')
		i++;
	if (i == n || f[i] < '0' || f[i] > '7')
		return false;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 61)
			return false;           /* would overflow */
		v = v * 8 + (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != '\0' && f[i] != ' ')
			return false;
	*vp = v;
	return true;
}

/* The header's checksum: the sum of its bytes, the checksum field counted as spaces. */
static uint64_t header_sum(const struct ustar_header *h)
{
	const uint8_t *b = (const uint8_t *)h;
	size_t cs = offsetof(struct ustar_header, chksum);
	uint64_t sum = 0;

	for (size_t i = 0; i < USTAR_BLOCK; i++)
		sum += (i >= cs && i < cs + sizeof(h->chksum)) ? ' ' : b[i];
	return sum;
}

static bool zero_block(const uint8_t *b)
{
	for (size_t i = 0; i < USTAR_BLOCK; i++)
		if (b[i])
			return false;
	return true;
}

/* Copies the header's full name, within its fields' bounds, to path. */
static void header_path(const struct ustar_header *h, char path[USTAR_MAXPATH + 1])
{
	size_t np = 0, nn = strnlen(h->name, sizeof(h->name));

	if (memcmp(h->magic, "ustar", sizeof(h->magic)) == 0)  /* with the NUL: POSIX */
		np = strnlen(h->prefix, sizeof(h->prefix));
	memcpy(path, h->prefix, np);
	if (np)
		path[np++] = '/';
	memcpy(path + np, h->name, nn);
	path[np + nn] = '\0';
}

/*
 * The next component of a path being mounted, from p on: its start (and
 * length in *lenp), skipping slashes and "."; NULL at the end.
 */
static const char *next_component(const char *p, size_t *lenp)
{
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			return NULL;
		size_t n = 0;
		while (p[n] && p[n] != '/')
			n++;
		if (n == 1 && p[0] == '.') {
			p++;
			continue;
		}
		*lenp = n;
		return p;
	}
}

static struct initrd_file *find_entry(const struct initrd_file *dir, const char *name, size_t len)
{
	struct initrd_file *f;

	for (f = dir->f_children; f; f = f->f_next)
		if (strncmp(f->f_name, name, len) == 0 && f->f_name[len] == '\0')
			return f;
	return NULL;
}

/* Makes entry name[len] of dir, in name order, with its name stored after it. */
static struct initrd_file *new_entry(struct initrd *fs, struct initrd_file *dir,
    const char *name, size_t len, uint32_t mode)
{
	struct initrd_file *f = kmem_zalloc(sizeof(*f) + len + 1, KM_SLEEP);
	struct initrd_file **pp;
	char *fname = (char *)(f + 1);

	memcpy(fname, name, len);
	fname[len] = '\0';
	f->f_name = fname;
	f->f_parent = dir;
	f->f_mode = mode;
	f->f_ino = 2 + fs->i_nfiles + fs->i_ndirs;
	for (pp = &dir->f_children; *pp && strcmp((*pp)->f_name, fname) < 0; pp = &(*pp)->f_next)
		continue;
	f->f_next = *pp;
	*pp = f;
	if ((mode & INITRD_IFMT) == INITRD_IFDIR)
		fs->i_ndirs++;
	else
		fs->i_nfiles++;
	return f;
}

/*
 * Enters the current entry (mc->path) with mode, and for a file its data.
 * Returns 0 or EINVAL (mc->why says why).
 */
static int add_entry(struct mount_ctx *mc, uint32_t mode, const uint8_t *data, uint64_t size)
{
	struct initrd *fs = mc->fs;
	struct initrd_file *dir = &fs->i_root, *f = NULL;
	bool isdir = (mode & INITRD_IFMT) == INITRD_IFDIR;
	size_t len, nlen;
	const char *c, *nc;
	char shownbuf[SHOWN_MAX];

	for (c = next_component(mc->path, &len); c; c = nc, len = nlen) {
		if (len == 2 && c[0] == '.' && c[1] == '.') {
			printf("initrd: skipping \"%s\": \"..\" in a name in the archive\n",
			    shown(mc->path, shownbuf, sizeof shownbuf));
			return 0;
		}
		f = find_entry(dir, c, len);
		nc = next_component(c + len, &nlen);
		if (nc == NULL)
			break;                  /* c is the last component */
		if (f == NULL)
			f = new_entry(fs, dir, c, len, INITRD_IFDIR | DIR_MODE);
		else if (!initrd_isdir(f))
			return fail(mc, "the path goes through the file \"%s\"", f->f_name);
		dir = f;
	}
	if (c == NULL) {                        /* "./" or "/": the root itself */
		if (!isdir)
			return fail(mc, "a file cannot be the root directory");
		fs->i_root.f_mode = mode;
		return 0;
	}
	if (f == NULL)
		f = new_entry(fs, dir, c, len, mode);
	else if (initrd_isdir(f) != isdir)
		return fail(mc, "\"%s\" is both a file and a directory", f->f_name);
	f->f_mode = mode;                       /* an entry that comes again wins */
	if (!isdir) {
		fs->i_bytes += size - f->f_size;
		f->f_size = size;
		f->f_data = data;
	}
	return 0;
}

/*
 * Reads the entry whose header is at mc->off, sets *nextp to the offset
 * of the next header. Returns 0 or EINVAL.
 */
static int mount_entry(struct mount_ctx *mc, size_t *nextp)
{
	struct initrd *fs = mc->fs;
	const struct ustar_header *h = (const void *)(fs->i_base + mc->off);
	size_t data = mc->off + USTAR_BLOCK;
	uint64_t sum, size, mode;
	char shownbuf[SHOWN_MAX];

	header_path(h, mc->path);
	if (memcmp(h->magic, "ustar", 5) != 0)
		return fail(mc, "not a ustar header (make the archive with tar --format=ustar)");
	if (!octal(h->chksum, sizeof(h->chksum), &sum))
		return fail(mc, "the checksum field is not an octal number");
	if (sum != header_sum(h))
		return fail(mc, "bad checksum: the header says %llo, its bytes add up to %llo (octal)",
		    (unsigned long long)sum, (unsigned long long)header_sum(h));
	if (!octal(h->size, sizeof(h->size), &size))
		return fail(mc, "the size field is not an octal number");
	if (!octal(h->mode, sizeof(h->mode), &mode))
		return fail(mc, "the mode field is not an octal number");
	if (size > fs->i_len - data)
		return fail(mc, "its %llu bytes of data run past the end of the archive (%zu bytes)",
		    (unsigned long long)size, fs->i_len);
	*nextp = data + (size_t)((size + USTAR_BLOCK - 1) & ~(uint64_t)(USTAR_BLOCK - 1));
	mode &= 07777;

	switch (h->typeflag) {
	case USTAR_REG:
	case USTAR_AREG:
	case USTAR_CONTIG:
		return add_entry(mc, INITRD_IFREG | mode, fs->i_base + data, size);
	case USTAR_DIR:
		return add_entry(mc, INITRD_IFDIR | mode, NULL, 0);
	default:
		printf("initrd: skipping \"%s\": type %#x is not a file or a directory\n",
		    shown(mc->path, shownbuf, sizeof shownbuf), (unsigned char)h->typeflag);
		return 0;
	}
}

int initrd_mount(struct initrd *fs, const void *base, size_t len, char *why, size_t whylen)
{
	struct mount_ctx mc = { .fs = fs, .why = why, .whylen = whylen };
	int error = 0;
	size_t next = len;

	KASSERT(base != NULL || len == 0);
	KASSERT(why != NULL && whylen > 0);
	root_init(fs);
	fs->i_base = base;
	fs->i_len = len;
	why[0] = '\0';
	for (mc.off = 0; mc.off < len; mc.off = next) {
		mc.path[0] = '\0';
		if (len - mc.off < USTAR_BLOCK) {
			error = fail(&mc, "the archive ends inside this header (%zu bytes)", len);
			break;
		}
		if (zero_block(fs->i_base + mc.off))
			break;                  /* the end */
		if ((error = mount_entry(&mc, &next)) != 0)
			break;
	}
	if (error)
		initrd_unmount(fs);
	return error;
}

/*
 * Frees the tree without recursion: go down to a leaf, taking each
 * child off its parent's list on the way, free the leaf, go back up.
 */
void initrd_unmount(struct initrd *fs)
{
	struct initrd_file *f = &fs->i_root, *up;

	for (;;) {
		if (f->f_children) {
			struct initrd_file *c = f->f_children;
			f->f_children = c->f_next;
			f = c;
			continue;
		}
		if (f == &fs->i_root)
			break;
		up = f->f_parent;
		kmem_free(f, sizeof(*f) + strlen(f->f_name) + 1);
		f = up;
	}
	root_init(fs);
}

int initrd_lookup(const struct initrd *fs, const char *path, const struct initrd_file **fp)
{
	return initrd_lookup_at(&fs->i_root, path, fp);
}

int initrd_lookup_at(const struct initrd_file *at, const char *path,
    const struct initrd_file **fp)
{
	const struct initrd_file *f = at;
	const char *p = path;

	KASSERT(at != NULL && path != NULL && fp != NULL);
	if (*p == '\0')
		return ENOENT;
	if (*p == '/')
		while (f->f_parent != f)
			f = f->f_parent;
	for (;;) {
		bool slash = (*p == '/');
		while (*p == '/')
			p++;
		if (*p == '\0') {
			if (slash && !initrd_isdir(f))
				return ENOTDIR;         /* "/etc/motd/" */
			*fp = f;
			return 0;
		}
		if (!initrd_isdir(f))
			return ENOTDIR;                 /* "/etc/motd/x" */
		size_t n = 0;
		while (p[n] && p[n] != '/')
			n++;
		if (n == 2 && p[0] == '.' && p[1] == '.')
			f = f->f_parent;
		else if (!(n == 1 && p[0] == '.') && (f = find_entry(f, p, n)) == NULL)
			return ENOENT;
		p += n;
	}
}

int initrd_read(const struct initrd_file *f, uint64_t off, void *buf, size_t len,
    size_t *donep)
{
	uint64_t n;

	KASSERT(f != NULL && donep != NULL && (buf != NULL || len == 0));
	*donep = 0;
	if (initrd_isdir(f))
		return EISDIR;
	if (off >= f->f_size)
		return 0;
	n = f->f_size - off;
	if (n > len)
		n = len;
	memcpy(buf, f->f_data + off, (size_t)n);
	*donep = (size_t)n;
	return 0;
}

int initrd_readdir(const struct initrd_file *dir, uint64_t index, struct initrd_dirent *de)
{
	const struct initrd_file *f;

	KASSERT(dir != NULL && de != NULL);
	if (!initrd_isdir(dir))
		return ENOTDIR;
	if (index < 2) {
		de->d_name = index == 0 ? "." : "..";
		de->d_file = index == 0 ? dir : dir->f_parent;
		return 0;
	}
	for (f = dir->f_children, index -= 2; f && index > 0; f = f->f_next, index--)
		continue;
	if (f == NULL)
		return ENOENT;
	de->d_name = f->f_name;
	de->d_file = f;
	return 0;
}

/* --- the boot initrd ------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The module named ...initrd.tar, or the only module; NULL if none. */
static const struct bi_module *find_module(void)
{
	for (int i = 0; i < bootinfo.nmod; i++)
		if (ends_with(bootinfo.mod[i].name, "initrd.tar"))
			return &bootinfo.mod[i];
	return bootinfo.nmod == 1 ? &bootinfo.mod[0] : NULL;
}

/*
 * True if every page of the module is in the direct map. One the direct
 * map does not reach (above DIRECT_MAP_MAXPA on i386) fails here: its
 * direct-map address is unmapped, or maps some other page.
 */
static bool module_mapped(const struct bi_module *m)
{
	paddr_t pa, got;

	if (m->end < m->start)
		return false;
	for (pa = trunc_page(m->start); pa < m->end; pa += PAGE_SIZE)
		if (!pmap_extract(pmap_kernel(), PMAP_DIRECT_MAP(pa), &got) || got != pa)
			return false;
	return true;
}

void initrd_init(void)
{
	const struct bi_module *m = find_module();
	const char *name;
	char why[160];

	root_init(&initrd_boot);
	if (m == NULL) {
		printf("initrd: %s; booting without an initrd\n", bootinfo.nmod == 0 ?
		    "no boot module" : "no boot module is named ...initrd.tar");
		return;
	}
	name = m->name[0] ? m->name : "(the module with no name)";
	if (!module_mapped(m)) {
		printf("initrd: %s at [%#llx, %#llx) is not in the direct map; "
		    "booting without an initrd\n", name,
		    (unsigned long long)m->start, (unsigned long long)m->end);
		return;
	}
	if (initrd_mount(&initrd_boot, (const void *)PMAP_DIRECT_MAP(m->start),
	    (size_t)(m->end - m->start), why, sizeof why) != 0) {
		printf("initrd: %s: bad archive: %s; booting without an initrd\n", name, why);
		return;
	}
	printf("initrd: %s: %d files, %d directories, %llu bytes\n", name,
	    initrd_boot.i_nfiles, initrd_boot.i_ndirs, (unsigned long long)initrd_boot.i_bytes);
}
