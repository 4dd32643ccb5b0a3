/*
 * The host test runner's interface (hosttest.c). A test is a plain
 * function listed in hosttest.c's table; it runs in a child process of
 * its own, so every test starts from a fresh vm/ state (uvm_page_init
 * runs once per process) and a sanitizer abort costs only that test.
 * A test fails by calling host_fail (the CHECK macros do), by an
 * unexpected panic, or by dying; otherwise it passes when it returns.
 */
#ifndef _HOSTTEST_H_
#define _HOSTTEST_H_

#include <stdbool.h>
#include <stdint.h>

/* Ends the running test as failed with this reason. */
void host_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define CHECK(e) do {                                                   \
	if (!(e))                                                       \
		host_fail("%s:%d: %s", __FILE__, __LINE__, #e);         \
} while (0)

#define CHECK_EQ(a, b) do {                                             \
	long long _a = (long long)(a), _b = (long long)(b);             \
	if (_a != _b)                                                   \
		host_fail("%s:%d: %s is %lld, not %s (%lld)",           \
		    __FILE__, __LINE__, #a, _a, #b, _b);                \
} while (0)

/* With a printf-style explanation of the values involved. */
#define CHECKF(e, fmt, ...) do {                                        \
	if (!(e))                                                       \
		host_fail("%s:%d: %s: " fmt, __FILE__, __LINE__, #e,    \
		    ##__VA_ARGS__);                                     \
} while (0)

/*
 * A small reproducible random generator (splitmix64), seeded with the
 * same seed at the start of every test: HOST_SEED=n in the environment.
 */
extern uint64_t host_seed;
uint64_t host_rand(void);
/* Uniform in [0, n), n > 0. */
uint64_t host_rand_below(uint64_t n);

#endif
