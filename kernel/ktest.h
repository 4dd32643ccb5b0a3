/*
 * In-kernel tests. A test is a function registered with KTEST(name); the
 * linker collects them in section .ktests. Select them on the kernel
 * command line:
 *
 *     test=all          every test (not the death tests nor the benchmarks),
 *                       in a seeded order
 *     test=NAME         one test (death tests and benchmarks only run this way)
 *     test=list         print the names of the tests and stop
 *     seed=N            seed for the order and for ktest_random()
 *
 * Each test runs in the boot thread; a failed check ends the test and is
 * reported with file and line. After each test the runner compares the
 * VM accounting (free pages, kmem bytes, kernel VA) with its value before
 * the test: a leak fails the test.
 *
 *     KTEST(kmem_small) {
 *         void *p = kmem_alloc(24, KM_SLEEP);
 *         KT_ASSERT(p != NULL);
 *         kmem_free(p, 24);
 *     }
 */
#ifndef _KERNEL_KTEST_H_
#define _KERNEL_KTEST_H_

#include <stdint.h>
#include <stdbool.h>

struct ktest_ctx {
	const char *name;
	bool failed;
	uint64_t rng;                   /* xorshift state */
};

struct ktest {
	const char *name;
	void (*fn)(struct ktest_ctx *kt);
	unsigned flags;
};

#define KTEST_DEATH     0x1     /* expected to panic; run only when named */
#define KTEST_BENCH     0x2     /* a benchmark: prints a table; run only when named */

#define KTEST_DEFINE(tname, tflags)                                          \
	static void ktest_fn_##tname(struct ktest_ctx *kt);                  \
	static const struct ktest ktest_desc_##tname                         \
	    __attribute__((section(".ktests"), used, aligned(sizeof(void *)))) = \
	    { #tname, ktest_fn_##tname, tflags };                            \
	static void ktest_fn_##tname(struct ktest_ctx *kt)
#define KTEST(tname)            KTEST_DEFINE(tname, 0)
#define KTEST_DEATH_TEST(tname) KTEST_DEFINE(tname, KTEST_DEATH)
#define KTEST_BENCHMARK(tname)  KTEST_DEFINE(tname, KTEST_BENCH)

void ktest_fail(struct ktest_ctx *kt, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A pseudo-random number from the test's seeded generator. */
uint64_t ktest_random(struct ktest_ctx *kt);

#define KT_ASSERT(e) do {                                                    \
	if (!(e)) {                                                          \
		ktest_fail(kt, __FILE__, __LINE__, "%s", #e);                \
		return;                                                      \
	}                                                                    \
} while (0)

#define KT_ASSERT_EQ(a, b) do {                                              \
	unsigned long long ka_ = (unsigned long long)(a);                    \
	unsigned long long kb_ = (unsigned long long)(b);                    \
	if (ka_ != kb_) {                                                    \
		ktest_fail(kt, __FILE__, __LINE__, "%s == %s: %#llx != %#llx", \
		    #a, #b, ka_, kb_);                                       \
		return;                                                      \
	}                                                                    \
} while (0)

/*
 * Runs the tests the command line selects (if any), prints a summary and
 * stops the machine (QEMU exit 33 if all passed, 35 if not). Returns if
 * no test was asked for.
 */
void ktest_main(void);

#endif
