/* mmap(2) family: protections, flags, advice, inheritance. */
#ifndef _UVIX_ABI_MMAN_H_
#define _UVIX_ABI_MMAN_H_

#include <stdint.h>

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

/*
 * pageinfo(addr, &pi): what the kernel knows of the page mapped at a user
 * address, for tests and for teaching (the program `pageinfo`). ENOENT if
 * nothing is mapped there now (never touched, paged out, or unmapped).
 */
#define UVIX_PAGE_OWNER_NONE    0       /* the kernel's, or an orphan */
#define UVIX_PAGE_OWNER_ANON    1       /* an anon's: private memory */
#define UVIX_PAGE_OWNER_OBJECT  2       /* an object's: a file or shared memory */

struct uvix_pageinfo {
	uint64_t pi_pfn;                /* physical page number */
	uint32_t pi_loan_count;         /* loans of the page now */
	uint32_t pi_wire_count;         /* wirings of the page now */
	uint32_t pi_owner;              /* UVIX_PAGE_OWNER_* */
	uint32_t pi_anon_refs;          /* the amaps holding the anon that owns (or borrows) the page */
	uint32_t pi_writable;           /* the mapping at addr allows writes now */
	uint32_t pi_pad;
};

/* mlockall(2): what to wire (vm/uvm_wire.h). */
#define MCL_CURRENT     0x1     /* every mapping there is now */
#define MCL_FUTURE      0x2     /* every one made (or made accessible) from now on */

#define MAP_INHERIT_SHARE       0
#define MAP_INHERIT_COPY        1
#define MAP_INHERIT_NONE        2

#endif
