/*
 * The printf family on FILEs and file descriptors, over the engine in
 * format.c. Output for an unbuffered stream (stderr) or a descriptor
 * (dprintf) is gathered in a buffer on the stack first, so that one
 * message is one write() rather than one per piece of the format.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format.h"
#include "stdio_impl.h"

struct file_sink {
	struct fmt_sink sink;
	FILE *f;                        /* the stream, or NULL for */
	int fd;                         /* a descriptor */
	bool failed;                    /* a write to fd failed */
	size_t n;                       /* bytes gathered in buf */
	char buf[512];
};

/* Sends n bytes on to the stream or the descriptor. */
static void pass_on(struct file_sink *fs, const char *s, size_t n)
{
	if (fs->f != NULL) {
		fwrite(s, 1, n, fs->f);
		return;
	}
	while (n > 0 && !fs->failed) {
		ssize_t w = write(fs->fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fs->failed = true;
			break;
		}
		s += w;
		n -= w;
	}
}

static void gather_flush(struct file_sink *fs)
{
	pass_on(fs, fs->buf, fs->n);
	fs->n = 0;
}

static void gather_put(struct fmt_sink *sink, const char *s, size_t n)
{
	struct file_sink *fs = (struct file_sink *)sink;

	if (fs->n + n > sizeof(fs->buf))
		gather_flush(fs);
	if (n >= sizeof(fs->buf)) {
		pass_on(fs, s, n);
		return;
	}
	memcpy(fs->buf + fs->n, s, n);
	fs->n += n;
}

/* A buffered stream does the gathering itself. */
static void stream_put(struct fmt_sink *sink, const char *s, size_t n)
{
	pass_on((struct file_sink *)sink, s, n);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct file_sink fs = { .f = f };
	bool unbuffered = f->mode == _IONBF && !(f->flags & F_AUTOMODE);
	bool had_error = ferror(f);

	fs.sink.put = unbuffered ? gather_put : stream_put;
	int r = __vformat(&fs.sink, fmt, ap);
	if (unbuffered)
		gather_flush(&fs);
	return !had_error && ferror(f) ? -1 : r;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct file_sink fs = { .sink = { gather_put }, .fd = fd };

	int r = __vformat(&fs.sink, fmt, ap);
	gather_flush(&fs);
	return fs.failed ? -1 : r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
