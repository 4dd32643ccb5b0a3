/*
 * Scenes for the GDB tests (tests/gdb/uvm.sh): in-kernel tests that set up
 * a known state and call a function where GDB breaks. They pass by
 * themselves; what GDB prints there is what tests/gdb checks.
 */
#include "kernel/ktest.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_vmspace.h"

#define T_VA    0x400000

/* GDB breaks here, with am in a register or on the stack. */
__attribute__((noinline)) void ktest_gdb_amap_here(struct vm_amap *am);
__attribute__((noinline)) void ktest_gdb_amap_here(struct vm_amap *am)
{
	__asm__ volatile("" : : "r"(am) : "memory");
}

/*
 * An amap with three anons whose back pointer of one slot is wrong for
 * the time GDB looks: `uvm amap am` must print the violation of
 * am_slots[am_bckptr[s]] == s. It is put right before the space is freed.
 */
KTEST(gdb_amap_corrupted)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;

	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(4), NULL, 0, VM_PROT_READ | VM_PROT_WRITE,
	    VM_PROT_ALL, MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	for (int i = 0; i < 3; i++)
		KT_ASSERT_EQ(uvm_fault(&vm->vm_map, va + ptoa(i), VM_PROT_WRITE), 0);
	struct vm_map_entry *e = TAILQ_FIRST(&vm->vm_map.entries);
	struct vm_amap *am = e->aref.ar_amap;
	KT_ASSERT(am != NULL && am->am_nused == 3);
	int s = am->am_slots[1], saved = am->am_bckptr[s];

	am->am_bckptr[s] = 0;                   /* the corruption */
	ktest_gdb_amap_here(am);
	am->am_bckptr[s] = saved;
	ktest_gdb_amap_here(am);
	uvmspace_free(vm);
}
