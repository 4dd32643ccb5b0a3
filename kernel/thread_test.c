/*
 * Tests of threads and the scheduler: create/exit/join, the reaper,
 * frame chains, preemption, and a stack overflow into the guard page.
 * Each test joins (or waits for the reaper to free) every thread it made
 * before it checks anything, so a failed check leaks nothing.
 */
#include "kernel/ktest.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/ksyms.h"
#include "kernel/probe.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/thread.h"

struct ran {
	struct thread *self;
	vaddr_t local;                  /* the address of a local variable */
	int guard_probe;                /* kprobe_read_word just below the stack */
	int stack_probe;                /* ... and at its lowest byte */
};

static void record_self(void *arg)
{
	struct ran *r = arg;
	uintptr_t w;

	r->self = curthread;
	r->local = (vaddr_t)&w;
	r->guard_probe = kprobe_read_word((void *)(curthread->t_stack_lo - sizeof(w)), &w);
	r->stack_probe = kprobe_read_word((void *)curthread->t_stack_lo, &w);
}

KTEST(thread_create_join)
{
	unsigned n0 = thread_count();
	struct ran r = { .guard_probe = -1, .stack_probe = -1 };
	struct thread *t;
	int error = thread_create("kt-join", record_self, &r, &t);
	KT_ASSERT_EQ(error, 0);
	unsigned n1 = thread_count();
	vaddr_t lo = t->t_stack_lo, hi = t->t_stack_hi;
	thread_join(t);

	KT_ASSERT_EQ(n1, n0 + 1);
	KT_ASSERT_EQ(thread_count(), n0);
	KT_ASSERT(r.self == t);
	KT_ASSERT_EQ(hi - lo, THREAD_STACK_SIZE);
	KT_ASSERT(r.local >= lo && r.local < hi);       /* it ran on its own stack */
	KT_ASSERT_EQ(r.stack_probe, 0);
	KT_ASSERT_EQ(r.guard_probe, EFAULT);            /* with a guard page below */
}

static void set_flag(void *arg)
{
	*(volatile int *)arg = 1;
}

KTEST(thread_detached_is_reaped)
{
	enum { MAX_WAIT_TICKS = 100 };
	unsigned n0 = thread_count();
	volatile int ran = 0;

	KT_ASSERT_EQ(thread_create("kt-detached", set_flag, (void *)&ran, NULL), 0);
	/* Only the reaper frees a detached thread: wait for it, boundedly. */
	for (int i = 0; i < MAX_WAIT_TICKS && thread_count() != n0; i++)
		thread_sleep(1);
	KT_ASSERT_EQ(thread_count(), n0);
	KT_ASSERT(ran);
}

struct chain {
	bool in_stack;                  /* every frame pointer in the thread's stack */
	int depth;
	uintptr_t last_ret;             /* the return address of the last frame */
};

static void __attribute__((noinline)) walk_frames(struct chain *c)
{
	uintptr_t *fp = __builtin_frame_address(0);

	c->in_stack = true;
	while (fp != NULL && c->depth < 64) {
		if ((vaddr_t)fp < curthread->t_stack_lo || (vaddr_t)fp >= curthread->t_stack_hi) {
			c->in_stack = false;
			return;
		}
		c->last_ret = fp[1];
		fp = (uintptr_t *)fp[0];
		c->depth++;
	}
}

static void walk_frames_thread(void *arg)
{
	walk_frames(arg);
}

KTEST(thread_frame_chain_ends_at_trampoline)
{
	struct chain c = { 0 };
	struct thread *t;
	uintptr_t off;

	KT_ASSERT_EQ(thread_create("kt-frames", walk_frames_thread, &c, &t), 0);
	thread_join(t);
	KT_ASSERT(c.in_stack);
	/* walk_frames, walk_frames_thread, thread_start, then a zero fp. */
	KT_ASSERT(c.depth >= 3 && c.depth < 64);
	const char *name = ksyms_lookup(c.last_ret - 1, &off);
	KT_ASSERT(name != NULL && strcmp(name, "md_thread_trampoline") == 0);
}

/*
 * Preemption: two threads that never yield spin until a deadline in
 * ticks, each noting when it takes over from the other in a shared
 * variable. With preemption they alternate every SCHED_QUANTUM ticks;
 * without, the first runs to the deadline and the second finds it past.
 */
enum { SPIN_TICKS = 40, MIN_HANDOFFS = 4 };

struct spin_shared {
	volatile int last;              /* who counted last */
	volatile unsigned handoffs;     /* times one took over from the other */
	uint64_t deadline;
};

struct spinner {
	struct spin_shared *sh;
	int id;
	uint64_t count;
};

static void spin_until_deadline(void *arg)
{
	struct spinner *s = arg;
	struct spin_shared *sh = s->sh;

	while (clock_ticks() < sh->deadline) {
		if (sh->last != s->id) {
			sh->last = s->id;
			sh->handoffs++;
		}
		s->count++;
	}
}

KTEST(thread_preemption_interleaves)
{
	struct spin_shared sh = { .last = -1, .deadline = clock_ticks() + SPIN_TICKS };
	struct spinner s[2] = { { &sh, 0, 0 }, { &sh, 1, 0 } };
	struct thread *t[2];

	KT_ASSERT_EQ(thread_create("kt-spin0", spin_until_deadline, &s[0], &t[0]), 0);
	if (thread_create("kt-spin1", spin_until_deadline, &s[1], &t[1]) != 0) {
		thread_join(t[0]);
		KT_ASSERT(!"thread_create failed");
	}
	thread_join(t[0]);
	thread_join(t[1]);
	KT_ASSERT(s[0].count > 0 && s[1].count > 0);
	KT_ASSERT(sh.handoffs >= MIN_HANDOFFS);
}

/* Not a tail call, and a frame big enough to reach the guard quickly. */
static int __attribute__((noinline)) recurse(volatile int *depth)
{
	volatile char pad[128];

	pad[0] = (char)++*depth;
	if (*depth > 0)
		return recurse(depth) + pad[0];
	return pad[0];
}

static void overflow_stack(void *arg)
{
	recurse(arg);
}

/* Expected to panic with "kernel stack overflow" (trap.c). */
KTEST_DEATH_TEST(stack_overflow)
{
	volatile int depth = 0;
	struct thread *t;

	KT_ASSERT_EQ(thread_create("kt-overflow", overflow_stack, (void *)&depth, &t), 0);
	thread_join(t);
	ktest_fail(kt, __FILE__, __LINE__, "no panic after recursing %d deep", depth);
}
