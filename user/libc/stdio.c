/*
 * Buffered files (stdio.h). stdout is line-buffered on the console and
 * fully buffered elsewhere, chosen at its first use; stderr is unbuffered;
 * files from fopen are fully buffered with BUFSIZ bytes. Reading from a
 * stream that is not fully buffered first flushes the line-buffered
 * output (so a prompt shows before the program waits for its answer),
 * and exit() flushes everything (__stdio_exit). The buffer states are
 * described in stdio_impl.h; the printf family is in printf.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"
#include "stdio_impl.h"

static unsigned char inbuf[BUFSIZ], outbuf[BUFSIZ];
static struct uvix_file std_files[3] = {
	{ .fd = 0, .flags = F_READ | F_AUTOMODE | F_STATIC, .mode = _IOFBF,
	  .buf = inbuf, .size = BUFSIZ, .ungot = EOF, .next = &std_files[1] },
	{ .fd = 1, .flags = F_WRITE | F_AUTOMODE | F_STATIC, .mode = _IOFBF,
	  .buf = outbuf, .size = BUFSIZ, .ungot = EOF, .next = &std_files[2] },
	{ .fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF,
	  .buf = &std_files[2].onebyte, .size = 1, .ungot = EOF, .next = NULL },
};
FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];
static FILE *all_files = &std_files[0];

/* Before the first read or write: the mode and the buffer. */
static void setup(FILE *f)
{
	if (f->flags & F_AUTOMODE) {
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
		f->flags &= ~F_AUTOMODE;
	}
	if (f->buf == NULL) {
		if (f->mode != _IONBF && (f->buf = malloc(f->size)) != NULL) {
			f->flags |= F_OWNBUF;
		} else {
			f->buf = &f->onebyte;
			f->size = 1;
		}
	}
}

/* Writes all n bytes; returns how many were written (fewer after an error, F_ERR). */
static size_t write_all(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(f->fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			break;
		}
		done += w;
	}
	return done;
}

/* Writes out the output buffer. Returns 0, or EOF on an error. */
static int flush_out(FILE *f)
{
	size_t n = f->wlen;

	f->wlen = 0;
	return write_all(f, f->buf, n) == n ? 0 : EOF;
}

/* Gives back unread input (lseek) so the file position is the program's. */
static void drop_input(FILE *f)
{
	size_t unread = f->rend - f->rpos + (f->ungot != EOF);

	if (unread > 0)
		lseek(f->fd, -(off_t)unread, SEEK_CUR);    /* fails on pipes: nothing to do */
	f->rpos = f->rend = 0;
	f->ungot = EOF;
}

/* Readies f for output. Returns 0, or EOF (EBADF) if it is not open for writing. */
static int start_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	setup(f);
	if (f->rpos != f->rend || f->ungot != EOF)
		drop_input(f);
	return 0;
}

int fputc(int c, FILE *f)
{
	if (start_write(f) == EOF)
		return EOF;
	f->buf[f->wlen++] = (unsigned char)c;
	if (f->wlen == f->size || (f->mode == _IOLBF && c == '\n'))
		if (flush_out(f) == EOF)
			return EOF;
	return (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	const unsigned char *s = p;
	size_t total = size * n, left = total;

	if (total == 0 || start_write(f) == EOF)
		return 0;
	if (left >= f->size - f->wlen) {
		/* Does not fit: out with what is buffered, then the rest directly if large. */
		if (flush_out(f) == EOF)
			return 0;
		if (left >= f->size)
			return write_all(f, s, left) / size;
	}
	memcpy(f->buf + f->wlen, s, left);
	f->wlen += left;
	if (f->mode == _IOLBF && memchr(s, '\n', left) != NULL && flush_out(f) == EOF)
		return 0;
	return n;
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

/* Flushes the output of every line-buffered stream (before reading from a terminal). */
static void flush_line_buffered(void)
{
	for (FILE *f = all_files; f != NULL; f = f->next)
		if (f->mode == _IOLBF && f->wlen > 0)
			flush_out(f);
}

/* Refills the input buffer. Returns 0, or EOF at the end of the file or on an error. */
static int fill(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->flags & F_EOF)
		return EOF;
	setup(f);
	if (f->wlen > 0 && flush_out(f) == EOF)
		return EOF;
	if (f->mode != _IOFBF)
		flush_line_buffered();
	ssize_t n = read(f->fd, f->buf, f->size);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->rpos = 0;
	f->rend = n;
	return 0;
}

int fgetc(FILE *f)
{
	if (f->ungot != EOF) {
		int c = f->ungot;
		f->ungot = EOF;
		return c;
	}
	if (f->rpos == f->rend && fill(f) == EOF)
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* One character of push-back. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || f->ungot != EOF)
		return EOF;
	f->ungot = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *f)
{
	int n = 0, c = 0;

	if (size <= 0)
		return NULL;
	while (n < size - 1 && (c = fgetc(f)) != EOF) {
		s[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n == 0 && c == EOF)
		return NULL;
	s[n] = '\0';
	return s;
}

/*
 * Reads a line, newline included, into *line (grown with realloc, *cap
 * its size). Returns its length, or -1 at the end of the file or on error.
 */
ssize_t getline(char **line, size_t *cap, FILE *f)
{
	size_t n = 0;
	int c;

	if (*line == NULL)
		*cap = 0;
	while ((c = fgetc(f)) != EOF) {
		if (n + 2 > *cap) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, ncap);
			if (p == NULL) {
				f->flags |= F_ERR;
				return -1;
			}
			*line = p;
			*cap = ncap;
		}
		(*line)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n == 0)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
	unsigned char *d = p;
	size_t total = size * n, done = 0;

	if (total == 0)
		return 0;
	if (f->ungot != EOF) {
		d[done++] = (unsigned char)f->ungot;
		f->ungot = EOF;
	}
	while (done < total) {
		if (f->rpos == f->rend && fill(f) == EOF)
			break;
		size_t k = f->rend - f->rpos;
		if (k > total - done)
			k = total - done;
		memcpy(d + done, f->buf + f->rpos, k);
		f->rpos += k;
		done += k;
	}
	return done / size;
}

