/*
 * Page helpers for the in-kernel tests of objects and pagers (the
 * *_test.c files in vm/): leave garbage in free pages, so that a test of
 * zero-filling can fail; take every free page, so that a test of ENOMEM
 * can run.
 */
#ifndef _VM_UVM_PGTEST_H_
#define _VM_UVM_PGTEST_H_

#include "vm/uvm_page.h"

/*
 * Allocates n pages of unknown contents, fills them with 0xff and frees
 * them again: they are the next ones a non-zeroing uvm_pagealloc returns.
 */
void uvm_pgtest_dirty_free_pages(int n);

/*
 * Takes every page uvm_pagealloc will give (all but the kernel reserve)
 * onto list, linked through pageq. Returns how many.
 * => give them back soon with uvm_pgtest_release: nothing else can
 *    allocate a page meanwhile.
 */
long uvm_pgtest_exhaust(struct pglist *list);
void uvm_pgtest_release(struct pglist *list);

#endif
