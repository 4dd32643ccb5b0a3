/*
 * Tests of spinlocks, mutexes, condition variables and the console lock.
 * Checks that could fail with a lock held or a thread running are made
 * after the lock is released and the threads are joined.
 */
#include <machine/cpu.h>
#include "kernel/ktest.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/sched.h"
#include "kernel/thread.h"

KTEST(spinlock_nesting_restores_interrupts)
{
	struct spinlock a, b;
	bool on0, off_a, off_ab, off_after_b, on_after_a, held_a, held_b, off_again;

	spinlock_init(&a, "kt-a");
	spinlock_init(&b, "kt-b");
	on0 = cpu_intr_enabled();
	spinlock_enter(&a);
	off_a = !cpu_intr_enabled();
	spinlock_enter(&b);
	off_ab = !cpu_intr_enabled();
	held_a = spinlock_held(&a);
	held_b = spinlock_held(&b);
	spinlock_exit(&b);
	off_after_b = !cpu_intr_enabled();      /* the inner exit must not unmask */
	spinlock_exit(&a);
	on_after_a = cpu_intr_enabled();

	/* Taken with interrupts already off, they stay off. */
	cpu_intr_disable();
	spinlock_enter(&a);
	spinlock_exit(&a);
	off_again = !cpu_intr_enabled();
	cpu_intr_enable();

	KT_ASSERT(on0);
	KT_ASSERT(off_a && off_ab && held_a && held_b);
	KT_ASSERT(off_after_b);
	KT_ASSERT(on_after_a);
	KT_ASSERT(!spinlock_held(&a) && !spinlock_held(&b));
	KT_ASSERT(off_again);
}

KTEST(spinlock_tryenter_fails_when_held)
{
	struct spinlock a;
	bool got, again;

	spinlock_init(&a, "kt-try");
	got = spinlock_tryenter(&a);
	/* Pretend another CPU holds it: tryenter must fail and not unmask. */
	struct thread *owner = a.sl_owner;
	a.sl_owner = NULL;
	again = spinlock_tryenter(&a);
	bool still_off = !cpu_intr_enabled();
	a.sl_owner = owner;
	spinlock_exit(&a);

	KT_ASSERT(got);
	KT_ASSERT(!again);
	KT_ASSERT(still_off);
	KT_ASSERT(cpu_intr_enabled());
}

KTEST(console_lock_nests_for_panic)
{
	bool outer = cons_lock();
	bool inner = cons_lock();       /* what a panic inside printf does */
	bool off = !cpu_intr_enabled();
	cons_unlock(inner);
	bool still_off = !cpu_intr_enabled();
	cons_unlock(outer);

	KT_ASSERT(outer);
	KT_ASSERT(!inner);
	KT_ASSERT(off && still_off);
	KT_ASSERT(cpu_intr_enabled());
}

/*
 * Many threads increment one counter under a mutex, reading it, yielding
 * in the middle, then writing it back: without mutual exclusion updates
 * are lost. The total must be exact.
 */
enum { COUNTER_THREADS = 8, COUNTER_ROUNDS = 50 };

struct counter {
	struct mutex m;
	unsigned value;
	unsigned not_owned;             /* times mutex_owned was wrong */
};

static void count_up(void *arg)
{
	struct counter *c = arg;

	for (int i = 0; i < COUNTER_ROUNDS; i++) {
		if (mutex_owned(&c->m))
			c->not_owned++;
		mutex_enter(&c->m);
		if (!mutex_owned(&c->m))
			c->not_owned++;
		unsigned v = c->value;
		sched_yield();
		c->value = v + 1;
		mutex_exit(&c->m);
		if (i % 4 == 0)
			sched_yield();
	}
}

KTEST(mutex_counter_exact)
{
	struct counter c = { .value = 0 };
	struct thread *t[COUNTER_THREADS];
	int n = 0;

	mutex_init(&c.m, "kt-counter");
	while (n < COUNTER_THREADS && thread_create("kt-count", count_up, &c, &t[n]) == 0)
		n++;
	for (int i = 0; i < n; i++)
		thread_join(t[i]);
	mutex_destroy(&c.m);
	KT_ASSERT_EQ(n, COUNTER_THREADS);
	KT_ASSERT_EQ(c.value, COUNTER_THREADS * COUNTER_ROUNDS);
	KT_ASSERT_EQ(c.not_owned, 0);
}

