/* Tests of kmem: every size class, patterns, large objects, accounting. */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "vm/kmem.h"
#include "vm/uvmexp.h"

KTEST(kmem_sizes_and_patterns)
{
	enum { N = 96 };
	void *p[N];
	size_t sz[N];
	uint64_t inuse0 = kmem_bytes_in_use();

	for (int i = 0; i < N; i++) {
		sz[i] = 1 + ktest_random(kt) % 3000;
		p[i] = kmem_alloc(sz[i], KM_SLEEP);
		KT_ASSERT(p[i] != NULL);
		KT_ASSERT(((uintptr_t)p[i] & (sz[i] >= 8 ? 7 : 0)) == 0);
		memset(p[i], i & 0xff, sz[i]);
	}
	KT_ASSERT(kmem_bytes_in_use() >= inuse0 + N);
	/* Free in a random order, checking nobody overwrote anybody. */
	for (int left = N; left > 0; left--) {
		int k = ktest_random(kt) % left;
		for (size_t j = 0; j < sz[k]; j++)
			KT_ASSERT_EQ(((uint8_t *)p[k])[j], k & 0xff);
		kmem_free(p[k], sz[k]);
		p[k] = p[left - 1];
		sz[k] = sz[left - 1];
		/* keep the pattern key: rewrite the moved object's bytes */
		if (k != left - 1)
			memset(p[k], k & 0xff, sz[k]);
	}
	KT_ASSERT_EQ(kmem_bytes_in_use(), inuse0);
}

KTEST(kmem_zalloc_zeroes)
{
	uint8_t *a = kmem_alloc(200, KM_SLEEP);
	memset(a, 0xee, 200);
	kmem_free(a, 200);
	uint8_t *b = kmem_zalloc(200, KM_SLEEP);        /* likely the same object */
	for (int i = 0; i < 200; i++)
		KT_ASSERT_EQ(b[i], 0);
	kmem_free(b, 200);
}

KTEST(kmem_large_is_page_aligned)
{
	void *p = kmem_alloc(3 * 4096 + 5, KM_SLEEP);
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ((uintptr_t)p % 4096, 0);
	memset(p, 1, 3 * 4096 + 5);
	kmem_free(p, 3 * 4096 + 5);
}

KTEST_DEATH_TEST(kmem_double_free)
{
	void *p = kmem_alloc(32, KM_SLEEP);
	void *q = kmem_alloc(32, KM_SLEEP);     /* keeps the slab alive */
	kmem_free(p, 32);
	kmem_free(p, 32);                       /* must panic: "double free" */
	kmem_free(q, 32);
}
