/* System calls about time, the scheduler and the machine. */
#include "kernel/syscall.h"
#include "kernel/abi/syscall.h"
#include "kernel/abi/types.h"
#include "kernel/abi/resource.h"
#include "kernel/abi/signal.h"
#include "kernel/abi/time.h"
#include "kernel/clock.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/sleepq.h"
#include "kernel/thread.h"
#include "kernel/dev/qemu_exit.h"


SYSCALL(nanosleep)
{
	struct uvix_timespec req, rem = { 0, 0 };
	struct sleepq q = SLEEPQ_INITIALIZER(q);

	if (copyin((const void *)args[0], &req, sizeof(req)) != 0)
		return EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return EINVAL;
	int64_t ns = req.tv_sec * 1000000000LL + req.tv_nsec;
	int64_t ticks = (ns + NS_PER_TICK - 1) / NS_PER_TICK;
	if (ticks == 0)
		return 0;
	if (ticks > INT32_MAX)
		ticks = INT32_MAX;
	uint64_t start = clock_ticks();
	spinlock_enter(&sched_lock);
	int error = sleepq_block_sig(&q, (int)ticks);
	spinlock_exit(&sched_lock);
	if (error == ETIMEDOUT)
		return 0;
	/* Interrupted: say how much was left. */
	int64_t left = ticks - (int64_t)(clock_ticks() - start);
	if (left < 0)
		left = 0;
	rem.tv_sec = left * NS_PER_TICK / 1000000000LL;
	rem.tv_nsec = left * NS_PER_TICK % 1000000000LL;
	if (args[1] && copyout(&rem, (void *)args[1], sizeof(rem)) != 0)
		return EFAULT;
	return EINTR;
}

/* CLOCK_REALTIME: the CMOS clock read at boot plus the ticks since. */
SYSCALL(clock_gettime)
{
	struct uvix_timespec ts;

	if (args[0] != CLOCK_REALTIME && args[0] != CLOCK_MONOTONIC)
		return EINVAL;
	uint64_t ns = args[0] == CLOCK_REALTIME ? clock_realtime_ns() : clock_uptime_ns();
	ts.tv_sec = ns / 1000000000ULL;
	ts.tv_nsec = ns % 1000000000ULL;
	return copyout(&ts, (void *)args[1], sizeof(ts));
}

SYSCALL(sched_yield)
{
	sched_yield();
	return 0;
}

/*
 * reboot(how, status): RB_POWEROFF and RB_HALT stop the machine; QEMU
 * exits with QEMU_EXIT_STATUS(status), so `make run` can report the exit
 * status of the command it ran. RB_AUTOBOOT is not supported (EINVAL).
 */
SYSCALL(reboot)
{
	int how = (int)args[0], status = (int)args[1];

	if (how != RB_HALT && how != RB_POWEROFF)
		return EINVAL;
	printf("uvix: %s (status %d)\n", how == RB_HALT ? "halted" : "powering off", status);
	halt(QEMU_EXIT_STATUS(status));
}

/* The callout of alarm(2), from the clock interrupt. */
static void alarm_fire(void *arg)
{
	signal_post_intr(arg, SIGALRM);
}

/* The longest alarm: its ticks must fit callout_schedule's int. */
#define ALARM_MAX_SECONDS       (INT32_MAX / HZ)

/*
 * alarm(seconds): SIGALRM after that many seconds (0: none), replacing
 * the pending one. Returns what the pending one had left, rounded up to
 * a second (0: none). The alarm is kept across exec, not across fork.
 */
SYSCALL(alarm)
{
	struct proc *p = curproc();
	uint32_t secs = (uint32_t)args[0];      /* unsigned int, as on Linux */
	uint64_t now = clock_ticks();
	register_t left = 0;

	if (callout_stop(&p->p_alarm)) {
		uint64_t rem = p->p_alarm_when > now ? p->p_alarm_when - now : 0;
		left = rem == 0 ? 1 : (register_t)((rem + HZ - 1) / HZ);
	}
	if (secs > 0) {
		if (secs > ALARM_MAX_SECONDS)
			secs = ALARM_MAX_SECONDS;
		p->p_alarm_when = now + (uint64_t)secs * HZ;
		callout_schedule(&p->p_alarm, (int)(secs * HZ), alarm_fire, p);
	}
	*ret = left;
	return 0;
}

