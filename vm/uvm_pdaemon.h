/*
 * The pagedaemon: a kernel thread that frees memory when it runs short.
 *
 * uvm_pagealloc kicks it when the free pages fall below uvmexp.freemin
 * (or an allocation fails); it then works until they are back at
 * uvmexp.freetarg: the policy (vm/uvm_pdpolicy.h) picks pages, and the
 * daemon frees them: clean file pages are dropped (the file has them),
 * anon and aobj pages are written to swap first (vm/uvm_swap.h).
 *
 * An allocation that finds no page does not fail and does not spin: its
 * caller lets go of its locks and calls uvm_wait(), which sleeps until
 * the pagedaemon has made a pass, then tries again. When passes free
 * nothing while someone waits (no swap, or swap full, and no clean page
 * left), the pagedaemon kills the largest process (proc_oom_kill).
 */
#ifndef _VM_UVM_PDAEMON_H_
#define _VM_UVM_PDAEMON_H_

#include <stdbool.h>

/* Sets freemin / freetarg and starts the thread. After threads and swap. */
void uvm_pdaemon_init(void);

/* Wakes the pagedaemon if it sleeps. Any context but an interrupt handler. */
void uvm_kick_pdaemon(void);

/*
 * Sleeps until the pagedaemon has made a pass, for memory to try again.
 * wmsg names what waits (for GDB and the message of a hung system).
 * => no VM lock held (the pagedaemon needs them: map, anon, object locks).
 * => returns 0, or EINTR if a signal for the caller's process ended the
 *    wait (the caller gives up: a killed process must be able to die).
 *    With intr false only memory ends the wait (kernel allocations that
 *    must not fail). ENOMEM at once if there is no one to wait for: early
 *    in boot, before the pagedaemon starts, or from the pagedaemon.
 */
int uvm_wait(const char *wmsg, bool intr);

/* Is the caller the pagedaemon? (It may use the last free pages.) */
bool uvm_pdaemon_curthread(void);

/*
 * One pass, as the thread makes it: balance the queues and free pages
 * until free >= freetarg or the policy has no more victims. Returns the
 * pages freed. Tests call it to page out on demand.
 * => no VM lock held.
 */
int uvmpd_pass(int target);

#endif
