/*
 * Callouts: run a function from the clock interrupt a number of ticks
 * from now (the timeouts of sleeps, later TCP timers and the like). The
 * function runs in interrupt context, interrupts off, no lock held: it
 * must not sleep. A zeroed struct callout is ready to use.
 */
#ifndef _KERNEL_CALLOUT_H_
#define _KERNEL_CALLOUT_H_

#include <stdbool.h>
#include <stdint.h>

/* Lock legend: [o] callout_lock */
struct callout {
	struct callout *c_next;         /* [o] the pending list, sorted by c_when */
	uint64_t c_when;                /* [o] the tick at which it runs */
	void (*c_fn)(void *);           /* [o] */
	void *c_arg;                    /* [o] */
	bool c_pending;                 /* [o] on the pending list */
};

/*
 * Arranges for fn(arg) to run when the tick counter has advanced by
 * `ticks` (> 0). A pending c is rescheduled.
 * => c stays the caller's; it must not be freed while pending.
 */
void callout_schedule(struct callout *c, int ticks, void (*fn)(void *), void *arg);

/*
 * Cancels c. Returns true if it was pending (and now will not run),
 * false if it had run already or was never scheduled.
 */
bool callout_stop(struct callout *c);

/* True if c is scheduled and has not run yet. */
bool callout_pending(struct callout *c);

/* Runs the callouts due at tick `now`. Called by hardclock only. */
void callout_tick(uint64_t now);

#endif
