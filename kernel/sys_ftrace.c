/*
 * faulttrace(seq, buf, n, stats): the fault trace (kernel/abi/faulttrace.h,
 * vm/uvm_ftrace.c). Every argument is checked first; each record is
 * copied out of the ring under its lock, then to user space with no
 * lock held.
 */
#include "kernel/syscall.h"
#include "kernel/abi/faulttrace.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "vm/uvm_ftrace.h"

SYSCALL(faulttrace)
{
	uint64_t seq = (uint64_t)args[0];
	struct uvix_fault_rec *ubuf = (struct uvix_fault_rec *)args[1];
	long n = (long)args[2];
	struct uvix_fault_stats st;
	struct uvix_fault_rec rec;
	int error;

	if (n < 0 || n > UVIX_FTRACE_RING)
		return EINVAL;
	uvm_ftrace_stats(&st);
	/* The ring holds the records [next - RING, next): start at the oldest left. */
	if (st.fs_next_seq > UVIX_FTRACE_RING && seq < st.fs_next_seq - UVIX_FTRACE_RING)
		seq = st.fs_next_seq - UVIX_FTRACE_RING;
	if (seq == 0)
		seq = 1;
	long got = 0;
	for (; got < n && seq < st.fs_next_seq; seq++) {
		if (!uvm_ftrace_get(seq, &rec))
			continue;       /* overwritten meanwhile */
		if ((error = copyout(&rec, &ubuf[got], sizeof(rec))) != 0)
			return error;
		got++;
	}
	if (args[3] && (error = copyout(&st, (void *)args[3], sizeof(st))) != 0)
		return error;
	*ret = got;
	return 0;
}
