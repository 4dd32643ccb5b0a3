/* unistd.h: POSIX system calls and the libc functions around them. */
#ifndef _UNISTD_H_
#define _UNISTD_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STDIN_FILENO    0
#define STDOUT_FILENO   1
#define STDERR_FILENO   2

#ifndef SEEK_SET
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#endif

/* access()'s mode. */
#define F_OK            0
#define X_OK            1
#define W_OK            2
#define R_OK            4

extern char **environ;
extern char *optarg;
extern int optind, opterr, optopt;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
int dup(int fd);
int dup2(int fd, int newfd);
off_t lseek(int fd, off_t offset, int whence);
int pipe(int fds[2]);
int isatty(int fd);
int access(const char *path, int mode);         /* the owner's bits (one user); EROFS outside /tmp for W_OK */
int ftruncate(int fd, off_t length);
int truncate(const char *path, off_t length);
int fsync(int fd);
int unlink(const char *path);
int link(const char *existing, const char *newpath);
int rmdir(const char *path);

pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
_Noreturn void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
int setpgid(pid_t pid, pid_t pgrp);
pid_t getpgrp(void);
int tcsetpgrp(int fd, pid_t pgrp);

int brk(void *addr);
void *sbrk(intptr_t incr);
int getpagesize(void);

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

int chdir(const char *path);
char *getcwd(char *buf, size_t size);

int getopt(int argc, char *const argv[], const char *optstring);

/* sysconf() names (Linux's numbers). */
#define _SC_ARG_MAX             0
#define _SC_CLK_TCK             2
#define _SC_OPEN_MAX            4
#define _SC_PAGESIZE            30
#define _SC_PAGE_SIZE           _SC_PAGESIZE
#define _SC_NPROCESSORS_CONF    83
#define _SC_NPROCESSORS_ONLN    84
#define _SC_PHYS_PAGES          85
#define _SC_AVPHYS_PAGES        86
long sysconf(int name);

/* Sends SIGALRM in `seconds` (0: cancels); returns the seconds the last one had left. */
unsigned int alarm(unsigned int seconds);

/* System call n with up to six arguments (numbers in <sys/syscall.h>). */
long syscall(long n, ...);

/* Waits until a signal is delivered; returns -1 with errno EINTR. */
int pause(void);

#endif