/* Parses an fopen mode into open() flags and F_READ/F_WRITE; -1 if it is bad. */
static int parse_mode(const char *mode, int *oflags, int *fflags)
{
	switch (mode[0]) {
	case 'r':
		*oflags = O_RDONLY;
		*fflags = F_READ;
		break;
	case 'w':
		*oflags = O_WRONLY | O_CREAT | O_TRUNC;
		*fflags = F_WRITE;
		break;
	case 'a':
		*oflags = O_WRONLY | O_CREAT | O_APPEND;
		*fflags = F_WRITE;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+') {
			*oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
			*fflags = F_READ | F_WRITE;
		} else if (*m == 'e') {
			*oflags |= O_CLOEXEC;
		}                               /* 'b' and others: nothing to do */
	}
	return 0;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, fflags;

	if (parse_mode(mode, &oflags, &fflags) < 0)
		return NULL;
	FILE *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return NULL;
	f->fd = fd;
	f->flags = fflags;
	f->mode = _IOFBF;
	f->size = BUFSIZ;
	f->ungot = EOF;
	f->next = all_files;
	all_files = f;
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int oflags, fflags;

	if (parse_mode(mode, &oflags, &fflags) < 0)
		return NULL;
	int fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, mode);
	if (f == NULL)
		close(fd);
	return f;
}

int fflush(FILE *f)
{
	int r = 0;

	if (f == NULL) {
		for (f = all_files; f != NULL; f = f->next)
			if (f->wlen > 0 && flush_out(f) == EOF)
				r = EOF;
		return r;
	}
	if (f->wlen > 0)
		return flush_out(f);
	if (f->rpos != f->rend || f->ungot != EOF)
		drop_input(f);
	return 0;
}

/* Flushes and closes f, and frees it (unless it is stdin, stdout or stderr). */
int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	for (FILE **pp = &all_files; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	if (!(f->flags & F_STATIC))
		free(f);
	return r;
}

/* Only before the first read or write. With buf NULL, a buffer of size bytes is allocated. */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags &= ~(F_OWNBUF | F_AUTOMODE);
	f->mode = mode;
	if (mode == _IONBF || size == 0) {
		f->buf = &f->onebyte;
		f->size = 1;
	} else {
		f->buf = (unsigned char *)buf;  /* NULL: setup() allocates it */
		f->size = size;
	}
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fseek(FILE *f, long offset, int whence)
{
	if (f->wlen > 0 && flush_out(f) == EOF)
		return -1;
	if (whence == SEEK_CUR)
		offset -= (long)(f->rend - f->rpos) + (f->ungot != EOF);
	f->rpos = f->rend = 0;
	f->ungot = EOF;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

long ftell(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return (long)(pos - (off_t)(f->rend - f->rpos) - (f->ungot != EOF) + (off_t)f->wlen);
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fileno(FILE *f)
{
	return f->fd;
}

void perror(const char *msg)
{
	const char *e = strerror(errno);

	if (msg != NULL && *msg != '\0')
		fprintf(stderr, "%s: %s\n", msg, e);
	else
		fprintf(stderr, "%s\n", e);
}

/* exit(): flush everything (libc.h). */
void __stdio_exit(void)
{
	fflush(NULL);
}
