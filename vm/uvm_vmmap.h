/*
 * One entry of a map and its pages as kernel/abi/vmmap.h describes them,
 * for vmmap(2) (kernel/sys_vmmap.c) and the program vmmap's pictures.
 */
#ifndef _VM_UVM_VMMAP_H_
#define _VM_UVM_VMMAP_H_

#include "kernel/abi/vmmap.h"
#include "vm/uvm_map.h"

/*
 * Describes the index-th entry of map in *ve and its pages pgoff ..
 * pgoff + n in vp[0 .. n), n being npages cut to the entry; returns 0
 * and n in *np, or ENOENT if the map has no such entry.
 * => map unlocked; takes the map's lock, uvm_anonlock, the entry's
 *    object's lock and uvm_pageqlock, in that order; sleeps for none of
 *    them longer than a lock wait. 0 <= npages <= UVIX_VMMAP_MAXPAGES.
 */
int uvm_map_describe(struct vm_map *map, long index, struct uvix_vmmap_entry *ve,
    uint64_t pgoff, struct uvix_vmmap_page *vp, int npages, int *np);

#endif
