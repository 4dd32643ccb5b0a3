/*
 * The settings table: lookups, ranges, read-only settings and hooks,
 * through sysctl_set (the system calls' own path is tested from user
 * space by utest's sysctl_settings).
 */
#include "kernel/ktest.h"
#include "kernel/sysctl.h"
#include "kernel/errno.h"

/* A setting for the tests alone: it changes nothing. Its hook refuses 3. */
static int sysctl_test_knob;
static int sysctl_test_check(int v)
{
	return v == 3 ? EBUSY : 0;
}
SYSCTL_INT_FN(test_knob, "test.knob", &sysctl_test_knob, -5, 5, 0, sysctl_test_check,
    "for the sysctl tests; no effect (its hook refuses 3)");

KTEST(sysctl_ranges_readonly_and_hooks)
{
	const struct sysctl_setting *s = sysctl_lookup("test.knob");
	const struct sysctl_setting *hz = sysctl_lookup("kern.hz");

	KT_ASSERT(s != NULL && hz != NULL);
	KT_ASSERT(sysctl_lookup("test.kno") == NULL && sysctl_lookup("") == NULL);
	int old = sysctl_test_knob;
	KT_ASSERT_EQ(sysctl_set(s, -5, true), 0);
	KT_ASSERT_EQ(sysctl_test_knob, -5);
	KT_ASSERT_EQ(sysctl_set(s, 6, true), EINVAL);
	KT_ASSERT_EQ(sysctl_set(s, -6, true), EINVAL);
	KT_ASSERT_EQ(sysctl_set(s, 3, true), EBUSY);
	KT_ASSERT_EQ(sysctl_test_knob, -5);              /* refused values are not stored */
	KT_ASSERT_EQ(sysctl_set(s, old, false), 0);
	KT_ASSERT_EQ(sysctl_set(hz, *hz->var, true), EPERM);
	KT_ASSERT_EQ(sysctl_set(hz, *hz->var, false), 0);  /* the kernel may */
}
