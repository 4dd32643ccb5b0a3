/*
 * In-kernel tests of the fault trace (vm/uvm_ftrace.c): with the setting
 * vm.fault_trace on, faults through every case leave records with the
 * right case, address, access and result, and the totals by case move
 * exactly as the uvmexp counters do; with it off nothing is recorded.
 * Each test puts the setting back.
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/sysctl.h"
#include "pmap/pmap.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_ftrace.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_vnode.h"
#include "vm/uvmexp.h"

#define T_VA    0x400000
#define RW      (VM_PROT_READ | VM_PROT_WRITE)

/* The uvmexp counters the totals must follow, in the totals' order. */
struct ftrace_counts {
	int64_t c[UVIX_FLT_NCASES], faults, swapin, loanbreaks, bad;
};

static void counts_uvmexp(struct ftrace_counts *k)
{
	k->c[UVIX_FLT_NONE] = 0;
	k->c[UVIX_FLT_1A] = uvmexp.flt_anon;
	k->c[UVIX_FLT_1B] = uvmexp.flt_acow;
	k->c[UVIX_FLT_2A] = uvmexp.flt_obj;
	k->c[UVIX_FLT_2B_COPY] = uvmexp.flt_prcopy;
	k->c[UVIX_FLT_2B_ZERO] = uvmexp.flt_przero;
	k->faults = uvmexp.faults;
	k->swapin = uvmexp.flt_swapin;
	k->loanbreaks = uvmexp.loanbreaks;
	k->bad = uvmexp.flt_bad;
}

static void counts_trace(struct ftrace_counts *k)
{
	struct uvix_fault_stats st;

	uvm_ftrace_stats(&st);
	for (int i = 0; i < UVIX_FLT_NCASES; i++)
		k->c[i] = st.fs_case[i];
	k->c[UVIX_FLT_NONE] = 0;
	k->faults = st.fs_faults;
	k->swapin = st.fs_swapin;
	k->loanbreaks = st.fs_loanbreaks;
	k->bad = st.fs_refused;
}

/* The record of the fault `back` faults ago (1: the last one). */
static bool last_rec(int back, struct uvix_fault_rec *r)
{
	struct uvix_fault_stats st;

	uvm_ftrace_stats(&st);
	return uvm_ftrace_get(st.fs_next_seq - back, r);
}

/* Faults through each case in a space of its own; checks each record. */
static void trace_every_case(struct ktest_ctx *kt)
{
	const struct initrd_file *f;
	struct uvix_fault_rec r;
	struct vmspace *p = uvmspace_alloc(), *c = NULL;
	vaddr_t ava = T_VA, fva = T_VA + ptoa(16);

	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests/size12388", &f), 0);
	struct uvm_object *file = uvn_attach(f);
	KT_ASSERT(file != NULL);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &ava, ptoa(2), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	KT_ASSERT_EQ(uvm_map(&p->vm_map, &fva, ptoa(3), file, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);

	static const struct { int off; vm_prot_t access; int fcase; int error; } steps[] = {
		{ 0, VM_PROT_WRITE, UVIX_FLT_2B_ZERO, 0 },      /* first touch */
		{ 16, VM_PROT_READ, UVIX_FLT_2A, 0 },           /* the file's page */
		{ 17, VM_PROT_WRITE, UVIX_FLT_2B_COPY, 0 },     /* a private copy of it */
		{ 40, VM_PROT_READ, UVIX_FLT_NONE, EFAULT },    /* nothing mapped */
	};
	for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		vaddr_t va = T_VA + ptoa(steps[i].off) + 12;
		KT_ASSERT_EQ(uvm_fault(&p->vm_map, va, steps[i].access), steps[i].error);
		KT_ASSERT(last_rec(1, &r));
		KT_ASSERT_EQ(r.fr_va, va);
		KT_ASSERT_EQ(r.fr_access, steps[i].access);
		KT_ASSERT_EQ(r.fr_case, steps[i].fcase);
		KT_ASSERT_EQ(r.fr_error, steps[i].error);
	}
	/* 1A: the anon's page again, once the pmap forgot it. */
	pmap_remove(p->vm_map.pmap, ava, ava + PAGE_SIZE);
	KT_ASSERT_EQ(uvm_fault(&p->vm_map, ava, VM_PROT_READ), 0);
	KT_ASSERT(last_rec(1, &r) && r.fr_case == UVIX_FLT_1A);
	/* 1B: the child writes the anon it shares after fork. */
	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	KT_ASSERT_EQ(uvm_fault(&c->vm_map, ava, VM_PROT_WRITE), 0);
	KT_ASSERT(last_rec(1, &r) && r.fr_case == UVIX_FLT_1B && r.fr_seq != 0);
	uint64_t seq = r.fr_seq;
	KT_ASSERT(last_rec(2, &r) && r.fr_seq == seq - 1 && r.fr_case == UVIX_FLT_1A);
	uvmspace_free(c);
	uvmspace_free(p);
}

KTEST(fault_trace_counts_equal_uvmexp)
{
	const struct sysctl_setting *s = sysctl_lookup("vm.fault_trace");
	struct ftrace_counts k0, t0, k1, t1;

	KT_ASSERT(s != NULL);
	int was = *s->var;
	KT_ASSERT_EQ(sysctl_set(s, 1, false), 0);
	counts_uvmexp(&k0);
	counts_trace(&t0);
	trace_every_case(kt);
	counts_uvmexp(&k1);
	counts_trace(&t1);
	KT_ASSERT_EQ(sysctl_set(s, was, false), 0);
	for (int i = UVIX_FLT_1A; i < UVIX_FLT_NCASES; i++) {
		KT_ASSERT(t1.c[i] - t0.c[i] >= 1);      /* every case was taken */
		KT_ASSERT_EQ(t1.c[i] - t0.c[i], k1.c[i] - k0.c[i]);
	}
	KT_ASSERT_EQ(t1.faults - t0.faults, k1.faults - k0.faults);
	KT_ASSERT_EQ(t1.swapin - t0.swapin, k1.swapin - k0.swapin);
	KT_ASSERT_EQ(t1.loanbreaks - t0.loanbreaks, k1.loanbreaks - k0.loanbreaks);
	KT_ASSERT_EQ(t1.bad - t0.bad, k1.bad - k0.bad);
	KT_ASSERT_EQ(t1.bad - t0.bad, 1);
}

KTEST(fault_trace_off_records_nothing)
{
	const struct sysctl_setting *s = sysctl_lookup("vm.fault_trace");
	struct uvix_fault_stats a, b;
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;

	KT_ASSERT(s != NULL && vm != NULL);
	int was = *s->var;
	KT_ASSERT_EQ(sysctl_set(s, 0, false), 0);
	uvm_ftrace_stats(&a);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(1), NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	int error = uvm_fault(&vm->vm_map, va, VM_PROT_WRITE);
	uvm_ftrace_stats(&b);
	uvmspace_free(vm);
	KT_ASSERT_EQ(sysctl_set(s, was, false), 0);
	KT_ASSERT_EQ(error, 0);
	KT_ASSERT_EQ(b.fs_next_seq, a.fs_next_seq);
	KT_ASSERT_EQ(b.fs_case[UVIX_FLT_2B_ZERO], a.fs_case[UVIX_FLT_2B_ZERO]);
	KT_ASSERT_EQ(sysctl_set(s, 2, false), EINVAL);
}
