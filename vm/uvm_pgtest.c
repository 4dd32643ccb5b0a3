/* Page helpers for in-kernel tests (vm/uvm_pgtest.h). */
#include "vm/uvm_pgtest.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

void uvm_pgtest_dirty_free_pages(int n)
{
	struct pglist list;
	struct vm_page *pg;

	TAILQ_INIT(&list);
	for (int i = 0; i < n && (pg = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL; i++) {
		memset((void *)PMAP_DIRECT_MAP(pg->phys_addr), 0xff, PAGE_SIZE);
		TAILQ_INSERT_TAIL(&list, pg, pageq);
	}
	uvm_pgtest_release(&list);
}

long uvm_pgtest_exhaust(struct pglist *list)
{
	struct vm_page *pg;
	long n = 0;

	TAILQ_INIT(list);
	while ((pg = uvm_pagealloc(NULL, 0, NULL, 0)) != NULL) {
		TAILQ_INSERT_TAIL(list, pg, pageq);
		n++;
	}
	return n;
}

void uvm_pgtest_release(struct pglist *list)
{
	struct vm_page *pg;

	while ((pg = TAILQ_FIRST(list)) != NULL) {
		TAILQ_REMOVE(list, pg, pageq);
		uvm_pagefree(pg);
	}
}
