/*
 * The fault trace: while vm.fault_trace is 1, every fault that enters
 * uvm_fault (uvm_fault_internal, uvm_fault_hold) leaves a record in a
 * ring of the last UVIX_FTRACE_RING (kernel/abi/faulttrace.h): the
 * process, the address, the access, the case of the fault diagram that
 * resolved it, whether it read the page back from swap or broke a loan,
 * how often it waited for memory, its result, and the cycles it took.
 * User space reads it with faulttrace(2) (the program `faults`), GDB with
 * `uvm faults` (tools/uvix_gdb.py), which reads ftrace_ring directly.
 *
 * How the case is known without touching the steps: every case counter
 * of uvmexp (flt_anon, flt_acow, flt_obj, flt_prcopy, flt_przero,
 * flt_swapin, loanbreaks) changes only in the upper and lower steps,
 * which run under uvm_anonlock, one global mutex. So the counters read
 * when a try takes uvm_anonlock and again before it lets go differ by
 * exactly what this try counted: no other fault's step can run between
 * the two reads. The totals (ftrace_stats) add those differences, and so
 * equal the uvmexp counters' differences over any interval with the
 * trace on (the test fault_trace_counts_equal_uvmexp).
 *
 * Example: a process writes to a page it shares with its child after
 * fork. The try takes uvm_anonlock, the step copies the anon (flt_acow
 * + 1), the record says case 1B, access 2 (write), error 0.
 *
 * Lock legend: [t] ftrace_lock, a spinlock and a leaf (taken with
 * uvm_anonlock held, nothing taken under it): the ring and the totals.
 */
#include <machine/cpu.h>
#include "vm/uvm_ftrace.h"
#include "vm/uvm_anon.h"
#include "vm/uvmexp.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/lock.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sysctl.h"
#include "kernel/thread.h"

int uvm_ftrace_on;
SYSCTL_INT(vm_fault_trace, "vm.fault_trace", &uvm_ftrace_on, 0, 1, 0,
    "record every page fault in a ring (the program faults, GDB's uvm faults)");

static struct spinlock ftrace_lock = SPINLOCK_INITIALIZER("ftrace");
static struct uvix_fault_rec ftrace_ring[UVIX_FTRACE_RING];     /* [t] by fr_seq % size */
static struct uvix_fault_stats ftrace_stats = { .fs_next_seq = 1 };     /* [t] */

/* The counters the steps change, in FTRACE_SNAP_* order. */
static void ftrace_read_counters(int64_t c[FTRACE_NSNAP])
{
	c[FTRACE_SNAP_ANON] = uvmexp.flt_anon;
	c[FTRACE_SNAP_ACOW] = uvmexp.flt_acow;
	c[FTRACE_SNAP_OBJ] = uvmexp.flt_obj;
	c[FTRACE_SNAP_PRCOPY] = uvmexp.flt_prcopy;
	c[FTRACE_SNAP_PRZERO] = uvmexp.flt_przero;
	c[FTRACE_SNAP_SWAPIN] = uvmexp.flt_swapin;
	c[FTRACE_SNAP_LOANBREAKS] = uvmexp.loanbreaks;
}

void uvm_ftrace_begin(struct uvm_ftrace_fault *ft)
{
	ft->ft_on = uvm_ftrace_on != 0;
	ft->ft_case = UVIX_FLT_NONE;
	ft->ft_flags = 0;
	ft->ft_waits = 0;
	if (ft->ft_on)
		ft->ft_start = cpu_cycles();
}

void uvm_ftrace_step_begin(struct uvm_ftrace_fault *ft)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	if (ft->ft_on)
		ftrace_read_counters(ft->ft_snap);
}

