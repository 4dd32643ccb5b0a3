/*
 * The clock (see kernel/clock.h). The tick source is the 8254 PIT
 * (kernel/dev/pit.c); hardclock() is machine-independent.
 */
#include "kernel/clock.h"
#include "kernel/callout.h"
#include "kernel/intr.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "kernel/printf.h"
#include "kernel/dev/pit.h"
#include "kernel/dev/rtc.h"

volatile uint64_t ticks;                /* written by hardclock only */

static int clock_hz = HZ;
SYSCTL_INT(kern_hz, "kern.hz", &clock_hz, HZ, HZ, SYSCTL_RDONLY, "clock interrupts a second");
int64_t clock_boottime;                 /* written once by clock_init */

void clock_init(void)
{
	clock_boottime = rtc_read();
	pit_init(HZ);
	if (clock_boottime)
		printf("rtc: %lld seconds since 1970 (UTC)\n", (long long)clock_boottime);
	else
		printf("rtc: nothing readable; the date starts at 1970\n");
}

uint64_t clock_realtime_ns(void)
{
	return (uint64_t)clock_boottime * 1000000000ull + clock_uptime_ns();
}

void hardclock(void)
{
	KASSERT(intr_depth > 0);
	uint64_t now = ticks + 1;
	ticks = now;
	/* Charge the tick to the process it interrupted (getrusage). */
	struct proc *p = curproc();
	if (p != NULL) {
		if (intr_user)
			p->p_uticks++;
		else
			p->p_sticks++;
	}
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
