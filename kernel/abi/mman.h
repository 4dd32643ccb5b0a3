/* mmap(2) family: protections, flags, advice, inheritance. */
#ifndef _UVIX_ABI_MMAN_H_
#define _UVIX_ABI_MMAN_H_

#define PROT_NONE       0x0
#define PROT_READ       0x1
#define PROT_WRITE      0x2
#define PROT_EXEC       0x4

#define MAP_SHARED      0x0001
#define MAP_PRIVATE     0x0002
#define MAP_FIXED       0x0010
#define MAP_ANONYMOUS   0x1000
#define MAP_ANON        MAP_ANONYMOUS
#define MAP_FAILED      ((void *)-1)

#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4

#define MAP_INHERIT_SHARE       0
#define MAP_INHERIT_COPY        1
#define MAP_INHERIT_NONE        2

#endif
