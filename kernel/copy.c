/*
 * copyin/copyout (see kernel/copy.h). The range check keeps user
 * pointers out of kernel space; md_copy's fault recovery turns a fault on
 * an address the process's map does not allow into EFAULT. Faults on
 * allowed addresses are resolved by trap() (uvm_fault) and the copy goes
 * on, so copying into a page that was never touched just works.
 *
 * Such a fault may wait for memory, for as long as the pagedaemon needs,
 * so no mutex may be held across a copy (kernel/lock.h says why): the
 * copy functions check it.
 */
#include <machine/vmparam.h>
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/thread.h"

/* The copy may fault and wait: no mutex held (a sleeplock may be). */
static void copy_check_locks(const char *what)
{
	KASSERTMSG(curthread->t_mutexes == 0, "%s with %d mutexes held",
	    what, curthread->t_mutexes);
}

bool user_range_ok(vaddr_t uaddr, size_t len)
{
	return uaddr + len >= uaddr && uaddr + len <= VM_MAXUSER_ADDRESS;
}

int copyin(const void *uaddr, void *kaddr, size_t len)
{
	copy_check_locks("copyin");
	if (!user_range_ok((vaddr_t)uaddr, len))
		return EFAULT;
	return md_copy(kaddr, uaddr, len);
}

int copyout(const void *kaddr, void *uaddr, size_t len)
{
	copy_check_locks("copyout");
	if (!user_range_ok((vaddr_t)uaddr, len))
		return EFAULT;
	return md_copy(uaddr, kaddr, len);
}

int copyinstr(const void *uaddr, char *kaddr, size_t maxlen, size_t *done)
{
	const char *u = uaddr;

	copy_check_locks("copyinstr");
	for (size_t i = 0; i < maxlen; i++) {
		if (!user_range_ok((vaddr_t)(u + i), 1) || md_copy(&kaddr[i], u + i, 1))
			return EFAULT;
		if (kaddr[i] == '\0') {
			if (done)
				*done = i + 1;
			return 0;
		}
	}
	return ENAMETOOLONG;
}
