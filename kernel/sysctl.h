/*
 * Run-time settings (kernel/abi/sysctl.h has the system calls): a setting
 * is an int variable of the kernel with a dotted name, a range and a
 * one-line description, registered at file scope where the variable lives:
 *
 *	int pipe_mindirect = 8192;
 *	SYSCTL_INT(pipe_mindirect, "pipe.mindirect", &pipe_mindirect,
 *	    0, 1 << 30, 0, "smallest write that loans its pages");
 *
 * The linker collects them (section .sysctls, like the tests); there is
 * no registration call and no setting is ever removed. Readers read the
 * variable directly (an aligned int is read whole); sets are serialized
 * by a sleeplock, and a setting with a hook (SYSCTL_INT_FN) hears of a
 * new value before it is stored and may refuse it with an errno.
 */
#ifndef _KERNEL_SYSCTL_H_
#define _KERNEL_SYSCTL_H_

#include <stdbool.h>
#include <stddef.h>
#include "kernel/abi/sysctl.h"

#define SYSCTL_RDONLY   UVIX_SYSCTL_RDONLY

struct sysctl_setting {
	const char *name;
	const char *desc;
	int *var;
	int min, max;
	unsigned flags;
	/* => the new value, in [min, max]; the settings' sleeplock held. 0 or an errno. */
	int (*check)(int newval);
};

#define SYSCTL_INT_FN(ident, sname, varp, vmin, vmax, vflags, fn, sdesc)    \
	static const struct sysctl_setting sysctl_setting_##ident            \
	    __attribute__((section(".sysctls"), used, aligned(sizeof(void *)))) = \
	    { sname, sdesc, varp, vmin, vmax, vflags, fn }
#define SYSCTL_INT(ident, sname, varp, vmin, vmax, vflags, sdesc)           \
	SYSCTL_INT_FN(ident, sname, varp, vmin, vmax, vflags, NULL, sdesc)

/* The setting called name, or NULL. */
const struct sysctl_setting *sysctl_lookup(const char *name);
/*
 * Sets a setting as the system call does (range, read-only, hook), for
 * in-kernel callers and tests: 0, EINVAL, EPERM or the hook's errno.
 * => no lock held; may sleep.
 */
int sysctl_set(const struct sysctl_setting *s, int value, bool from_user);

#endif
