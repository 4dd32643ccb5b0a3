/*
 * The in-kernel test runner. Output, one line each, read by tests/run.sh:
 *
 *     ktest: start <name>
 *     ktest: PASS <name>
 *     ktest: FAIL <name>: <file>:<line>: <what>
 *     ktest: summary <p> passed <f> failed seed <s>
 */
#include <stdarg.h>
#include "kernel/ktest.h"
#include "kernel/bootinfo.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/dev/qemu_exit.h"
#include "vm/uvm_acct.h"

extern const struct ktest ktests_start[], ktests_end[];

#define KTEST_MAX 256

void ktest_fail(struct ktest_ctx *kt, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (kt->failed)
		return;
	kt->failed = true;
	bool locked = cons_lock();      /* one line, even with threads printing */
	printf("ktest: FAIL %s: %s:%d: ", kt->name, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	cons_unlock(locked);
}

uint64_t ktest_random(struct ktest_ctx *kt)
{
	uint64_t x = kt->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return kt->rng = x;
}

static bool run_one(const struct ktest *t, uint64_t seed)
{
	struct ktest_ctx kt = { .name = t->name, .rng = seed | 1 };
	struct uvm_acct before, after;

	printf("ktest: start %s\n", t->name);
	uvm_acct_snapshot(&before);
	t->fn(&kt);
	if (!kt.failed) {
		uvm_acct_snapshot(&after);
		if (!uvm_acct_equal(&before, &after)) {
			ktest_fail(&kt, __FILE__, __LINE__, "leak: ");
			uvm_acct_print_diff(&before, &after);
		}
	}
	if (!kt.failed)
		printf("ktest: PASS %s\n", t->name);
	return !kt.failed;
}

static void list_tests(void)
{
	printf("the tests are:\n");
	for (const struct ktest *t = ktests_start; t < ktests_end; t++)
		printf("  %s%s\n", t->name, t->flags & KTEST_DEATH ? " (death test)" :
		    t->flags & KTEST_BENCH ? " (benchmark)" : "");
}

/*
 * Fills order[] with the tests that test=SEL names and returns how many:
 * "all" is every test but the death tests and the benchmarks; an exact
 * name is that test alone, death tests and benchmarks included; otherwise
 * SEL is a prefix and names every test (again not the death tests nor the
 * benchmarks) whose name starts with it (test=pmap_ runs the pmap tests).
 */
static int select_tests(const char *sel, const struct ktest *order[KTEST_MAX])
{
	bool all = strcmp(sel, "all") == 0;
	size_t len = strlen(sel);
	int n = 0;

	for (const struct ktest *t = ktests_start; t < ktests_end && !all; t++)
		if (strcmp(sel, t->name) == 0) {
			order[0] = t;
			return 1;
		}
	for (const struct ktest *t = ktests_start; t < ktests_end; t++) {
		if (t->flags & (KTEST_DEATH | KTEST_BENCH))
			continue;
		if (all || strncmp(sel, t->name, len) == 0) {
			KASSERT(n < KTEST_MAX);
			order[n++] = t;
		}
	}
	return n;
}

void ktest_main(void)
{
	const char *sel = bootinfo_arg("test");
	const char *seedarg = bootinfo_arg("seed");
	uint64_t seed = seedarg ? strtoul(seedarg, NULL, 0) : 1;
	const struct ktest *order[KTEST_MAX];
	int n = 0, passed = 0, failed = 0;

	if (!sel)
		return;
	if (strcmp(sel, "list") == 0) {
		list_tests();
		halt(QEMU_EXIT_SUCCESS);
	}
	n = select_tests(sel, order);
	if (n == 0) {
		printf("ktest: no test is named '%s' or starts with it (death tests run "
		    "only by their full name); ", sel);
		list_tests();
		halt(QEMU_EXIT_FAILURE);
	}
	/* Shuffle by the seed, so hidden order dependencies surface. */
	struct ktest_ctx shuffler = { .rng = seed * 2654435761u | 1 };
	for (int i = n - 1; i > 0; i--) {
		int j = ktest_random(&shuffler) % (i + 1);
		const struct ktest *tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	printf("ktest: running %d test%s, seed %llu\n", n, n == 1 ? "" : "s",
	    (unsigned long long)seed);
	for (int i = 0; i < n; i++) {
		if (run_one(order[i], seed + i))
			passed++;
		else
			failed++;
	}
	printf("ktest: summary %d passed %d failed seed %llu\n", passed, failed,
	    (unsigned long long)seed);
	halt(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
}
