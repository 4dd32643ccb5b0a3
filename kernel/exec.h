/* exec: replacing a process's program (kernel/exec.c). */
#ifndef _KERNEL_EXEC_H_
#define _KERNEL_EXEC_H_

#include <machine/types.h>

struct proc;
struct trapframe;

#define EXEC_ARG_MAX    (64 * 1024)     /* bytes of argv and envp strings */
#define EXEC_NARGS_MAX  1024            /* argv plus envp entries */
#define USTACK_SIZE     (8 * 1024 * 1024)       /* reserved, filled on demand */

/*
 * execve(2): loads the ELF program at path (user pointers for path, argv
 * and envp) into a new address space for the current process, and sets
 * tf to start it. => returns EJUSTRETURN, or an errno with the process
 * unchanged: ENOENT, EACCES (not a regular file), ENOEXEC (not a valid
 * program for this arch), E2BIG, EFAULT, ENOMEM.
 */
int sys_execve(const char *upath, char *const *uargv, char *const *uenvp, struct trapframe *tf);

/*
 * The same from the kernel (kernel strings; empty environment) into p,
 * whose vmspace is new and empty. => returns 0 or an errno.
 */
int exec_kernel(struct proc *p, const char *path, char *const argv[], struct trapframe *tf);

#endif
