/*
 * Run-time settings: the table the linker collects, and the two system
 * calls over it (kernel/sysctl.h, kernel/abi/sysctl.h).
 */
#include <stdbool.h>
#include "kernel/sysctl.h"
#include "kernel/syscall.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/string.h"

extern const struct sysctl_setting sysctls_start[], sysctls_end[];

/* Serializes sets, so that a hook's check and the store are one step. */
static struct sleeplock sysctl_lock = SLEEPLOCK_INITIALIZER(sysctl_lock, "sysctl");

const struct sysctl_setting *sysctl_lookup(const char *name)
{
	for (const struct sysctl_setting *s = sysctls_start; s < sysctls_end; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

int sysctl_set(const struct sysctl_setting *s, int value, bool from_user)
{
	int error;

	if (from_user && (s->flags & SYSCTL_RDONLY))
		return EPERM;
	if (value < s->min || value > s->max)
		return EINVAL;
	if ((error = sleeplock_enter_sig(&sysctl_lock)) != 0)
		return error;
	if (s->check == NULL || (error = s->check(value)) == 0)
		*s->var = value;
	sleeplock_exit(&sysctl_lock);
	return error;
}

/* sysctl(name, oldp, newp) */
SYSCALL(sysctl)
{
	char name[UVIX_SYSCTL_NAMELEN];
	int *oldp = (int *)args[1];
	const int *newp = (const int *)args[2];
	int error, value, newval = 0;
	(void)ret, (void)tf;

	error = copyinstr((const char *)args[0], name, sizeof(name), NULL);
	if (error)
		return error == ENAMETOOLONG ? ENOENT : error;
	const struct sysctl_setting *s = sysctl_lookup(name);
	if (s == NULL)
		return ENOENT;
	if (newp != NULL && (error = copyin(newp, &newval, sizeof(newval))) != 0)
		return error;
	value = *s->var;
	if (oldp != NULL && (error = copyout(&value, oldp, sizeof(value))) != 0)
		return error;
	return newp != NULL ? sysctl_set(s, newval, true) : 0;
}

/* sysctl_list(index, out) */
SYSCALL(sysctl_list)
{
	struct uvix_sysctl out;
	(void)ret, (void)tf;

	if (args[0] >= (register_t)(sysctls_end - sysctls_start))
		return ENOENT;
	const struct sysctl_setting *s = &sysctls_start[args[0]];
	memset(&out, 0, sizeof(out));
	strlcpy(out.sc_name, s->name, sizeof(out.sc_name));
	strlcpy(out.sc_desc, s->desc, sizeof(out.sc_desc));
	out.sc_value = *s->var;
	out.sc_min = s->min;
	out.sc_max = s->max;
	out.sc_flags = s->flags;
	return copyout(&out, (void *)args[1], sizeof(out));
}
