/* System calls about time, the scheduler and the machine. */
#include "kernel/syscall.h"
#include "kernel/abi/syscall.h"
#include "kernel/abi/types.h"
#include "kernel/abi/time.h"
#include "kernel/clock.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
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

/* No real-time clock yet: CLOCK_REALTIME counts from boot, like MONOTONIC. */
SYSCALL(clock_gettime)
{
	struct uvix_timespec ts;
	uint64_t ns = clock_uptime_ns();

	if (args[0] != CLOCK_REALTIME && args[0] != CLOCK_MONOTONIC)
		return EINVAL;
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