KTEST(cv_timedwait_times_out)
{
	static const int timeouts[] = { 1, 2, 5, 13 };
	enum { SLACK = 2 };
	struct mutex m;
	struct condvar cv;

	mutex_init(&m, "kt-m");
	cv_init(&cv, "kt-cv");
	for (unsigned i = 0; i < sizeof(timeouts) / sizeof(timeouts[0]); i++) {
		mutex_enter(&m);
		uint64_t t0 = clock_ticks();
		int error = cv_timedwait(&cv, &m, timeouts[i]);
		uint64_t waited = clock_ticks() - t0;
		bool owned = mutex_owned(&m);
		mutex_exit(&m);
		KT_ASSERT_EQ(error, ETIMEDOUT);
		KT_ASSERT(owned);
		KT_ASSERT(waited >= (uint64_t)timeouts[i]);          /* never early */
		KT_ASSERT(waited <= (uint64_t)timeouts[i] + SLACK);
	}
	KT_ASSERT(!callout_pending(&curthread->t_timeout));
}

/*
 * Waiters sleep in cv_timedwait with a long timeout; the test waits until
 * all are asleep, then signals (one) or broadcasts (all). Each must come
 * back with 0 well before the timeout, its timeout callout cancelled.
 */
enum { CV_TIMEOUT = 200, CV_MAX_WAITERS = 4 };

struct cv_shared {
	struct mutex m;
	struct condvar cv;
	int asleep;                     /* waiters inside cv_timedwait */
	int go;                         /* wakeups granted */
};

struct cv_waiter {
	struct cv_shared *sh;
	int error;
	uint64_t waited;
	bool callout_left;
};

static void cv_wait_for_go(void *arg)
{
	struct cv_waiter *w = arg;
	struct cv_shared *sh = w->sh;

	mutex_enter(&sh->m);
	uint64_t t0 = clock_ticks();
	sh->asleep++;
	w->error = 0;
	while (sh->go == 0 && w->error == 0)
		w->error = cv_timedwait(&sh->cv, &sh->m, CV_TIMEOUT);
	if (sh->go > 0)
		sh->go--;
	w->waited = clock_ticks() - t0;
	w->callout_left = callout_pending(&curthread->t_timeout);
	mutex_exit(&sh->m);
}

/* Runs nwaiters waiters and wakes them with cv_signal or cv_broadcast. */
static int cv_run_waiters(struct cv_waiter *w, int nwaiters, bool broadcast)
{
	struct cv_shared sh = { .asleep = 0, .go = 0 };
	struct thread *t[CV_MAX_WAITERS];
	int n = 0;

	mutex_init(&sh.m, "kt-cv-m");
	cv_init(&sh.cv, "kt-cv");
	while (n < nwaiters) {
		w[n] = (struct cv_waiter){ .sh = &sh, .error = -1 };
		if (thread_create("kt-cv-waiter", cv_wait_for_go, &w[n], &t[n]) != 0)
			break;
		n++;
	}
	/* A waiter counted in `asleep` is asleep on cv once we hold m. */
	mutex_enter(&sh.m);
	for (int i = 0; i < CV_TIMEOUT / 2 && sh.asleep < n; i++) {
		mutex_exit(&sh.m);
		thread_sleep(1);
		mutex_enter(&sh.m);
	}
	if (broadcast) {
		sh.go = n;
		cv_broadcast(&sh.cv);
	} else {
		/* One at a time: each cv_signal must wake a waiter. */
		for (int i = 0; i < n; i++) {
			sh.go = 1;
			cv_signal(&sh.cv);
			mutex_exit(&sh.m);
			thread_sleep(1);
			mutex_enter(&sh.m);
		}
	}
	mutex_exit(&sh.m);
	for (int i = 0; i < n; i++)
		thread_join(t[i]);
	cv_destroy(&sh.cv);
	mutex_destroy(&sh.m);
	return n;
}

