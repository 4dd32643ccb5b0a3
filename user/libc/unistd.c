/*
 * unistd.h functions built on the system calls: the break, sleeping,
 * exec with a PATH search, isatty, access, getcwd.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

/*
 * The break. SYS_brk(addr) moves the end of the heap to addr rounded up
 * to a page and returns that end; SYS_brk(0) only returns it. curbrk is
 * the break as the program sees it, to the byte: the kernel's end is at
 * or above it, within a page.
 */
static char *curbrk;

int brk(void *addr)
{
	long r = _sys1(SYS_brk, addr);

	if (r == -1)
		return -1;
	if ((uintptr_t)r < (uintptr_t)addr) {   /* the end did not move there */
		errno = ENOMEM;
		return -1;
	}
	curbrk = addr;
	return 0;
}

/* Moves the break by incr bytes; returns the old break, or (void *)-1 with errno. */
void *sbrk(intptr_t incr)
{
	if (curbrk == NULL) {
		long r = _sys1(SYS_brk, 0);
		if (r == -1)
			return (void *)-1;
		curbrk = (char *)r;
	}
	char *old = curbrk;
	if (incr == 0)
		return old;
	if ((incr > 0 && (uintptr_t)old + incr < (uintptr_t)old) ||
	    (incr < 0 && (uintptr_t)old < (uintptr_t)-incr)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk(old + incr) < 0)
		return (void *)-1;
	return old;
}

/* Returns 0, or the seconds left if a signal interrupted the sleep. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { .tv_sec = seconds }, rem;

	if (nanosleep(&ts, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { .tv_sec = usec / 1000000, .tv_nsec = (usec % 1000000) * 1000L };

	return nanosleep(&ts, NULL);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * Runs file, looked up in each directory of $PATH ("/bin" if unset)
 * unless it contains a '/'. Returns -1 with errno: EACCES if some
 * candidate was refused, else the last error (ENOENT if none exists).
 */
int execvp(const char *file, char *const argv[])
{
	char buf[PATH_MAX];
	const char *path = getenv("PATH");
	int saw_eacces = 0;

	if (*file == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/') != NULL)
		return execv(file, argv);
	if (path == NULL)
		path = "/bin";
	size_t flen = strlen(file);
	for (const char *p = path;; p++) {
		const char *dir = p;
		p += strcspn(p, ":");
		size_t dlen = p - dir;
		if (dlen == 0) {                /* an empty entry is the current directory */
			dir = ".";
			dlen = 1;
		}
		if (dlen + 1 + flen < sizeof(buf)) {
			memcpy(buf, dir, dlen);
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			execv(buf, argv);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;      /* it exists but could not run: say why */
		}
		if (*p == '\0')
			break;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

/* execl and execlp: the arguments, up to a NULL, as an argv array. */
#define ARGV_FROM_VA(arg, argv) do {                                    \
	va_list ap;                                                     \
	int n = 1;                                                      \
	va_start(ap, arg);                                              \
	while (va_arg(ap, char *) != NULL)                              \
		n++;                                                    \
	va_end(ap);                                                     \
	argv = __builtin_alloca((n + 1) * sizeof(char *));              \
	argv[0] = (char *)arg;                                          \
	va_start(ap, arg);                                              \
	for (int i = 1; i <= n; i++)                                    \
		argv[i] = va_arg(ap, char *);                           \
	va_end(ap);                                                     \
} while (0)

int execl(const char *path, const char *arg, ...)
{
	char **argv;

	ARGV_FROM_VA(arg, argv);
	return execv(path, argv);
}

int execlp(const char *file, const char *arg, ...)
{
	char **argv;

	ARGV_FROM_VA(arg, argv);
	return execvp(file, argv);
}

/* The console is the only character device, so a character device is a terminal. */
int isatty(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return 0;
	if (!S_ISCHR(st.st_mode)) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}

/* There are no users: a file exists, and X_OK needs an x bit (or a directory). */
int access(const char *path, int mode)
{
	return _sys2(SYS_access, path, mode);
}

/* With buf NULL, allocates size bytes (PATH_MAX if size is 0) for the caller to free. */
char *getcwd(char *buf, size_t size)
{
	char *p = buf;

	if (buf == NULL) {
		if (size == 0)
			size = PATH_MAX;
		if ((p = malloc(size)) == NULL)
			return NULL;
	} else if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (_sys2(SYS_getcwd, p, size) < 0) {
		if (buf == NULL)
			free(p);
		return NULL;
	}
	return p;
}
