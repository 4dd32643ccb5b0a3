/*
 * General-purpose kernel memory allocator with size classes (see
 * vm/kmem.c). Like NetBSD's kmem(9), the caller passes the size to
 * kmem_free: no per-object header is needed.
 */
#ifndef _VM_KMEM_H_
#define _VM_KMEM_H_

#include <stddef.h>
#include <stdint.h>

#define KM_SLEEP        0x0     /* may sleep for memory; never returns NULL */
#define KM_NOSLEEP      0x1     /* returns NULL rather than sleep */

void  kmem_init(void);

/*
 * Allocates size bytes (kmem_zalloc: zeroed), aligned to their size
 * class up to 64 bytes, whole pages above 1024 bytes.
 * => KM_NOSLEEP: returns NULL if memory is short, and for a size no
 *    allocation can meet (0, or more than the kernel's VA). A size that
 *    comes from user space must be allocated this way.
 * => KM_SLEEP: waits for memory and never returns NULL; as in NetBSD, an
 *    impossible size is the caller's bug and panics. Every KM_SLEEP
 *    caller passes a size it bounded itself (a sizeof, a boot-time count).
 * => free with kmem_free(p, the same size).
 */
void *kmem_alloc(size_t size, int flags);
void *kmem_zalloc(size_t size, int flags);
void  kmem_free(void *p, size_t size);
/* Bytes currently allocated through kmem (exact request sizes summed). */
uint64_t kmem_bytes_in_use(void);

#endif
