/*
 * Pipes: a 4 KiB ring between a reading and a writing end, copying.
 * Not yet: large writes that loan the writer's pages to the reader
 * instead of copying them twice (DESIGN.md).
 *
 *   read:  waits while the ring is empty and a writer exists; returns
 *          what is there (up to len); 0 at end of file (no writers left)
 *   write: waits while the ring is full and a reader exists; without
 *          readers: EPIPE and SIGPIPE. Interrupted by a signal: the bytes
 *          written so far, or EINTR if none.
 *
 * Two locks. The mutex guards the ring's indices and the open ends, and
 * is held only for moments: never across the copy to or from user space,
 * whose fault may wait for memory for long (kernel/lock.h). The copy runs
 * under a sleeplock instead, one per side: readers take rlock, writers
 * wlock, so one reader and one writer copy at a time, and anyone waiting
 * for either can be interrupted (SIGKILL from the OOM killer included).
 *
 * Why the copy needs no mutex: the bytes [rpos, rpos + count) belong to
 * the reader, the rest of the ring to the writer. A reader copies out of
 * its part and then gives the bytes back (rpos, count, under the mutex);
 * a writer copies into its part and then hands them over (count). The
 * other side only ever makes one's part bigger meanwhile.
 *
 * fstat reports a pipe's serial number as its st_ino, never its address
 * (a kernel address would tell user space where kernel memory is).
 *
 * Lock order: rlock or wlock => the mutex.
 * Lock legend: [p] the pipe's mutex  [r] rlock  [w] wlock  [I] immutable
 *              [a] atomic
 */
#include "kernel/file.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "vm/kmem.h"

#define PIPE_SIZE       4096

struct pipe {
	struct mutex lock;
	struct condvar cv;              /* readers and writers wait here */
	struct sleeplock rlock;         /* the reader that copies */
	struct sleeplock wlock;         /* the writer that copies */
	char buf[PIPE_SIZE];            /* [r] the reader's part, [w] the writer's */
	unsigned rpos, count;           /* [p] */
	int readers, writers;           /* [p] open ends */
	uint32_t serial;                /* [I] its st_ino: 1 for the first pipe made, then 2 ... */
	bool fifo_node;                 /* [p] a named pipe whose node still exists */
	unsigned ropens, wopens;        /* [p] a named pipe's opens so far, of each end */
};

/*
 * The last serial number given out. 32 bits: numbers come back after
 * 2^32 pipes, and two pipes share one only if the older is still open
 * by then.
 */
static uint32_t pipe_serial;            /* [a] */

static int pipe_read(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	struct pipe *pp = fp->f_data;
	int error;

	*done = 0;
	if ((error = sleeplock_enter_sig(&pp->rlock)) != 0)
		return error;
	mutex_enter(&pp->lock);
	while (pp->count == 0 && pp->writers > 0 && !error)
		error = cv_wait_sig(&pp->cv, &pp->lock);
	/* Up to two pieces: to the end of the ring, then from its start. */
	while (!error && len > 0 && pp->count > 0) {
		size_t n = PIPE_SIZE - pp->rpos;
		if (n > pp->count)
			n = pp->count;
		if (n > len)
			n = len;
		const char *src = pp->buf + pp->rpos;
		mutex_exit(&pp->lock);
		error = copyout(src, (char *)ubuf + *done, n);
		mutex_enter(&pp->lock);
		if (error)
			break;
		pp->rpos = (pp->rpos + n) % PIPE_SIZE;
		pp->count -= n;
		*done += n;
		len -= n;
	}
	cv_broadcast(&pp->cv);
	mutex_exit(&pp->lock);
	sleeplock_exit(&pp->rlock);
	return *done ? 0 : error;
}

static int pipe_write(struct file *fp, const void *ubuf, size_t len, size_t *done)
{
	struct pipe *pp = fp->f_data;
	int error;

	*done = 0;
	if ((error = sleeplock_enter_sig(&pp->wlock)) != 0)
		return error;
	mutex_enter(&pp->lock);
	while (len > 0 && !error) {
		if (pp->readers == 0) {
			error = EPIPE;
			break;
		}
		if (pp->count == PIPE_SIZE) {
			error = cv_wait_sig(&pp->cv, &pp->lock);
			continue;
		}
		/* Contiguous free space from the write position, at most len. */
		unsigned wpos = (pp->rpos + pp->count) % PIPE_SIZE;
		size_t n = PIPE_SIZE - pp->count;
		if (n > PIPE_SIZE - wpos)
			n = PIPE_SIZE - wpos;
		if (n > len)
			n = len;
		mutex_exit(&pp->lock);
		error = copyin((const char *)ubuf + *done, pp->buf + wpos, n);
		mutex_enter(&pp->lock);
		if (error)
			break;
		pp->count += n;
		*done += n;
		len -= n;
		cv_broadcast(&pp->cv);
	}
	mutex_exit(&pp->lock);
	sleeplock_exit(&pp->wlock);
	if (error == EPIPE) {
		struct proc *p = curproc();
		struct uvix_siginfo info = { .si_signo = SIGPIPE, .si_pid = p->p_pid };
		signal_post(p, SIGPIPE, &info);
	}
	/* Some bytes went: that is the result, whatever stopped the rest. */
	return *done ? 0 : error;
}

