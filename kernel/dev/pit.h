/* The 8254 programmable interval timer: the clock's tick on IRQ 0. */
#ifndef _KERNEL_DEV_PIT_H_
#define _KERNEL_DEV_PIT_H_

#define PIT_IRQ 0

/*
 * Programs channel 0 to interrupt hz times a second and registers the
 * interrupt handler, which calls hardclock().
 * => hz between 19 and 596591 (the divisor has 16 bits and must be >= 2).
 */
void pit_init(unsigned hz);

#endif
