/*
 * Anonymous objects (aobj): a uvm_object of zero-filled memory with no
 * file behind it, for memory several maps share (shared anonymous mmap,
 * System V shared memory) and for pageable kernel memory. Its pages are
 * zero-filled on first use and live as long as the object, in memory or,
 * paged out by the pagedaemon, in a swap slot.
 * vm/uvm_aobj.c explains the structure.
 */
#ifndef _VM_UVM_AOBJ_H_
#define _VM_UVM_AOBJ_H_

#include <machine/types.h>
#include "vm/uvm_object.h"

/*
 * Creates an anonymous object of size bytes (rounded up to whole pages),
 * with one reference and no pages yet.
 * => size > 0; flags: none are defined yet, pass 0.
 * => returns the object, or NULL if there was no memory for it or no
 *    object can have that size (rounding it up wraps, it is beyond a
 *    voff_t). The slot array is allocated here, whole: the caller keeps
 *    absurd sizes away (mmap refuses more than memory and swap).
 * => the caller drops its reference with uvm_obj_detach.
 */
struct uvm_object *uao_create(vsize_t size, int flags);

/*
 * Makes uobj size bytes long (rounded up to whole pages): growing adds
 * pages that read as zeros; shrinking removes the pages past the new end
 * from every mapping (an access there then faults past the object's
 * end), frees them (a page on loan is disowned instead: its borrowers
 * keep it) and frees their swap slots. Bytes past `size` inside the last
 * page are the caller's (tmpfs zeroes them).
 * => uobj an aobj, unlocked (takes its lock); no other lock of the VM held.
 * => returns 0, or ENOMEM (no memory for a longer slot array, or a size
 *    no object can have); the size is then unchanged.
 */
int uao_resize(struct uvm_object *uobj, vsize_t size);

/* True if uobj is an anonymous object. */
bool uao_is_aobj(const struct uvm_object *uobj);

#endif
