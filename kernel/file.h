/*
 * Open files. A descriptor in a process's table points at a struct file
 * (shared by dup and fork, reference counted); the file points at its
 * object (an initrd file, the console, one end of a pipe) and its ops.
 *
 * Lock legend: [I] immutable  [F] file_lock (a spinlock: the counts)
 *              [o] the file's own lock, in its ops, for the offset
 */
#ifndef _KERNEL_FILE_H_
#define _KERNEL_FILE_H_

#include <stddef.h>
#include "kernel/abi/fcntl.h"
#include "kernel/abi/types.h"
#include "kernel/lock.h"

struct file;
struct proc;

struct fileops {
	/* Each moves bytes between the file and a user buffer; returns 0 or an errno. */
	int (*fo_read)(struct file *fp, void *ubuf, size_t len, size_t *done);
	int (*fo_write)(struct file *fp, const void *ubuf, size_t len, size_t *done);
	int (*fo_stat)(struct file *fp, struct uvix_stat *st);
	int (*fo_seek)(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff);
	int (*fo_getdents)(struct file *fp, void *ubuf, size_t len, size_t *done);
	/* ftruncate (NULL: EINVAL); the descriptor was checked for writing. */
	int (*fo_truncate)(struct file *fp, uvix_off_t len);
	void (*fo_close)(struct file *fp);      /* the last reference is gone */
};

struct file {
	const struct fileops *f_ops;            /* [I] */
	int f_refs;                             /* [F] descriptors pointing here */
	int f_flags;                            /* [I] O_ACCMODE | O_APPEND */
	struct sleeplock f_lock;                /* serializes reads/seeks, guards f_offset;
	                                           held across copies (kernel/lock.h) */
	uvix_off_t f_offset;                    /* [o] */
	void *f_data;                           /* [I] the object */
};

/* A new file with one reference (not yet in any table), or NULL. */
struct file *file_alloc(const struct fileops *ops, int flags, void *data);
void file_hold(struct file *fp);
/* Drops a reference; the last calls fo_close and frees fp. */
void file_release(struct file *fp);

/*
 * Descriptors of the current process. fd_get returns a held file (release
 * it) or NULL for a bad descriptor; fd_install takes over a reference and
 * returns the lowest free descriptor, or -EMFILE.
 */
struct file *fd_get(int fd);
int fd_install(struct file *fp, bool cloexec);
int fd_close(int fd);
int fd_dup(int fd);
int fd_dup2(int from, int to);

/* fork: the child's table is a copy (each file one more reference). */
void file_fork(struct proc *parent, struct proc *child);
void file_close_on_exec(struct proc *p);
void file_close_all(struct proc *p);

/*
 * Open an initrd file (kernel/file_initrd.c; vfs_open calls it) and the
 * console (kernel/tty.c). initrd_file_stat fills *st for f.
 */
struct initrd_file;
int file_initrd_open(const struct initrd_file *f, int flags, struct file **fpp);
void initrd_file_stat(const struct initrd_file *f, struct uvix_stat *st);
/* If fp is an initrd file, sets *fpp to it and returns true (mmap). */
bool file_initrd_get(struct file *fp, const struct initrd_file **fpp);
struct file *tty_open(int flags);
/* A pipe's two ends (kernel/pipe.c): [0] reads, [1] writes. */
int pipe_create(struct file *fps[2]);
/*
 * Named pipes (kernel/pipe.c): the pipe of a fifo node, made with it and
 * let go with it (fifo_free; open ends keep it until their last close).
 * fifo_open opens one end (O_RDONLY or O_WRONLY: EINVAL for O_RDWR) and
 * waits until the other end is opened too (EINTR if a signal comes).
 */
struct pipe;
struct pipe *fifo_alloc(void);
void fifo_free(struct pipe *pp);
int fifo_open(struct pipe *pp, int flags, struct file **fpp);

#endif
