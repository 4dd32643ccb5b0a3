/*
 * One C function per system call (kernel/abi/syscall.h), in the order of
 * their numbers, for the calls that only pass their arguments on. Calls
 * that convert something live with the rest of their header: sigaction,
 * sigprocmask, sigpending, sigsuspend (signal.c), stat and fstat (stat.c),
 * nanosleep and clock_gettime (time.c), brk and getcwd (unistd.c).
 * SYS_sigreturn is made only by the signal trampoline
 * (arch/$ARCH/syscall.S).
 *
 * Arguments are register-sized. An off_t is 64 bits, so on i386 lseek
 * and mmap can pass only offsets that fit a long; larger ones fail with
 * EINVAL before reaching the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/uvix.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

int errno;

/*
 * The C convention for a raw kernel result: a value in [-4095, -1] is a
 * negated errno, stored in errno, and the result is -1.
 */
long __syscall_ret(long r)
{
	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* syscall(2): for a student's new system call; reads six arguments (musl does too). */
long syscall(long n, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, n);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall(n, a[0], a[1], a[2], a[3], a[4], a[5]));
}

_Noreturn void _exit(int status)
{
	for (;;)
		__syscall(SYS_exit, status, 0, 0, 0, 0, 0);
}

pid_t fork(void)
{
	return _sys0(SYS_fork);
}

ssize_t read(int fd, void *buf, size_t n)
{
	return _sys3(SYS_read, fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return _sys3(SYS_write, fd, buf, n);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return _sys3(SYS_open, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	return _sys1(SYS_close, fd);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return _sys3(SYS_waitpid, pid, status, options);
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return _sys3(SYS_execve, path, argv, envp);
}

pid_t getpid(void)
{
	return _sys0(SYS_getpid);
}

pid_t getppid(void)
{
	return _sys0(SYS_getppid);
}

int kill(pid_t pid, int sig)
{
	return _sys2(SYS_kill, pid, sig);
}

int dup(int fd)
{
	return _sys1(SYS_dup, fd);
}

int dup2(int fd, int newfd)
{
	return _sys2(SYS_dup2, fd, newfd);
}

int pipe(int fds[2])
{
	return _sys1(SYS_pipe, fds);
}

off_t lseek(int fd, off_t offset, int whence)
{
	if ((long)offset != offset) {
		errno = EINVAL;
		return -1;
	}
	return _sys3(SYS_lseek, fd, (long)offset, whence);
}

int getdents(int fd, void *buf, size_t n)
{
	return _sys3(SYS_getdents, fd, buf, n);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	if ((long)offset != offset) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	long r = _sys6(SYS_mmap, addr, len, prot, flags, fd, (long)offset);
	return r == -1 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len)
{
	return _sys2(SYS_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return _sys3(SYS_mprotect, addr, len, prot);
}

int madvise(void *addr, size_t len, int advice)
{
	return _sys3(SYS_madvise, addr, len, advice);
}

int minherit(void *addr, size_t len, int inherit)
{
	return _sys3(SYS_minherit, addr, len, inherit);
}

int sched_yield(void)
{
	return _sys0(SYS_sched_yield);
}

int getpagesize(void)
{
	return _sys0(SYS_getpagesize);
}

int uvmexp(struct uvmexp *u)
{
	return _sys2(SYS_uvmexp, u, sizeof(*u)) < 0 ? -1 : 0;
}

int pageinfo(const void *addr, struct uvix_pageinfo *pi)
{
	return _sys2(SYS_pageinfo, addr, pi) < 0 ? -1 : 0;
}

int faulttrace(uint64_t seq, struct uvix_fault_rec *buf, int n, struct uvix_fault_stats *st)
{
	return _sys6(SYS_faulttrace, (long)seq, buf, n, st, 0, 0);
}

int vmmap(int pid, int index, struct uvix_vmmap_entry *ent, uint64_t pgoff,
    struct uvix_vmmap_page *pages, int npages)
{
	return _sys6(SYS_vmmap, pid, index, ent, (long)pgoff, pages, npages);
}

int mlock(const void *addr, size_t len)
{
	return _sys2(SYS_mlock, addr, len) < 0 ? -1 : 0;
}

int munlock(const void *addr, size_t len)
{
	return _sys2(SYS_munlock, addr, len) < 0 ? -1 : 0;
}

int mlockall(int flags)
{
	return _sys1(SYS_mlockall, flags) < 0 ? -1 : 0;
}

int munlockall(void)
{
	return _sys0(SYS_munlockall) < 0 ? -1 : 0;
}

int getrlimit(int resource, struct rlimit *rlp)
{
	return _sys2(SYS_getrlimit, resource, rlp) < 0 ? -1 : 0;
}

int setrlimit(int resource, const struct rlimit *rlp)
{
	return _sys2(SYS_setrlimit, resource, rlp) < 0 ? -1 : 0;
}

int sysctl(const char *name, int *oldp, const int *newp)
{
	return _sys3(SYS_sysctl, name, oldp, newp) < 0 ? -1 : 0;
}

int sysctl_list(int index, struct uvix_sysctl *out)
{
	return _sys2(SYS_sysctl_list, index, out) < 0 ? -1 : 0;
}

int reboot(int how)
{
	return uvix_reboot(how, 0);
}

int uvix_reboot(int how, int status)
{
	return _sys2(SYS_reboot, how, status);
}

int chdir(const char *path)
{
	return _sys1(SYS_chdir, path);
}

int setpgid(pid_t pid, pid_t pgrp)
{
	return _sys2(SYS_setpgid, pid, pgrp);
}

pid_t getpgrp(void)
{
	return _sys0(SYS_getpgrp);
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return _sys2(SYS_tcsetpgrp, fd, pgrp);
}

int uvix_ps(struct uvix_procinfo *procs, size_t n)
{
	return _sys2(SYS_ps, procs, n);
}

/* ---- files and directories: /tmp (tmpfs) takes them; the initrd says EROFS ---- */

int ftruncate(int fd, off_t length)
{
	return _sys2(SYS_ftruncate, fd, (long)length);
}

int truncate(const char *path, off_t length)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return -1;
	r = ftruncate(fd, length);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int fsync(int fd)
{
	return _sys1(SYS_fsync, fd);
}

int unlink(const char *path)
{
	return _sys1(SYS_unlink, path);
}

int rename(const char *from, const char *to)
{
	return _sys2(SYS_rename, from, to);
}

int link(const char *existing, const char *newpath)
{
	return _sys2(SYS_link, existing, newpath);
}

int mkdir(const char *path, mode_t mode)
{
	return _sys2(SYS_mkdir, path, mode);
}

int rmdir(const char *path)
{
	return _sys1(SYS_rmdir, path);
}

int mkfifo(const char *path, mode_t mode)
{
	return _sys2(SYS_mkfifo, path, mode);
}

int remove(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return rmdir(path);
	return unlink(path);
}
