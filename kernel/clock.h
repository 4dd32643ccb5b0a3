/*
 * The clock: the timer interrupts HZ times a second, and each interrupt
 * (a tick) runs hardclock(): the tick counter, due callouts, and the
 * scheduler's time slices. Kernel time is counted in ticks.
 */
#ifndef _KERNEL_CLOCK_H_
#define _KERNEL_CLOCK_H_

#include <stdint.h>

#define HZ              100
#define NS_PER_TICK     (1000000000ull / HZ)

/*
 * Ticks since clock_init. Written by hardclock only; read it with
 * clock_ticks(), since a 32-bit CPU reads it in two halves.
 */
extern volatile uint64_t ticks;

/* Starts the timer at HZ; ticks come once interrupts are on. => after md_intr_init. */
void clock_init(void);

/* The timer's interrupt handler calls this once per tick. */
void hardclock(void);

/* The tick counter, read consistently. */
uint64_t clock_ticks(void);

/* Time since clock_init in nanoseconds, with a resolution of one tick. */
uint64_t clock_uptime_ns(void);

/* The CMOS clock's reading at boot, seconds since 1970 (0 if it had none). */
extern int64_t clock_boottime;

/* Wall-clock time: clock_boottime plus the time since, in nanoseconds since 1970. */
uint64_t clock_realtime_ns(void);

#endif
