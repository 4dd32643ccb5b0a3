/*
 * sys/uvix.h: Uvix's own system calls, for vmstat, ps and tests.
 */
#ifndef _SYS_UVIX_H_
#define _SYS_UVIX_H_

#include <stddef.h>
#ifndef _UVIX_USER
#define _UVIX_USER                      /* vm/uvmexp.h: the struct, not the kernel's variable */
#endif
#include "vm/uvmexp.h"
#include "kernel/abi/proc.h"
#include "kernel/abi/mman.h"
#include "kernel/abi/faulttrace.h"
#include "kernel/abi/vmmap.h"

/*
 * Copies the VM counters (vm/uvmexp.h: UVMEXP_COUNTERS names and
 * describes each) into *u. Returns 0, or -1 with errno set.
 */
int uvmexp(struct uvmexp *u);

/*
 * What the kernel knows of the page mapped at addr now (kernel/abi/mman.h:
 * physical page, loan and wire counts, owner, anon references, whether
 * writable). Returns 0, or -1 with errno ENOENT (nothing mapped there
 * now) or EFAULT.
 */
int pageinfo(const void *addr, struct uvix_pageinfo *pi);

/*
 * The fault trace (kernel/abi/faulttrace.h): copies to buf up to n
 * records numbered seq or later, oldest first, and the totals to *st
 * (if st is not NULL). Returns how many records, or -1 with errno set.
 * On i386 seq is cut to 32 bits.
 */
int faulttrace(uint64_t seq, struct uvix_fault_rec *buf, int n, struct uvix_fault_stats *st);

/*
 * One entry of process pid's map (0: the caller's), the index-th from 0,
 * into *ent, and its pages pgoff on into pages (at most npages, at most
 * UVIX_VMMAP_MAXPAGES): kernel/abi/vmmap.h. Returns how many pages it
 * described, or -1 with errno ENOENT (no such entry), ESRCH, EINVAL or
 * EFAULT. On i386 pgoff is cut to 32 bits.
 */
int vmmap(int pid, int index, struct uvix_vmmap_entry *ent, uint64_t pgoff,
    struct uvix_vmmap_page *pages, int npages);

/*
 * Fills up to n entries of procs with the processes that exist. Returns
 * how many it filled (if that is n, there may be more), or -1.
 */
int uvix_ps(struct uvix_procinfo *procs, size_t n);

/*
 * Reads directory records (struct uvix_dirent) from the open directory fd
 * into buf; returns the bytes filled, 0 at the end, or -1. See readdir().
 */
int getdents(int fd, void *buf, size_t n);

#endif
