/*
 * File objects: the uvm_object of a file of the initrd, so that a file can
 * be mapped (exec, mmap) and two mappings of it share its pages. Named
 * after NetBSD's vnode pager (uvm_vnode.c), although Uvix has no vnodes:
 * the initrd's struct initrd_file plays that part. vm/uvm_vnode.c
 * explains the structure.
 */
#ifndef _VM_UVM_VNODE_H_
#define _VM_UVM_VNODE_H_

#include "vm/uvm_object.h"

struct initrd_file;

/*
 * Returns the object of file f with a reference added for the caller,
 * making it on first use: while any reference to it remains, every
 * uvn_attach of f returns the same object. Its size is f's size rounded
 * up to whole pages.
 * => f is a regular file of a mounted initrd, which stays mounted while
 *    the object exists; no object lock held (takes uvn_lock).
 * => returns the object, or NULL if there was no memory for it.
 * => the caller drops its reference with uvm_obj_detach.
 */
struct uvm_object *uvn_attach(const struct initrd_file *f);

/* True if uobj is a file object. */
bool uvn_is_uvn(const struct uvm_object *uobj);

#endif