static bool woken_in_time(const struct cv_waiter *w)
{
	return w->error == 0 && w->waited < CV_TIMEOUT / 2 && !w->callout_left;
}

KTEST(cv_signal_wakes_before_timeout)
{
	struct cv_waiter w[2];

	KT_ASSERT_EQ(cv_run_waiters(w, 2, false), 2);
	KT_ASSERT(woken_in_time(&w[0]));
	KT_ASSERT(woken_in_time(&w[1]));
}

KTEST(cv_broadcast_wakes_all)
{
	struct cv_waiter w[CV_MAX_WAITERS];

	KT_ASSERT_EQ(cv_run_waiters(w, CV_MAX_WAITERS, true), CV_MAX_WAITERS);
	for (int i = 0; i < CV_MAX_WAITERS; i++)
		KT_ASSERT(woken_in_time(&w[i]));
}

/*
 * A mix of everything, for the races directed tests miss: threads pick
 * at random among signalling, waiting with a timeout, broadcasting,
 * yielding, sleeping and spinning, until a deadline. Waiters consume
 * tokens that signallers produce, all under the mutex: in the end the
 * counts must add up exactly.
 */
enum { STRESS_THREADS = 8, STRESS_TICKS = 50, STRESS_SPIN_MAX = 5000 };

struct stress {
	struct mutex m;
	struct condvar cv;
	unsigned tokens;                /* [m] produced and not yet consumed */
	uint64_t deadline;
};

struct stresser {
	struct stress *st;
	struct ktest_ctx rng;
	unsigned produced, consumed;
};

static void stress_step(struct stresser *s, unsigned r)
{
	struct stress *st = s->st;

	switch (r % 6) {
	case 0:
		/* Read, maybe yield holding m, write: others queue on m. */
		mutex_enter(&st->m);
		unsigned v = st->tokens;
		if (r & 8)
			sched_yield();
		st->tokens = v + 1;
		s->produced++;
		cv_signal(&st->cv);
		mutex_exit(&st->m);
		break;
	case 1:
		mutex_enter(&st->m);
		while (st->tokens == 0 && cv_timedwait(&st->cv, &st->m, 1 + r % 3) == 0)
			continue;
		if (st->tokens > 0) {
			st->tokens--;
			s->consumed++;
		}
		mutex_exit(&st->m);
		break;
	case 2:
		mutex_enter(&st->m);
		cv_broadcast(&st->cv);
		mutex_exit(&st->m);
		break;
	case 3:
		sched_yield();
		break;
	case 4:
		thread_sleep(1);
		break;
	default:
		for (volatile unsigned i = 0; i < r % STRESS_SPIN_MAX; i++)
			continue;
	}
}

static void stress_run(void *arg)
{
	struct stresser *s = arg;

	while (clock_ticks() < s->st->deadline)
		stress_step(s, (unsigned)ktest_random(&s->rng));
}

KTEST(lock_stress_mixed)
{
	struct stress st = { .tokens = 0, .deadline = clock_ticks() + STRESS_TICKS };
	struct stresser s[STRESS_THREADS];
	struct thread *t[STRESS_THREADS];
	unsigned produced = 0, consumed = 0;
	int n = 0;

	mutex_init(&st.m, "kt-stress");
	cv_init(&st.cv, "kt-stress");
	for (; n < STRESS_THREADS; n++) {
		s[n] = (struct stresser){ .st = &st, .rng = { .rng = ktest_random(kt) | 1 } };
		if (thread_create("kt-stress", stress_run, &s[n], &t[n]) != 0)
			break;
	}
	for (int i = 0; i < n; i++) {
		thread_join(t[i]);
		produced += s[i].produced;
		consumed += s[i].consumed;
	}
	cv_destroy(&st.cv);
	mutex_destroy(&st.m);
	KT_ASSERT_EQ(n, STRESS_THREADS);
	KT_ASSERT(produced > 0 && consumed > 0);
	KT_ASSERT_EQ(produced - consumed, st.tokens);
}
