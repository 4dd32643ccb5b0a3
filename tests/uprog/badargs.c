/*
 * Bad input to system calls gives an errno, never a panic: bad pointers
 * (unmapped, kernel addresses, wrapping ranges), bad descriptors, bad
 * numbers, bad flags and lengths, paths too long.
 */
#include "uprog.h"
#include "kernel/abi/limits.h"

int umain(long *sp)
{
	/* The kernel image: mapped, so only the range check can refuse it. */
	long kernel = sizeof(long) == 8 ? (long)0xffffffff80100000 : (long)0xc0100000;
	char buf[16];
	int fds[2];

	UCHECK(usys(SYS_write, 1, 0x10, 4, 0, 0) == -EFAULT);          /* unmapped */
	UCHECK(usys(SYS_write, 1, kernel, 4, 0, 0) == -EFAULT);        /* kernel */
	UCHECK(usys(SYS_read, 0, -4096, 8192, 0, 0) == -EFAULT);       /* wraps */
	UCHECK(usys(SYS_write, 99, (long)buf, 1, 0, 0) == -EBADF);
	UCHECK(usys(SYS_write, -1, (long)buf, 1, 0, 0) == -EBADF);
	UCHECK(usys(SYS_close, 1000, 0, 0, 0, 0) == -EBADF);
	UCHECK(usys(SYS_open, 0x10, O_RDONLY, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_open, kernel, O_RDONLY, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_open, (long)"/no/such/file", O_RDONLY, 0, 0, 0) == -ENOENT);
	UCHECK(usys(SYS_open, (long)"/etc/motd", O_WRONLY, 0, 0, 0) == -EROFS);
	UCHECK(usys(SYS_pipe, 0x10, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_pipe, kernel, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_waitpid, -1, kernel, 0, 0, 0) == -ECHILD);
	UCHECK(usys(SYS_execve, 0x10, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_execve, (long)"/etc/motd", 0, 0, 0, 0) == -ENOEXEC);
	UCHECK(usys(SYS_execve, (long)"/tests/bin/hello", 0x10, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_sigaction, 99, 0, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_sigaction, SIGUSR1, 0x10, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_sigprocmask, 7, (long)buf, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_kill, 99999, SIGTERM, 0, 0, 0) == -ESRCH);
	UCHECK(usys(SYS_kill, 1, 99, 0, 0, 0) == -EINVAL);
	UCHECK(usys6(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	UCHECK(usys6(SYS_mmap, 0x1001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == -EINVAL);
	UCHECK(usys6(SYS_mmap, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == -EINVAL);
	UCHECK(usys6(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, 77, 0) == -EBADF);
	UCHECK(usys(SYS_munmap, 0x1001, 4096, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_munmap, kernel & ~4095L, 4096, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_mprotect, 0x10000000, 4096, PROT_READ, 0, 0) == -ENOMEM);
	UCHECK(usys(SYS_nanosleep, 0x10, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_clock_gettime, 9, (long)buf, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_uvmexp, 0x10, 64, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_MAXSYSCALL, 0, 0, 0, 0, 0) == -ENOSYS);
	UCHECK(usys(-5, 0, 0, 0, 0, 0) == -ENOSYS);
	UCHECK(usys(SYS_reboot, 99, 0, 0, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_chdir, (long)"/etc/motd", 0, 0, 0, 0) == -ENOTDIR);
	UCHECK(usys(SYS_getcwd, (long)buf, 1, 0, 0, 0) == -ERANGE);
	/* Every call that takes a pointer refuses a bad one. */
	long fd = usys(SYS_open, (long)"/tests", O_RDONLY, 0, 0, 0);
	UCHECK(fd >= 0);
	UCHECK(usys(SYS_getdents, fd, kernel, 512, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_getdents, fd, 0x10, 512, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_fstat, fd, kernel, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_fstat, 77, (long)buf, 0, 0, 0) == -EBADF);
	UCHECK(usys(SYS_read, fd, (long)buf, 1, 0, 0) == -EISDIR);
	UCHECK(usys(SYS_stat, (long)"/etc/motd", kernel, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_stat, kernel, (long)buf, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_read, 0, kernel, 4, 0, 0) == -EFAULT);  /* into the kernel */
	UCHECK(usys(SYS_sigpending, kernel, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_sigsuspend, 0x10, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_sigprocmask, SIG_BLOCK, 0x10, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_ps, kernel, 4, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_getcwd, kernel, 64, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_chdir, 0x10, 0, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_clock_gettime, 0, kernel, 0, 0, 0) == -EFAULT);
	UCHECK(usys(SYS_lseek, fd, 0, 99, 0, 0) == -EINVAL);
	UCHECK(usys(SYS_dup2, fd, 1000, 0, 0, 0) == -EBADF);
	UCHECK(usys(SYS_close, fd, 0, 0, 0, 0) == 0);
	UCHECK(usys(SYS_tcsetpgrp, 55, 1, 0, 0, 0) == -EBADF);
	UCHECK(usys(SYS_brk, -4096L, 0, 0, 0, 0) == -ENOMEM);
	/* A path of UVIX_PATH_MAX bytes leaves no room for its NUL. */
	char path[UVIX_PATH_MAX + 1];
	for (int i = 0; i < UVIX_PATH_MAX; i++)
		path[i] = '/';
	path[UVIX_PATH_MAX] = '\0';
	UCHECK(usys(SYS_chdir, (long)path, 0, 0, 0, 0) == -ENAMETOOLONG);
	UCHECK(usys(SYS_open, (long)path, O_RDONLY, 0, 0, 0) == -ENAMETOOLONG);
	UCHECK(usys(SYS_execve, (long)path, 0, 0, 0, 0) == -ENAMETOOLONG);
	path[UVIX_PATH_MAX - 1] = '\0';         /* one byte shorter: the root */
	UCHECK(usys(SYS_chdir, (long)path, 0, 0, 0, 0) == 0);
	UCHECK(usys(SYS_getcwd, (long)buf, sizeof(buf), 0, 0, 0) == 2 && buf[0] == '/' && !buf[1]);
	/* A good call still works after all that. */
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	UCHECK(usys(SYS_write, fds[1], (long)"ok", 2, 0, 0) == 2);
	UCHECK(usys(SYS_read, fds[0], (long)buf, sizeof(buf), 0, 0) == 2);
	return 0;
}
