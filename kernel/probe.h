/*
 * Fault-recovering memory probes. A kernel access that faults inside one
 * of these returns EFAULT instead of panicking: the trap handler sees the
 * thread's recovery address (struct thread.t_onfault) and resumes there.
 * Used by the pmap tests (write to a read-only mapping), the backtrace
 * walker, and later copyin/copyout.
 */
#ifndef _KERNEL_PROBE_H_
#define _KERNEL_PROBE_H_

#include <stdint.h>

/* Each returns 0, or EFAULT if the access faulted. In arch/<arch>/probe.S. */
int kprobe_read_word(const void *addr, uintptr_t *val);
int kprobe_write_byte(void *addr, uint8_t val);

/*
 * Calls fn() (which takes and returns nothing); returns EFAULT if fetching
 * or running it faulted, for testing no-execute mappings.
 */
int kprobe_call(void (*fn)(void));
/* An instruction sequence that just returns, for kprobe_call's tests. */
void kprobe_ret(void);

#endif
