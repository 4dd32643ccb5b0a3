/*
 * Run-time settings (sysctl): named integer variables of the kernel that
 * user space reads and, unless they are read-only, sets.
 *
 *   sysctl(name, oldp, newp)    reads the setting into *oldp (if oldp is
 *                               not NULL), then sets it to *newp (if newp
 *                               is not NULL); ENOENT for an unknown name,
 *                               EINVAL for a value outside [min, max] (or
 *                               one the setting's owner refuses), EPERM to
 *                               set a read-only one, EFAULT
 *   sysctl_list(index, out)     describes the index-th setting (from 0);
 *                               ENOENT past the last
 */
#ifndef _UVIX_ABI_SYSCTL_H_
#define _UVIX_ABI_SYSCTL_H_

#include <stdint.h>

#define UVIX_SYSCTL_NAMELEN     32      /* a name's bytes, its NUL included */
#define UVIX_SYSCTL_DESCLEN     80      /* a description's bytes, NUL included */

#define UVIX_SYSCTL_RDONLY      0x1     /* user space may read it, not set it */

struct uvix_sysctl {
	char    sc_name[UVIX_SYSCTL_NAMELEN];
	char    sc_desc[UVIX_SYSCTL_DESCLEN];
	int32_t sc_value;
	int32_t sc_min;
	int32_t sc_max;
	uint32_t sc_flags;              /* UVIX_SYSCTL_RDONLY */
};

#endif
