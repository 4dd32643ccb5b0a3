/* Tests of the clock tick and of callouts. */
#include <machine/cpu.h>
#include "kernel/ktest.h"
#include "kernel/callout.h"
#include "kernel/clock.h"
#include "kernel/intr.h"
#include "kernel/thread.h"
#include "kernel/dev/pit.h"

KTEST(clock_ticks_advance)
{
	enum { WAIT_TICKS = 3 };
	/* A bound in CPU cycles, in case the clock is dead: seconds at any speed. */
	const uint64_t max_cycles = 20000000000ull;
	uint64_t t0 = clock_ticks(), irq0 = intr_count(PIT_IRQ), c0 = cpu_cycles();

	while (clock_ticks() < t0 + WAIT_TICKS && cpu_cycles() - c0 < max_cycles)
		cpu_spin_hint();
	uint64_t t1 = clock_ticks();
	uint64_t ns = clock_uptime_ns();
	uint64_t t2 = clock_ticks();

	KT_ASSERT(t1 >= t0 + WAIT_TICKS);
	KT_ASSERT(intr_count(PIT_IRQ) >= irq0 + WAIT_TICKS);
	KT_ASSERT(ns >= t1 * NS_PER_TICK && ns <= t2 * NS_PER_TICK);
}

struct fired {
	volatile uint64_t at[3];        /* the tick each callout ran at */
	volatile int order[3], n;
};

struct callout_arg {
	struct fired *f;
	int id;
};

static void note_tick(void *arg)
{
	struct callout_arg *a = arg;

	a->f->at[a->id] = clock_ticks();
	a->f->order[a->f->n++] = a->id;
}

KTEST(callout_runs_at_its_tick_in_order)
{
	struct fired f = { .n = 0 };
	struct callout c[3] = { { 0 } };
	struct callout_arg arg[3] = { { &f, 0 }, { &f, 1 }, { &f, 2 } };
	static const int delay[3] = { 4, 2, 2 };       /* run order: 1, 2, 0 */

	/* No tick between reading the clock and scheduling. */
	unsigned long s = cpu_intr_save();
	uint64_t t0 = clock_ticks();
	for (int i = 0; i < 3; i++)
		callout_schedule(&c[i], delay[i], note_tick, &arg[i]);
	cpu_intr_restore(s);
	thread_sleep(delay[0] + 2);

	bool left = callout_pending(&c[0]) || callout_pending(&c[1]) || callout_pending(&c[2]);
	for (int i = 0; i < 3; i++)
		callout_stop(&c[i]);
	KT_ASSERT(!left);
	KT_ASSERT_EQ(f.n, 3);
	for (int i = 0; i < 3; i++)
		KT_ASSERT_EQ(f.at[i], t0 + delay[i]);
	KT_ASSERT_EQ(f.order[0], 1);
	KT_ASSERT_EQ(f.order[1], 2);
	KT_ASSERT_EQ(f.order[2], 0);
}

KTEST(callout_stop_cancels)
{
	struct fired f = { .n = 0 };
	struct callout c = { 0 };
	struct callout_arg arg = { &f, 0 };

	callout_schedule(&c, 2, note_tick, &arg);
	bool pending = callout_pending(&c);
	bool stopped = callout_stop(&c);
	thread_sleep(4);
	bool stopped_again = callout_stop(&c);

	KT_ASSERT(pending);
	KT_ASSERT(stopped);
	KT_ASSERT_EQ(f.n, 0);
	KT_ASSERT(!stopped_again);
}
