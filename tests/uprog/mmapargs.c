/*
 * The mmap family refuses lengths, offsets and descriptors it cannot
 * honour, with an errno and before it makes any object (the system-call
 * fuzzer, user/fuzz.c, found each of these as a panic):
 *  - a descriptor that is not a regular file (a directory, a pipe, the
 *    terminal) is ENODEV;
 *  - a length of 0 is EINVAL; one that wraps when rounded to a page, or
 *    reaches beyond the user address space, is ENOMEM;
 *  - an offset that is not page-aligned or negative, or whose end wraps,
 *    is EINVAL (Linux says EOVERFLOW for the last; errno.h has no such);
 *  - a shared anonymous mapping larger than memory and swap together is
 *    ENOMEM, and asking for it does not first take every free page.
 */
#include "uprog.h"
#include "vm/uvmexp.h"

#define PG      4096L
#define RW      (PROT_READ | PROT_WRITE)
#define LONG64  (sizeof(long) == 8)

static long map(long addr, long len, int prot, int flags, long fd, long off)
{
	return usys6(SYS_mmap, addr, len, prot, flags, fd, off);
}

static int64_t allocated(void)
{
	struct uvmexp u;

	UCHECK(usys(SYS_uvmexp, (long)&u, sizeof(u), 0, 0, 0) == sizeof(u));
	return u.pgs_allocated;
}

int umain(long *sp)
{
	/* The top of the user address space: 2^47 on amd64, 3 GiB on i386. */
	long top = LONG64 ? (long)0x800000000000 : (long)0xc0000000;
	int fds[2];

	/* Only a regular file can be mapped. */
	long dir = usys(SYS_open, (long)"/", O_RDONLY, 0, 0, 0);
	UCHECK(dir >= 0);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, dir, 0) == -ENODEV);
	UCHECK(map(0, PG, PROT_READ, MAP_SHARED, dir, 0) == -ENODEV);
	long tdir = usys(SYS_open, (long)"/tests", O_RDONLY, 0, 0, 0);
	UCHECK(tdir >= 0);
	UCHECK(map(0, 3 * PG, PROT_READ, MAP_PRIVATE, tdir, PG) == -ENODEV);
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, fds[0], 0) == -ENODEV);
	UCHECK(map(0, PG, PROT_READ, MAP_SHARED, fds[1], 0) == -ENODEV);
	long tty = usys(SYS_open, (long)"/dev/console", O_RDWR, 0, 0, 0);
	UCHECK(tty >= 0);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, tty, 0) == -ENODEV);

	/* Lengths: 0, wrapping when rounded up, beyond the user space. */
	UCHECK(map(0, 0, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	UCHECK(map(0, -PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, -PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, -1L, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, -PG - 1, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, (long)0xfffff000, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, top + PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, top + PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(top - PG, 2 * PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == -ENOMEM);

	/* Bigger than memory and swap: refused before any page is taken. */
	int64_t before = allocated();
	long huge = LONG64 ? (long)1 << 47 : (long)0xb0000000;
	UCHECK(map(0, huge, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(map(0, huge - 3 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM);
	UCHECK(allocated() - before < 64);

	/* Offsets: unaligned, negative, wrapping at their end. */
	long motd = usys(SYS_open, (long)"/etc/motd", O_RDONLY, 0, 0, 0);
	UCHECK(motd >= 0);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, motd, 1) == -EINVAL);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, motd, PG + 8) == -EINVAL);
	UCHECK(map(0, PG, PROT_READ, MAP_PRIVATE, motd, -PG) == -EINVAL);
	if (LONG64) {
		long last = (long)0x7ffffffffffff000;
		UCHECK(map(0, 2 * PG, PROT_READ, MAP_PRIVATE, motd, last) == -EINVAL);
		UCHECK(map(0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, last) == -EINVAL);
	}
	/* A good mapping still works beside them. */
	long va = map(0, PG, PROT_READ, MAP_PRIVATE, motd, 0);
	UCHECK(va > 0 && (unsigned long)va < (unsigned long)top);
	UCHECK(usys(SYS_munmap, va, PG, 0, 0, 0) == 0);
	va = map(0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	UCHECK(va > 0 && (unsigned long)va < (unsigned long)top);
	*(volatile char *)(va + PG) = 1;
	UCHECK(usys(SYS_munmap, va, 2 * PG, 0, 0, 0) == 0);
	/* Anonymous memory ignores the offset: every page is there, shared across fork. */
	va = map(0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 4 * PG);
	UCHECK(va > 0);
	*(volatile char *)(va + PG) = 7;
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		*(volatile char *)va = 8;
		uexit(*(volatile char *)(va + PG) == 7 ? 0 : 1);
	}
	int status = -1;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid && status == 0);
	UCHECK(*(volatile char *)va == 8);
	UCHECK(usys(SYS_munmap, va, 2 * PG, 0, 0, 0) == 0);
	va = map(0, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 4 * PG);
	UCHECK(va > 0);
	*(volatile char *)va = 9;
	UCHECK(usys(SYS_munmap, va, PG, 0, 0, 0) == 0);
	return 0;
}
