/*
 * The console terminal (see kernel/tty.h).
 *
 * Lock legend: [t] tty_lock (a spinlock: the receive interrupt takes it)
 *              [s] sched_lock (the sleep queues)
 * Lock order: tty_lock => sched_lock.
 */
#include "kernel/tty.h"
#include "kernel/console.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sleepq.h"
#include "kernel/thread.h"

#define TTY_BUFSIZE     512
/* tty_write copies user bytes onto its stack this many at a time. */
#define TTY_WRITE_CHUNK 256
#define CTRL(c)         ((c) & 0x1f)

static struct spinlock tty_lock = SPINLOCK_INITIALIZER("tty");
static struct {
	char buf[TTY_BUFSIZE];          /* [t] the input: lines, then the one being edited */
	unsigned rpos, epos, wpos;      /* [t] read here; lines end before epos; editing to wpos */
	int eofs;                       /* [t] ^D's waiting to end a read */
	bool active;                    /* [t] a process has opened the console */
	uvix_pid_t fgpgrp;              /* [t] */
	bool intr_pending;              /* [t] ^C typed, SIGINT not yet posted */
} tty;
static struct sleepq tty_readers = SLEEPQ_INITIALIZER(tty_readers);     /* [s] */
static struct sleepq tty_intrq = SLEEPQ_INITIALIZER(tty_intrq);         /* [s] */

/* Posts SIGINT for ^C: a thread, since an interrupt cannot take proc_lock. */
static void tty_intr_thread(void *arg)
{
	for (;;) {
		spinlock_enter(&tty_lock);
		bool pending = tty.intr_pending;
		uvix_pid_t pgrp = tty.fgpgrp;
		tty.intr_pending = false;
		if (!pending) {
			spinlock_enter(&sched_lock);
			spinlock_exit(&tty_lock);
			/* tty_lock is released: sched_lock alone, as sleepq_block wants. */
			sleepq_block(&tty_intrq, 0);
			spinlock_exit(&sched_lock);
			continue;
		}
		spinlock_exit(&tty_lock);
		if (pgrp > 0)
			signal_pgrp(pgrp, SIGINT);
	}
}

void tty_init(void)
{
	if (thread_create("ttyintr", tty_intr_thread, NULL, NULL) != 0)
		panic("tty_init: no memory for the tty thread");
}

static void wake(struct sleepq *q)
{
	spinlock_enter(&sched_lock);
	sleepq_wake_all(q);
	spinlock_exit(&sched_lock);
}

void tty_input(int c)
{
	spinlock_enter(&tty_lock);
	if (!tty.active) {
		spinlock_exit(&tty_lock);
		return;
	}
	if (c == CTRL('C')) {
		tty.wpos = tty.epos;            /* the line being edited is dropped */
		tty.intr_pending = true;
		cons_putc('^'), cons_putc('C'), cons_putc('\n');
		wake(&tty_intrq);
	} else if (c == '\b' || c == 0x7f) {
		if (tty.wpos != tty.epos) {
			tty.wpos--;
			cons_putc('\b'), cons_putc(' '), cons_putc('\b');
		}
	} else if (c == CTRL('U')) {
		while (tty.wpos != tty.epos) {
			tty.wpos--;
			cons_putc('\b'), cons_putc(' '), cons_putc('\b');
		}
	} else if (c == CTRL('D')) {
		tty.epos = tty.wpos;            /* what is there is a line, maybe empty */
		tty.eofs++;
		wake(&tty_readers);
	} else if (tty.wpos - tty.rpos < TTY_BUFSIZE - 1 || c == '\n') {
		if (tty.wpos - tty.rpos < TTY_BUFSIZE)
			tty.buf[tty.wpos++ % TTY_BUFSIZE] = (char)c;
		cons_putc(c);
		if (c == '\n') {
			tty.epos = tty.wpos;
			wake(&tty_readers);
		}
	}
	spinlock_exit(&tty_lock);
}

void tty_set_fgpgrp(uvix_pid_t pgrp)
{
	spinlock_enter(&tty_lock);
	tty.fgpgrp = pgrp;
	spinlock_exit(&tty_lock);
}

bool tty_set_active(bool on)
{
	spinlock_enter(&tty_lock);
	bool was = tty.active;
	tty.active = on;
	spinlock_exit(&tty_lock);
	return was;
}

/* Reads what is there of complete lines, waiting for one; ^D gives 0. */
static int tty_read(struct file *fp, void *ubuf, size_t len, size_t *done)
{
	char kbuf[TTY_BUFSIZE];
	size_t n = 0;

	*done = 0;
	for (;;) {
		spinlock_enter(&tty_lock);
		if (tty.rpos != tty.epos || tty.eofs)
			break;
		spinlock_enter(&sched_lock);
		spinlock_exit(&tty_lock);
		int error = sleepq_block_sig(&tty_readers, 0);
		spinlock_exit(&sched_lock);
		if (error)
			return error;
	}
	while (n < len && n < sizeof(kbuf) && tty.rpos != tty.epos) {
		char c = tty.buf[tty.rpos++ % TTY_BUFSIZE];
		kbuf[n++] = c;
		if (c == '\n')
			break;
	}
	if (n == 0 && tty.eofs)
		tty.eofs--;                     /* an end of file: read returns 0 */
	spinlock_exit(&tty_lock);
	*done = n;
	return copyout(kbuf, ubuf, n);
}

static int tty_write(struct file *fp, const void *ubuf, size_t len, size_t *done)
{
	char kbuf[TTY_WRITE_CHUNK];
	size_t total = 0;

	while (total < len) {
		size_t n = len - total < sizeof(kbuf) ? len - total : sizeof(kbuf);
		if (copyin((const char *)ubuf + total, kbuf, n) != 0) {
			*done = total;
			return total ? 0 : EFAULT;
		}
		bool locked = cons_lock();
		for (size_t i = 0; i < n; i++)
			cons_putc(kbuf[i]);
		cons_unlock(locked);
		total += n;
	}
	*done = total;
	return 0;
}

static int tty_stat(struct file *fp, struct uvix_stat *st)
{
	*st = (struct uvix_stat){ .st_dev = UVIX_DEV_TTY, .st_ino = 1, .st_mode = S_IFCHR | 0620,
	    .st_nlink = 1, .st_blksize = 1 };
	return 0;
}

static int tty_seek(struct file *fp, uvix_off_t off, int whence, uvix_off_t *newoff)
{
	return ESPIPE;
}

static const struct fileops tty_fileops = {
	.fo_read = tty_read, .fo_write = tty_write, .fo_stat = tty_stat, .fo_seek = tty_seek,
};

struct file *tty_open(int flags)
{
	spinlock_enter(&tty_lock);
	tty.active = true;
	spinlock_exit(&tty_lock);
	return file_alloc(&tty_fileops, flags, NULL);
}