void uvm_ftrace_step_end(struct uvm_ftrace_fault *ft)
{
	static const uint8_t snap_case[] = {
		[FTRACE_SNAP_ANON] = UVIX_FLT_1A, [FTRACE_SNAP_ACOW] = UVIX_FLT_1B,
		[FTRACE_SNAP_OBJ] = UVIX_FLT_2A, [FTRACE_SNAP_PRCOPY] = UVIX_FLT_2B_COPY,
		[FTRACE_SNAP_PRZERO] = UVIX_FLT_2B_ZERO,
	};
	int64_t now[FTRACE_NSNAP], d[FTRACE_NSNAP];

	KASSERT(mutex_owned(&uvm_anonlock));
	if (!ft->ft_on)
		return;
	ftrace_read_counters(now);
	for (int i = 0; i < FTRACE_NSNAP; i++)
		d[i] = now[i] - ft->ft_snap[i];
	ft->ft_case = UVIX_FLT_NONE;
	for (int i = FTRACE_SNAP_ANON; i <= FTRACE_SNAP_PRZERO; i++)
		if (d[i] != 0)
			ft->ft_case = snap_case[i];
	if (d[FTRACE_SNAP_SWAPIN])
		ft->ft_flags |= UVIX_FLTF_SWAPIN;
	if (d[FTRACE_SNAP_LOANBREAKS])
		ft->ft_flags |= UVIX_FLTF_LOANBREAK;
	spinlock_enter(&ftrace_lock);
	for (int i = FTRACE_SNAP_ANON; i <= FTRACE_SNAP_PRZERO; i++)
		ftrace_stats.fs_case[snap_case[i]] += d[i];
	ftrace_stats.fs_swapin += d[FTRACE_SNAP_SWAPIN];
	ftrace_stats.fs_loanbreaks += d[FTRACE_SNAP_LOANBREAKS];
	spinlock_exit(&ftrace_lock);
}

void uvm_ftrace_wait(struct uvm_ftrace_fault *ft)
{
	if (ft->ft_waits < UINT8_MAX)
		ft->ft_waits++;
}

void uvm_ftrace_end(struct uvm_ftrace_fault *ft, vaddr_t va, vm_prot_t access_type, int error)
{
	if (!ft->ft_on)
		return;
	uint64_t cycles = cpu_cycles() - ft->ft_start;
	struct proc *p = curproc();
	const char *name = p ? p->p_name : curthread->t_name;

	spinlock_enter(&ftrace_lock);
	uint64_t seq = ftrace_stats.fs_next_seq++;
	struct uvix_fault_rec *r = &ftrace_ring[seq % UVIX_FTRACE_RING];
	memset(r, 0, sizeof(*r));
	r->fr_seq = seq;
	r->fr_va = va;
	r->fr_cycles = cycles;
	r->fr_pid = p ? p->p_pid : 0;
	r->fr_error = error;
	r->fr_access = (uint8_t)access_type;
	r->fr_case = error ? UVIX_FLT_NONE : ft->ft_case;
	r->fr_flags = ft->ft_flags;
	r->fr_waits = ft->ft_waits;
	strlcpy(r->fr_name, name, sizeof(r->fr_name));
	ftrace_stats.fs_faults++;
	if (r->fr_case == UVIX_FLT_NONE)
		ftrace_stats.fs_case[UVIX_FLT_NONE]++;
	if (error == EFAULT || error == EACCES)
		ftrace_stats.fs_refused++;
	spinlock_exit(&ftrace_lock);
}

void uvm_ftrace_stats(struct uvix_fault_stats *st)
{
	spinlock_enter(&ftrace_lock);
	*st = ftrace_stats;
	spinlock_exit(&ftrace_lock);
}

bool uvm_ftrace_get(uint64_t seq, struct uvix_fault_rec *rec)
{
	bool found;

	spinlock_enter(&ftrace_lock);
	found = seq != 0 && ftrace_ring[seq % UVIX_FTRACE_RING].fr_seq == seq;
	if (found)
		*rec = ftrace_ring[seq % UVIX_FTRACE_RING];
	spinlock_exit(&ftrace_lock);
	return found;
}
