/*
 * sysconf(3): the limits a program may ask for, with Linux's names and
 * numbers (unistd.h). Those the kernel fixes come from its headers; the
 * memory from the VM counters. An unknown name is EINVAL.
 */
#include <errno.h>
#include <limits.h>
#include <sys/uvix.h>
#include <unistd.h>

#define ARG_MAX_UVIX    (64 * 1024)     /* kernel/exec.h: EXEC_ARG_MAX */
#define NOFILE_UVIX     32              /* kernel/proc.h: open files per process */
#define HZ_UVIX         100             /* kernel/clock.h: ticks a second */

long sysconf(int name)
{
	struct uvmexp u;

	switch (name) {
	case _SC_ARG_MAX:
		return ARG_MAX_UVIX;
	case _SC_CLK_TCK:
		return HZ_UVIX;
	case _SC_OPEN_MAX:
		return NOFILE_UVIX;
	case _SC_PAGESIZE:
		return getpagesize();
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_PHYS_PAGES:
	case _SC_AVPHYS_PAGES:
		if (uvmexp(&u) < 0)
			return -1;
		return (long)(name == _SC_PHYS_PAGES ? u.npages : u.free);
	default:
		errno = EINVAL;
		return -1;
	}
}
