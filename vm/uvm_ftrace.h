/*
 * The fault trace (vm/uvm_ftrace.c): a ring of the last faults, with
 * their case, switched by the setting vm.fault_trace. The fault handler
 * calls these hooks; each returns at once when the trace is off.
 */
#ifndef _VM_UVM_FTRACE_H_
#define _VM_UVM_FTRACE_H_

#include <stdbool.h>
#include <stdint.h>
#include "kernel/abi/faulttrace.h"
#include "vm/uvm_map.h"

/* The counters a step of the fault may change, read before and after it. */
enum {
	FTRACE_SNAP_ANON, FTRACE_SNAP_ACOW, FTRACE_SNAP_OBJ, FTRACE_SNAP_PRCOPY,
	FTRACE_SNAP_PRZERO, FTRACE_SNAP_SWAPIN, FTRACE_SNAP_LOANBREAKS, FTRACE_NSNAP
};

/*
 * One fault in progress, on the faulting thread's stack.
 *
 * Lock legend: the faulting thread's alone.
 */
struct uvm_ftrace_fault {
	bool ft_on;                     /* the trace was on when the fault began */
	uint8_t ft_case;                /* UVIX_FLT_*: the last try's */
	uint8_t ft_flags;               /* UVIX_FLTF_* */
	uint8_t ft_waits;               /* uvm_wait calls, at most 255 */
	uint64_t ft_start;              /* cpu_cycles() at the start */
	int64_t ft_snap[FTRACE_NSNAP];  /* the counters when the step began */
};

/* 1 while faults are recorded (the setting vm.fault_trace). */
extern int uvm_ftrace_on;

/* The fault begins: remembers whether the trace is on, and the time. */
void uvm_ftrace_begin(struct uvm_ftrace_fault *ft);
/*
 * Around the step of a try that runs under uvm_anonlock (the upper or the
 * lower layer, where every case counter changes): what the step counted
 * is this fault's case. => uvm_anonlock held for both calls.
 */
void uvm_ftrace_step_begin(struct uvm_ftrace_fault *ft);
void uvm_ftrace_step_end(struct uvm_ftrace_fault *ft);
/* The fault waits for memory (uvm_wait) before it tries again. */
void uvm_ftrace_wait(struct uvm_ftrace_fault *ft);
/* The fault ends with error: records it if the trace was on at its start. */
void uvm_ftrace_end(struct uvm_ftrace_fault *ft, vaddr_t va, vm_prot_t access_type, int error);

/* Copies the totals since boot. */
void uvm_ftrace_stats(struct uvix_fault_stats *st);
/*
 * Copies the record numbered seq to *rec if the ring still holds it.
 * Returns true then; false if it was overwritten or does not exist yet.
 */
bool uvm_ftrace_get(uint64_t seq, struct uvix_fault_rec *rec);

#endif
