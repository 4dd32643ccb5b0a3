/*
 * The initrd file system: a read-only tree of files and directories over
 * a POSIX ustar archive that the boot loader loads as a module (QEMU:
 * -initrd build/ARCH/initrd.tar; GRUB: a `module` line). The build makes
 * the archive (README.md, "The initrd"); kernel/initrd.c explains the
 * format and what it checks.
 *
 * Mounting reads every header once and builds a tree of struct
 * initrd_file; file contents are never copied: f_data points into the
 * archive, which stays where the loader put it (its pages are reserved,
 * never handed out) and is reached through the direct map. After the
 * mount the tree never changes, so it needs no lock.
 *
 * Lock legend: [I] immutable once initrd_mount has returned.
 */
#ifndef _KERNEL_INITRD_H_
#define _KERNEL_INITRD_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The file type in f_mode, with the values of POSIX's S_IFMT bits. */
#define INITRD_IFMT     0170000
#define INITRD_IFDIR    0040000
#define INITRD_IFREG    0100000

/* A file or a directory (directories are files too, as in Unix). */
struct initrd_file {
	const char *f_name;             /* [I] last path component; "/" for the root */
	struct initrd_file *f_parent;   /* [I] the root is its own parent */
	struct initrd_file *f_children; /* [I] a directory's entries, sorted by name */
	struct initrd_file *f_next;     /* [I] the next entry of f_parent */
	uint32_t f_mode;                /* [I] INITRD_IF* type | permission bits */
	uint32_t f_ino;                 /* [I] 1 for the root, unique in its file system */
	uint64_t f_size;                /* [I] bytes; 0 for a directory */
	const uint8_t *f_data;          /* [I] f_size bytes inside the archive */
};

/* A mounted archive. */
struct initrd {
	struct initrd_file i_root;      /* [I] "/" */
	const uint8_t *i_base;          /* [I] the archive, i_len bytes */
	size_t i_len;                   /* [I] */
	int i_nfiles, i_ndirs;          /* [I] counted without the root */
	uint64_t i_bytes;               /* [I] the sum of the files' sizes */
};

/*
 * The boot loader's initrd, mounted by initrd_init. Without one (no
 * module, or a bad archive) it is an empty root directory, so every
 * lookup but "/" gives ENOENT.
 */
extern struct initrd initrd_boot;

/*
 * Finds the initrd among the boot modules (the one whose name ends in
 * "initrd.tar", or the only module there is) and mounts it as initrd_boot.
 * Prints what it found; a missing or bad archive is a boot message, never
 * a panic.
 * => once, in kmain after uvm_init (it allocates with kmem).
 */
void initrd_init(void);

/*
 * Mounts the ustar archive [base, base + len) as fs.
 * => the archive must stay readable and unchanged while fs is mounted.
 * => returns 0, or EINVAL for a bad archive, with a one-line reason in
 *    why[whylen]; fs is then an empty root directory. Entries of types
 *    we do not support (links, devices) are skipped with a message.
 * => the caller frees the tree with initrd_unmount.
 */
int initrd_mount(struct initrd *fs, const void *base, size_t len, char *why, size_t whylen);

/* Frees fs's tree, leaving an empty root directory. */
void initrd_unmount(struct initrd *fs);

/*
 * Looks up path in fs. initrd_lookup starts from the root; initrd_lookup_at
 * from the directory `at`, unless path begins with '/' (a later cwd).
 * Repeated slashes, "." and ".." are handled ("/.." is "/"); a trailing
 * slash requires a directory.
 * => returns 0 and sets *fp, or ENOENT (no such name, or an empty path),
 *    or ENOTDIR (a component before the last, or `at`, is not a
 *    directory).
 */
int initrd_lookup(const struct initrd *fs, const char *path, const struct initrd_file **fp);
int initrd_lookup_at(const struct initrd_file *at, const char *path,
    const struct initrd_file **fp);

/*
 * Copies up to len bytes of f from offset off into buf and sets *donep to
 * the number copied: 0 at or past the end of the file.
 * => returns 0, or EISDIR if f is a directory.
 */
int initrd_read(const struct initrd_file *f, uint64_t off, void *buf, size_t len,
    size_t *donep);

/* One directory entry, as initrd_readdir returns it. */
struct initrd_dirent {
	const char *d_name;             /* ".", "..", or the entry's f_name */
	const struct initrd_file *d_file;
};

/*
 * The entry number `index` of directory dir: 0 is ".", 1 is "..", then
 * the entries sorted by name. A later getdents keeps index as its offset.
 * => returns 0 and fills *de, ENOENT past the last entry, or ENOTDIR.
 */
int initrd_readdir(const struct initrd_file *dir, uint64_t index, struct initrd_dirent *de);

static inline bool initrd_isdir(const struct initrd_file *f)
{
	return (f->f_mode & INITRD_IFMT) == INITRD_IFDIR;
}

#endif
