/*
 * Sleep queues (see kernel/sleepq.h).
 *
 * A sleeping thread has t_state == TS_SLEEPING, is on exactly one sleep
 * queue (t_sleepq, linked through t_queue), and if its sleep has a
 * timeout, its t_timeout callout is pending. Whoever ends the sleep, a
 * waker or the timeout, takes it off the queue and makes it runnable, all
 * under sched_lock; the other one then finds it no longer sleeping.
 *
 * Example: cv_timedwait(cv, m, 10) at tick 500 puts the thread on cv's
 * queue and schedules its callout for tick 510.
 *  - cv_signal at tick 503 takes it off the queue; when it runs again it
 *    stops the callout and returns 0.
 *  - If nobody signals, sleepq_timeout at tick 510 takes it off the queue
 *    and sets t_timedout: it returns ETIMEDOUT.
 *
 * One lock for every queue is simple and right on one CPU. With more
 * CPUs it becomes a bottleneck, and the usual cure is a hash of sleep
 * queue locks (FreeBSD's sleepqueue chains).
 */
#include "kernel/sleepq.h"
#include "kernel/callout.h"
#include "kernel/errno.h"
#include "kernel/intr.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/signal.h"

void sleepq_init(struct sleepq *sq)
{
	TAILQ_INIT(sq);
}

/* => sched_lock held; t asleep on a queue. */
static void sleepq_unsleep(struct thread *t)
{
	KASSERT(t->t_state == TS_SLEEPING && t->t_sleepq != NULL);
	TAILQ_REMOVE(t->t_sleepq, t, t_queue);
	t->t_sleepq = NULL;
	sched_setrunnable(t);
}

/*
 * The callout of a sleep with a timeout, run from the clock interrupt.
 * One CPU: the thread cannot be between its wakeup and its callout_stop
 * while this runs, so "still sleeping" means "still in the sleep that
 * scheduled us". XXX With SMP it can: a sleep generation number checked
 * here, or a callout_halt that waits for a running callout, would fix it.
 */
static void sleepq_timeout(void *arg)
{
	struct thread *t = arg;

	spinlock_enter(&sched_lock);
	if (t->t_state == TS_SLEEPING) {
		t->t_timedout = true;
		sleepq_unsleep(t);
	}
	spinlock_exit(&sched_lock);
}

int sleepq_block(struct sleepq *sq, int timo)
{
	struct thread *t = curthread;

	KASSERT(spinlock_held(&sched_lock));
	KASSERT(intr_depth == 0 && timo >= 0);
	/* Sleeping inside an interrupts-masked section would unmask it. */
	KASSERTMSG(t->t_spin_intr, "'%s' sleeps with interrupts disabled", t->t_name);
	t->t_state = TS_SLEEPING;
	t->t_sleepq = sq;
	t->t_timedout = false;
	TAILQ_INSERT_TAIL(sq, t, t_queue);
	if (timo > 0)
		callout_schedule(&t->t_timeout, timo, sleepq_timeout, t);
	sched_switch();
	KASSERT(t->t_sleepq == NULL);
	/* A wakeup may have beaten the timeout: it must not fire later. */
	if (timo > 0)
		callout_stop(&t->t_timeout);
	return t->t_timedout ? ETIMEDOUT : 0;
}

bool sleepq_wake_one(struct sleepq *sq)
{
	KASSERT(spinlock_held(&sched_lock));
	struct thread *t = TAILQ_FIRST(sq);
	if (t == NULL)
		return false;
	sleepq_unsleep(t);
	return true;
}

void sleepq_wake_all(struct sleepq *sq)
{
	while (sleepq_wake_one(sq))
		continue;
}

int sleepq_block_sig(struct sleepq *sq, int timo)
{
	struct thread *t = curthread;

	KASSERT(spinlock_held(&sched_lock));
	/*
	 * A signal posted before we took sched_lock is visible here; one
	 * posted after finds us on sq (signal_post takes sched_lock to
	 * interrupt us), so none is missed.
	 */
	if (t->t_proc && signal_deliverable(t->t_proc))
		return EINTR;
	t->t_intr_sleep = true;
	t->t_interrupted = false;
	int error = sleepq_block(sq, timo);
	t->t_intr_sleep = false;
	return t->t_interrupted ? EINTR : error;
}

void sleepq_interrupt(struct thread *t)
{
	KASSERT(spinlock_held(&sched_lock));
	if (t->t_state == TS_SLEEPING && t->t_intr_sleep) {
		t->t_interrupted = true;
		sleepq_unsleep(t);
	}
}
