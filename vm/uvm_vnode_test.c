/*
 * Tests of file objects (vm/uvm_vnode.c), over the test tree of the boot
 * initrd (tests/initrd/ is /tests; kernel/initrd_test.h has its pattern).
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/initrd_test.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_pgtest.h"
#include "vm/uvm_vnode.h"
#include "vm/uvmexp.h"

static const char *const sized[] = {
	"size0", "size1", "size4095", "size4096", "size4097", "size12388",
};
#define NSIZED  (sizeof(sized) / sizeof(sized[0]))

static const struct initrd_file *test_file(const char *name)
{
	const struct initrd_file *dir, *f;

	if (initrd_lookup(&initrd_boot, "/tests", &dir) != 0 || initrd_lookup_at(dir, name, &f) != 0)
		return NULL;
	return f;
}

static int get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	int error;

	mutex_enter(&uobj->vmobjlock);
	error = uobj->pgops->pgo_get(uobj, off, pgp);
	mutex_exit(&uobj->vmobjlock);
	return error;
}

/*
 * Checks the page at off of file f's object: the file's bytes (as the
 * archive has them, and as the pattern says), then zeros.
 */
static bool page_ok(struct ktest_ctx *kt, const char *name, const struct initrd_file *f,
    voff_t off, const struct vm_page *pg)
{
	const uint8_t *p = (const uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	size_t n = f->f_size - off < PAGE_SIZE ? (size_t)(f->f_size - off) : PAGE_SIZE;
	uint64_t bad = 0;

	if (!initrd_test_matches(name, off, p, n, &bad)) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: page at %lld: byte %llu of the file is wrong",
		    name, (long long)off, (unsigned long long)bad);
		return false;
	}
	if (memcmp(p, f->f_data + off, n) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: page at %lld differs from the archive",
		    name, (long long)off);
		return false;
	}
	for (size_t i = n; i < PAGE_SIZE; i++) {
		if (p[i] != 0) {
			ktest_fail(kt, __FILE__, __LINE__, "%s: page at %lld: byte %zu past the end "
			    "of the file is %#x", name, (long long)off, i, p[i]);
			return false;
		}
	}
	return true;
}

/* Each fixture's object: its size, every page right, EFAULT past the last. */
KTEST(uvn_contents_of_each_size)
{
	for (size_t i = 0; i < NSIZED; i++) {
		const struct initrd_file *f = test_file(sized[i]);
		struct uvm_object *uobj;
		struct vm_page *pg;
		voff_t off;

		KT_ASSERT(f != NULL);
		uvm_pgtest_dirty_free_pages(8);         /* the tails must be zeroed */
		KT_ASSERT((uobj = uvn_attach(f)) != NULL);
		KT_ASSERT(uvn_is_uvn(uobj));
		KT_ASSERT_EQ(uobj->uo_size, round_page(f->f_size));
		for (off = 0; off < uobj->uo_size; off += PAGE_SIZE) {
			KT_ASSERT_EQ(get(uobj, off, &pg), 0);
			KT_ASSERT(pg->uobject == uobj && pg->offset == off);
			KT_ASSERT_EQ(pg->flags & (PG_BUSY | PG_FAKE | PG_CLEAN), PG_CLEAN);
			if (!page_ok(kt, sized[i], f, off, pg)) {
				uvm_obj_detach(uobj);   /* spare the tests after this one */
				return;
			}
		}
		KT_ASSERT_EQ(uobj->uo_npages, uobj->uo_size / PAGE_SIZE);
		KT_ASSERT_EQ(get(uobj, off, &pg), EFAULT);
		KT_ASSERT_EQ(get(uobj, off + 7 * PAGE_SIZE, &pg), EFAULT);
		uvm_obj_detach(uobj);
	}
}

/* One object per file: two attaches share the object and its pages. */
KTEST(uvn_same_file_same_object)
{
	const struct initrd_file *f = test_file("size4097"), *g = test_file("size4096");
	struct uvm_object *a, *b, *c;
	struct vm_page *pa, *pb;

	KT_ASSERT(f != NULL && g != NULL);
	KT_ASSERT((a = uvn_attach(f)) != NULL);
	KT_ASSERT((b = uvn_attach(f)) != NULL);
	KT_ASSERT(a == b);
	KT_ASSERT_EQ(a->uo_refs, 2);
	KT_ASSERT((c = uvn_attach(g)) != NULL);
	KT_ASSERT(c != a && c->uo_refs == 1);
	KT_ASSERT_EQ(get(a, PAGE_SIZE, &pa), 0);
	KT_ASSERT_EQ(get(b, PAGE_SIZE, &pb), 0);
	KT_ASSERT(pa == pb && a->uo_npages == 1);
	uvm_obj_reference(a);
	KT_ASSERT_EQ(a->uo_refs, 3);
	uvm_obj_detach(a);
	uvm_obj_detach(a);
	KT_ASSERT(uvn_attach(f) == b && b->uo_refs == 2 && b->uo_npages == 1);
	uvm_obj_detach(b);
	uvm_obj_detach(b);
	uvm_obj_detach(c);
	/* Gone: the next attach makes a new object, with no pages. */
	KT_ASSERT((a = uvn_attach(f)) != NULL);
	KT_ASSERT(a->uo_refs == 1 && a->uo_npages == 0);
	uvm_obj_detach(a);
}

KTEST(uvn_detach_frees_pages)
{
	const struct initrd_file *f = test_file("size12388");
	int64_t free0 = uvmexp.free, free1;
	struct uvm_object *uobj;
	struct vm_page *pg[4];

	KT_ASSERT(f != NULL);
	KT_ASSERT((uobj = uvn_attach(f)) != NULL);
	free1 = uvmexp.free;                            /* kmem may have taken a slab */
	for (int i = 0; i < 4; i++)
		KT_ASSERT_EQ(get(uobj, i * PAGE_SIZE, &pg[i]), 0);
	KT_ASSERT_EQ(uvmexp.free, free1 - 4);
	KT_ASSERT(uvn_attach(f) == uobj);
	uvm_obj_detach(uobj);
	KT_ASSERT_EQ(uvmexp.free, free1 - 4);
	uvm_obj_detach(uobj);
	for (int i = 0; i < 4; i++)
		KT_ASSERT(pg[i]->pqflags & PQ_FREE);
	KT_ASSERT_EQ(uvmexp.free, free0);
}

KTEST(uvn_enomem_without_pages)
{
	const struct initrd_file *f = test_file("size4096");
	struct uvm_object *uobj;
	struct vm_page *pg = NULL;
	struct pglist all;
	int error;

	KT_ASSERT(f != NULL);
	KT_ASSERT((uobj = uvn_attach(f)) != NULL);
	KT_ASSERT(uvm_pgtest_exhaust(&all) > 0);
	error = get(uobj, 0, &pg);
	uvm_pgtest_release(&all);
	KT_ASSERT_EQ(error, ENOMEM);
	KT_ASSERT(pg == NULL && uobj->uo_npages == 0);
	KT_ASSERT_EQ(get(uobj, 0, &pg), 0);
	uvm_obj_detach(uobj);
}