static int pipe_stat(struct file *fp, struct uvix_stat *st)
{
	struct pipe *pp = fp->f_data;

	*st = (struct uvix_stat){ .st_dev = UVIX_DEV_PIPE, .st_ino = pp->serial,
	    .st_mode = S_IFIFO | 0600, .st_nlink = 1, .st_size = pp->count, .st_blksize = PIPE_SIZE };
	return 0;
}

static int pipe_seek(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff)
{
	return ESPIPE;
}

static void pipe_free(struct pipe *pp)
{
	sleeplock_destroy(&pp->wlock);
	sleeplock_destroy(&pp->rlock);
	cv_destroy(&pp->cv);
	mutex_destroy(&pp->lock);
	kmem_free(pp, sizeof(*pp));
}

static void pipe_close(struct file *fp)
{
	struct pipe *pp = fp->f_data;

	mutex_enter(&pp->lock);
	if ((fp->f_flags & O_ACCMODE) == O_RDONLY)
		pp->readers--;
	else
		pp->writers--;
	bool last = pp->readers == 0 && pp->writers == 0;
	if (last && pp->fifo_node) {
		/* A named pipe nobody has open keeps no bytes (as POSIX's). */
		pp->rpos = pp->count = 0;
		last = false;
	}
	cv_broadcast(&pp->cv);
	mutex_exit(&pp->lock);
	if (last)
		pipe_free(pp);
}

static const struct fileops pipe_fileops = {
	.fo_read = pipe_read, .fo_write = pipe_write, .fo_stat = pipe_stat,
	.fo_seek = pipe_seek, .fo_close = pipe_close,
};

/* A pipe with no ends yet, or NULL. */
static struct pipe *pipe_alloc(void)
{
	struct pipe *pp = kmem_zalloc(sizeof(*pp), KM_NOSLEEP);

	if (!pp)
		return NULL;
	mutex_init(&pp->lock, "pipe");
	cv_init(&pp->cv, "pipe");
	sleeplock_init(&pp->rlock, "piperd");
	sleeplock_init(&pp->wlock, "pipewr");
	pp->serial = __atomic_add_fetch(&pipe_serial, 1, __ATOMIC_RELAXED);
	return pp;
}

/*
 * Named pipes. A fifo node of tmpfs owns a pipe from mkfifo on; each open
 * makes a new file of one end, and the pipe outlives the node while ends
 * are open (fifo_free marks it, the last close frees it).
 */
struct pipe *fifo_alloc(void)
{
	struct pipe *pp = pipe_alloc();

	if (pp)
		pp->fifo_node = true;
	return pp;
}

void fifo_free(struct pipe *pp)
{
	mutex_enter(&pp->lock);
	pp->fifo_node = false;
	bool last = pp->readers == 0 && pp->writers == 0;
	mutex_exit(&pp->lock);
	if (last)
		pipe_free(pp);
}

int fifo_open(struct pipe *pp, int flags, struct file **fpp)
{
	int acc = flags & O_ACCMODE, error = 0;
	struct file *fp;

	if (acc == O_RDWR)
		return EINVAL;          /* one end or the other (POSIX leaves O_RDWR undefined) */
	if ((fp = file_alloc(&pipe_fileops, acc, pp)) == NULL)
		return ENOMEM;
	mutex_enter(&pp->lock);
	bool rd = acc == O_RDONLY;
	rd ? (pp->readers++, pp->ropens++) : (pp->writers++, pp->wopens++);
	cv_broadcast(&pp->cv);
	/* Waits for the other end's first open, as a blocking open does. */
	unsigned seen = rd ? pp->wopens : pp->ropens;
	while (!error && (rd ? pp->writers == 0 && pp->wopens == seen :
	    pp->readers == 0 && pp->ropens == seen))
		error = cv_wait_sig(&pp->cv, &pp->lock);
	mutex_exit(&pp->lock);
	if (error) {
		file_release(fp);
		return error;
	}
	*fpp = fp;
	return 0;
}

int pipe_create(struct file *fps[2])
{
	struct pipe *pp = pipe_alloc();

	if (!pp)
		return ENOMEM;
	fps[0] = file_alloc(&pipe_fileops, O_RDONLY, pp);
	fps[1] = file_alloc(&pipe_fileops, O_WRONLY, pp);
	/* The ends that exist; releasing the last one frees the pipe. */
	pp->readers = fps[0] != NULL;
	pp->writers = fps[1] != NULL;
	if (fps[0] && fps[1])
		return 0;
	if (fps[0])
		file_release(fps[0]);
	else if (fps[1])
		file_release(fps[1]);
	else
		pipe_free(pp);
	return ENOMEM;
}
