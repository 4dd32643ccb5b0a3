/*
 * The pageinfo system call: ENOENT where nothing is mapped; an anon's
 * page after a write (one reference, writable); after fork the parent and
 * the child see the same physical page, two references, read-only; the
 * child's write gives it another page; a file mapping's page belongs to
 * an object; bad addresses are EFAULT.
 */
#include "uprog.h"

#define PG      4096

static long info(long addr, struct uvix_pageinfo *pi)
{
	return usys(SYS_pageinfo, addr, (long)pi, 0, 0, 0);
}

int umain(long *sp)
{
	struct uvix_pageinfo pi, pc;
	(void)sp;
	long a = usys6(SYS_mmap, 0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	UCHECK(a > 0);
	UCHECK(info(a, &pi) == -ENOENT);                /* never touched */
	*(volatile char *)a = 1;
	UCHECK(info(a + 5, &pi) == 0);
	UCHECK(pi.pi_owner == UVIX_PAGE_OWNER_ANON && pi.pi_anon_refs == 1 && pi.pi_writable);
	UCHECK(pi.pi_loan_count == 0 && pi.pi_wire_count == 0 && pi.pi_pfn != 0);

	int fds[2];
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		(void)*(volatile char *)a;
		if (info(a, &pc) != 0)
			uexit(10);
		usys(SYS_write, fds[1], (long)&pc, sizeof(pc), 0, 0);
		*(volatile char *)a = 2;
		if (info(a, &pc) != 0)
			uexit(11);
		usys(SYS_write, fds[1], (long)&pc, sizeof(pc), 0, 0);
		uexit(0);
	}
	struct uvix_pageinfo shared, copied;
	UCHECK(usys(SYS_read, fds[0], (long)&shared, sizeof(shared), 0, 0) == sizeof(shared));
	UCHECK(usys(SYS_read, fds[0], (long)&copied, sizeof(copied), 0, 0) == sizeof(copied));
	int status = -1;
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid && status == 0);
	UCHECK(shared.pi_pfn == pi.pi_pfn && shared.pi_anon_refs == 2 && !shared.pi_writable);
	UCHECK(copied.pi_pfn != pi.pi_pfn && copied.pi_anon_refs == 1 && copied.pi_writable);

	long fd = usys(SYS_open, (long)"/etc/motd", O_RDONLY, 0, 0, 0);
	UCHECK(fd >= 0);
	long f = usys6(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	UCHECK(f > 0);
	(void)*(volatile char *)f;
	UCHECK(info(f, &pi) == 0 && pi.pi_owner == UVIX_PAGE_OWNER_OBJECT && !pi.pi_writable);

	UCHECK(info(a, 0) == -EFAULT);
	UCHECK(info(a, (struct uvix_pageinfo *)f) == -EFAULT);  /* read-only buffer */
	UCHECK(info(-PG, &pi) == -EFAULT);                      /* not a user address */
	return 0;
}
