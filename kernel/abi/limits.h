/* Limits of the system-call interface that user space must know. */
#ifndef _UVIX_ABI_LIMITS_H_
#define _UVIX_ABI_LIMITS_H_

/*
 * The longest path a system call takes, its NUL included (user space's
 * PATH_MAX). The kernel copies a path onto its stack, so the limit is
 * small; a longer one gives ENAMETOOLONG (ERANGE from getcwd).
 */
#define UVIX_PATH_MAX   256

/* The longest name of one directory entry (user space's NAME_MAX): ENAMETOOLONG. */
#define UVIX_NAME_MAX   255

#endif
