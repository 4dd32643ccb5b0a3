/*
 * File objects (vm/uvm_vnode.h), after NetBSD's uvm_vnode.c.
 *
 * A file object is a struct uvm_object (first, so the two pointers
 * convert) plus the initrd file it reads from. The objects that exist are
 * on one list, uvn_list, at most one per file: uvn_attach finds the
 * file's object there or makes it, which is how two mappings of a file
 * come to share its pages. (NetBSD keeps the object inside the vnode; our
 * initrd files are immutable and know nothing of the VM, so the VM keeps
 * the table.)
 *
 * pgo_get fills a page with the file's bytes at its offset and zeros past
 * the end of the file; the object ends at the end of the file's last
 * page. The pages are clean copies of the archive, and the object never
 * changes them: a private mapping that writes gets a copy-on-write anon
 * (vm/uvm_fault.c), and the initrd is read-only, so there are no shared
 * writable mappings of files.
 *
 * Invariants (beyond uvm_object.h's):
 *  - u_file is on uvn_list iff its object has references (uo_refs > 0);
 *    no two objects on the list have the same u_file;
 *  - u_obj.uo_size == round_page(u_file->f_size);
 *  - every page on memq is PG_CLEAN and holds the file's bytes at its
 *    offset, then zeros; it is never left PG_BUSY or PG_FAKE once the
 *    object is unlocked.
 *
 * Example: a file of 4097 bytes. uvn_attach makes an object of 2 pages,
 * puts it on uvn_list and returns it with uo_refs 1; a second uvn_attach
 * returns the same object with uo_refs 2. pgo_get at PAGE_SIZE gives a
 * page whose first byte is the file's byte 4096 and whose other 4095 are
 * zeros; pgo_get at 2 * PAGE_SIZE is EFAULT. After two uvm_obj_detach
 * the page and the object are freed, and the file is off the list.
 *
 * Locks: uvn_lock ([u], a mutex) guards uvn_list; each object's
 * vmobjlock ([o]) its pages and references. Order: uvn_lock => object.
 * attach takes uvn_lock to look up and add a reference; detach takes it
 * to drop one, so that a last reference and a new attach never cross.
 */
#include "vm/uvm_vnode.h"
#include "vm/kmem.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/panic.h"
#include "kernel/queue.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

struct uvm_vnode {
	struct uvm_object u_obj;                /* first: a uvn is a uvm_object */
	const struct initrd_file *u_file;       /* [I] what it reads */
	TAILQ_ENTRY(uvm_vnode) u_list;          /* [u] on uvn_list */
};

static struct mutex uvn_lock = MUTEX_INITIALIZER(uvn_lock, "uvn");
/* [u] every file object; an empty tail queue is { NULL, &its first }. */
static TAILQ_HEAD(, uvm_vnode) uvn_list = { NULL, &uvn_list.tqh_first };

static void uvn_detach(struct uvm_object *uobj);
static int uvn_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp);

static const struct uvm_pagerops uvn_pager = {
	.pgo_name = "uvn",
	.pgo_reference = uvm_obj_ref,
	.pgo_detach = uvn_detach,
	.pgo_get = uvn_get,
};

/* The object of f on uvn_list, or NULL. => uvn_lock held. */
static struct uvm_vnode *uvn_find(const struct initrd_file *f)
{
	struct uvm_vnode *uvn;

	KASSERT(mutex_owned(&uvn_lock));
	TAILQ_FOREACH(uvn, &uvn_list, u_list)
		if (uvn->u_file == f)
			return uvn;
	return NULL;
}

struct uvm_object *uvn_attach(const struct initrd_file *f)
{
	struct uvm_vnode *uvn;

	KASSERT(f != NULL && !initrd_isdir(f));
	mutex_enter(&uvn_lock);
	uvn = uvn_find(f);
	if (uvn != NULL) {
		uvm_obj_ref(&uvn->u_obj);
	} else if ((uvn = kmem_zalloc(sizeof(*uvn), KM_NOSLEEP)) != NULL) {
		uvm_obj_init(&uvn->u_obj, &uvn_pager, round_page(f->f_size));
		uvn->u_file = f;
		TAILQ_INSERT_TAIL(&uvn_list, uvn, u_list);
	}
	mutex_exit(&uvn_lock);
	return uvn ? &uvn->u_obj : NULL;
}

bool uvn_is_uvn(const struct uvm_object *uobj)
{
	return uobj->pgops == &uvn_pager;
}

/* The last reference takes the object off uvn_list, frees its pages and it. */
static void uvn_detach(struct uvm_object *uobj)
{
	struct uvm_vnode *uvn = (struct uvm_vnode *)uobj;

	/* uvn_lock first: uvn_attach must not find an object on its way out. */
	mutex_enter(&uvn_lock);
	bool last = uvm_obj_unref(uobj);
	if (last)
		TAILQ_REMOVE(&uvn_list, uvn, u_list);
	mutex_exit(&uvn_lock);
	if (!last)
		return;
	uvm_obj_destroy(uobj);
	kmem_free(uvn, sizeof(*uvn));
}

/*
 * Reads the page at off from the file: its bytes, then zeros to the end
 * of the page. => uobj locked; off inside the object. Returns 0 or ENOMEM.
 */
static int uvn_pagein(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	struct uvm_vnode *uvn = (struct uvm_vnode *)uobj;
	struct vm_page *pg = uvm_pagealloc(uobj, off, NULL, 0);
	uint8_t *va;
	size_t n;

	if (pg == NULL)
		return ENOMEM;
	va = (uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	if (initrd_read(uvn->u_file, (uint64_t)off, va, PAGE_SIZE, &n) != 0)
		panic("uvn_pagein: file %s of object %p is not a regular file",
		    uvn->u_file->f_name, uvn);
	memset(va + n, 0, PAGE_SIZE - n);
	pg->flags &= ~(PG_BUSY | PG_FAKE);
	pg->flags |= PG_CLEAN;
	*pgp = pg;
	return 0;
}

/* pgo_get: see struct uvm_pagerops. */
static int uvn_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	return uvm_obj_getpage(uobj, off, pgp, uvn_pagein);
}
