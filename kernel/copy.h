/*
 * Moving data between the kernel and the current process's user space.
 * Every function checks that the user range lies in user space (below
 * VM_MAXUSER_ADDRESS, without wrapping), then copies with fault
 * recovery: a page that is not there yet is faulted in (uvm_fault on the
 * process's map), and an address the map does not allow gives EFAULT.
 * Never a panic, whatever the user passes.
 */
#ifndef _KERNEL_COPY_H_
#define _KERNEL_COPY_H_

#include <stddef.h>
#include <machine/types.h>

/*
 * Each returns 0, EFAULT, or EINTR if a signal ended a wait for memory.
 * => no mutex held (a fault may wait long: kernel/lock.h).
 * => on EFAULT the destination holds every byte before the first one that
 *    could not be read or written, and nothing from that one on; on EINTR
 *    some prefix of the copy has been made.
 */
int copyin(const void *uaddr, void *kaddr, size_t len);
int copyout(const void *kaddr, void *uaddr, size_t len);
/*
 * Copies a NUL-terminated string of at most maxlen bytes (NUL included).
 * => returns 0 (and *done, the length with the NUL, if done != NULL),
 *    EFAULT, or ENAMETOOLONG if no NUL came within maxlen.
 */
int copyinstr(const void *uaddr, char *kaddr, size_t maxlen, size_t *done);

/* True if [uaddr, uaddr + len) lies in user space. */
bool user_range_ok(vaddr_t uaddr, size_t len);

/*
 * The copy itself, with t_onfault set (arch/<arch>/copy.S): by words,
 * with unaligned heads and tails. Returns 0, EFAULT or EINTR, with the
 * destination as copyin's contract above says.
 * => dst and src do not overlap.
 */
int md_copy(void *dst, const void *src, size_t len);

#endif
