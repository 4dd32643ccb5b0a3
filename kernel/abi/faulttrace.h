/*
 * The fault trace (vm/uvm_ftrace.c): while the setting vm.fault_trace is
 * 1, every page fault the VM resolves, or refuses, is recorded in a ring
 * of UVIX_FTRACE_RING records, and counted by case.
 *
 *   faulttrace(seq, buf, n, stats)
 *       copies to buf up to n records whose sequence number is >= seq,
 *       oldest first (the ring keeps the last UVIX_FTRACE_RING), and, if
 *       stats is not NULL, the totals since boot; returns how many
 *       records it copied. buf may be NULL when n is 0. EINVAL for n < 0
 *       or n > UVIX_FTRACE_RING, EFAULT for a bad pointer.
 *
 * To follow the trace, call again with seq = the last record's fr_seq + 1;
 * a gap in the numbers means the ring wrapped before it was read.
 *
 * The totals count what the fault handler's steps counted while the
 * trace was on, case by case, so over any interval with the trace on
 * they equal the differences of the uvmexp counters named beside them
 * (vm/uvmexp.h, `vmstat -s`). A fault that waited for memory and tried
 * again counts each try's case (so does uvmexp); its record shows the
 * last try.
 */
#ifndef _UVIX_ABI_FAULTTRACE_H_
#define _UVIX_ABI_FAULTTRACE_H_

#include <stdint.h>

#define UVIX_FTRACE_RING        256     /* records kept */

/* fr_case: which case of the fault diagram (vm/uvm_fault.c) resolved it. */
#define UVIX_FLT_NONE           0       /* none: refused or failed first */
#define UVIX_FLT_1A             1       /* anon page mapped           [flt_anon] */
#define UVIX_FLT_1B             2       /* shared anon copied         [flt_acow] */
#define UVIX_FLT_2A             3       /* object page mapped         [flt_obj] */
#define UVIX_FLT_2B_COPY        4       /* object page copied to anon [flt_prcopy] */
#define UVIX_FLT_2B_ZERO        5       /* zero-filled anon           [flt_przero] */
#define UVIX_FLT_NCASES         6

/* fr_flags */
#define UVIX_FLTF_SWAPIN        0x1     /* the anon was read back from swap [flt_swapin] */
#define UVIX_FLTF_LOANBREAK     0x2     /* a loan was broken [loanbreaks] */

struct uvix_fault_rec {
	uint64_t fr_seq;                /* 1, 2, ...: the order of the faults */
	uint64_t fr_va;                 /* the faulting address */
	uint64_t fr_cycles;             /* cycles from entry to result (rdtsc) */
	int32_t  fr_pid;                /* the faulting process; 0: a kernel thread */
	int32_t  fr_error;              /* 0, or the errno the fault returned */
	uint8_t  fr_access;             /* 1 read, 2 write, 4 execute */
	uint8_t  fr_case;               /* UVIX_FLT_* */
	uint8_t  fr_flags;              /* UVIX_FLTF_* */
	uint8_t  fr_waits;              /* waits for memory (uvm_wait), at most 255 */
	char     fr_name[20];           /* the process's name, or the thread's */
};

struct uvix_fault_stats {
	uint64_t fs_faults;             /* faults recorded              [faults] */
	uint64_t fs_case[UVIX_FLT_NCASES];      /* tries resolved by each case; [0]:
	                                 * faults whose record shows no case */
	uint64_t fs_swapin;             /* [flt_swapin] */
	uint64_t fs_loanbreaks;         /* [loanbreaks] */
	uint64_t fs_refused;            /* EFAULT or EACCES  [flt_bad] */
	uint64_t fs_next_seq;           /* the next record's fr_seq */
};

#endif
