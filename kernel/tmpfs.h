/*
 * tmpfs: the file system of /tmp, in memory; each regular file's data is
 * an anonymous UVM object (kernel/tmpfs.c explains it). The name-space
 * side is its struct vnodeops (kernel/vfs.h); these are the rest.
 */
#ifndef _KERNEL_TMPFS_H_
#define _KERNEL_TMPFS_H_

#include "kernel/vfs.h"

struct file;
struct uvm_object;

/* Makes the root of /tmp and sets the size limit. => once, from vfs_init. */
void tmpfs_init(void);

/*
 * The object behind an open regular file of tmpfs, with a reference
 * added for a mapping (the caller drops it with uvm_obj_detach).
 * => returns 0, or ENODEV if fp is no regular file of tmpfs.
 */
int tmpfs_mmap_object(struct file *fp, struct uvm_object **objp);

#endif
