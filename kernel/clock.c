/*
 * The clock (see kernel/clock.h). The tick source is the 8254 PIT
 * (kernel/dev/pit.c); hardclock() is machine-independent.
 */
#include "kernel/clock.h"
#include "kernel/callout.h"
#include "kernel/intr.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "kernel/dev/pit.h"

volatile uint64_t ticks;                /* written by hardclock only */

static int clock_hz = HZ;
SYSCTL_INT(kern_hz, "kern.hz", &clock_hz, HZ, HZ, SYSCTL_RDONLY, "clock interrupts a second");

void clock_init(void)
{
	pit_init(HZ);
}

void hardclock(void)
{
	KASSERT(intr_depth > 0);
	uint64_t now = ticks + 1;
	ticks = now;
	callout_tick(now);
	sched_tick();
}

uint64_t clock_ticks(void)
{
	uint64_t a, b;

	/*
	 * On i386 the two halves are read one by one, and a tick in between
	 * tears the value. There is one writer, every 10 ms: two equal reads
	 * in a row cannot both be torn.
	 */
	do {
		a = ticks;
		b = ticks;
	} while (a != b);
	return a;
}

uint64_t clock_uptime_ns(void)
{
	return clock_ticks() * NS_PER_TICK;
}
