/*
 * sys/sysctl.h: the kernel's run-time settings (kernel/abi/sysctl.h), by
 * name. Uvix's own interface, not BSD's MIB arrays: every setting is an
 * int with a dotted name ("pipe.mindirect").
 */
#ifndef _SYS_SYSCTL_H_
#define _SYS_SYSCTL_H_

#include "kernel/abi/sysctl.h"

/*
 * Reads the setting called name into *oldp (unless oldp is NULL), then
 * sets it to *newp (unless newp is NULL). Returns 0, or -1 with errno
 * ENOENT (no such setting), EINVAL (out of its range, or refused), EPERM
 * (read-only) or EFAULT.
 */
int sysctl(const char *name, int *oldp, const int *newp);

/* Describes the index-th setting (from 0): 0, or -1 with ENOENT past the last. */
int sysctl_list(int index, struct uvix_sysctl *out);

#endif
