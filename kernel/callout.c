/*
 * Callouts (see kernel/callout.h).
 *
 * The pending callouts form one singly-linked list sorted by c_when, the
 * absolute tick at which each is due; callouts due at the same tick keep
 * the order they were scheduled in. Each tick, callout_tick() runs the
 * due ones from the front. Example: at tick 100, schedule a in 5 ticks
 * and then b in 2: the list is [b@102, a@105]; tick 102 runs b, tick 105
 * runs a.
 *
 * Scheduling walks the list, O(n): fine for the few timeouts a teaching
 * kernel has pending. A timer wheel (NetBSD's kern_timeout.c) is the
 * answer when there are thousands.
 */
#include "kernel/callout.h"
#include "kernel/clock.h"
#include "kernel/lock.h"
#include "kernel/panic.h"

static struct spinlock callout_lock = SPINLOCK_INITIALIZER("callout");
static struct callout *callout_list;    /* [o] pending, sorted by c_when */

/* => callout_lock held; c pending. */
static void callout_unlink(struct callout *c)
{
	struct callout **pp = &callout_list;

	while (*pp != c) {
		KASSERTMSG(*pp != NULL, "callout %p is pending but not listed", c);
		pp = &(*pp)->c_next;
	}
	*pp = c->c_next;
	c->c_pending = false;
}

void callout_schedule(struct callout *c, int ticks, void (*fn)(void *), void *arg)
{
	KASSERT(ticks > 0 && fn != NULL);
	spinlock_enter(&callout_lock);
	if (c->c_pending)
		callout_unlink(c);
	c->c_when = clock_ticks() + ticks;
	c->c_fn = fn;
	c->c_arg = arg;
	c->c_pending = true;
	struct callout **pp = &callout_list;
	while (*pp != NULL && (*pp)->c_when <= c->c_when)
		pp = &(*pp)->c_next;
	c->c_next = *pp;
	*pp = c;
	spinlock_exit(&callout_lock);
}

bool callout_stop(struct callout *c)
{
	spinlock_enter(&callout_lock);
	bool was_pending = c->c_pending;
	if (was_pending)
		callout_unlink(c);
	spinlock_exit(&callout_lock);
	return was_pending;
}

bool callout_pending(struct callout *c)
{
	spinlock_enter(&callout_lock);
	bool pending = c->c_pending;
	spinlock_exit(&callout_lock);
	return pending;
}

void callout_tick(uint64_t now)
{
	spinlock_enter(&callout_lock);
	while (callout_list != NULL && callout_list->c_when <= now) {
		struct callout *c = callout_list;
		callout_list = c->c_next;
		c->c_pending = false;
		void (*fn)(void *) = c->c_fn;
		void *arg = c->c_arg;
		/* Unlocked, so fn may schedule or stop callouts, this one included. */
		spinlock_exit(&callout_lock);
		fn(arg);
		spinlock_enter(&callout_lock);
	}
	spinlock_exit(&callout_lock);
}
