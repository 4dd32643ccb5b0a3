/*
 * sys/types.h: the basic system types. Those the kernel sees come from its
 * ABI (kernel/abi/types.h) and have the same size on i386 and amd64; the
 * rest exist so that portable programs compile.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <stddef.h>
#include <stdint.h>
#include "kernel/abi/types.h"

typedef uvix_pid_t       pid_t;
typedef uvix_off_t       off_t;
typedef uvix_mode_t      mode_t;
typedef uvix_time_t      time_t;
typedef __PTRDIFF_TYPE__ ssize_t;       /* int on i386, long on amd64, like size_t */
typedef uint64_t         dev_t;
typedef uint64_t         ino_t;
typedef uint32_t         nlink_t;
typedef int64_t          blksize_t;
typedef int64_t          blkcnt_t;
typedef uint32_t         uid_t;         /* there are no users: always 0 */
typedef uint32_t         gid_t;
typedef int              clockid_t;
typedef uint32_t         useconds_t;
typedef long             suseconds_t;

#endif
