/*
 * Wiring: keeping the pages of a range of an address space resident and
 * mapped, for mlock(2) and mlockall(2) (user wirings) and for the kernel
 * (system wirings: uvm_vslock, a driver doing I/O into a user buffer).
 *
 * The two kinds are counted apart, on each map entry, FreeBSD's rules:
 *
 *   user_wired    one user wiring or none: mlock twice, munlock once,
 *                 and the range is unlocked (user wirings do not nest)
 *   wired_count   system wirings, counted: each uvm_vslock has its
 *                 uvm_vsunlock, and a user munlock never undoes one
 *
 * An entry is wired while it has either (UVM_ENTRY_WIRED). Each page of a
 * wired entry holds exactly one wiring (vm_page.wire_count) for it, taken
 * when the entry becomes wired (a wiring fault of every page,
 * uvm_fault_wire_locked) and given back when it stops being wired. Those
 * pages are found through the entry's amap and object, never through the
 * pmap: a page whose mapping is gone (mprotect(PROT_NONE) in the middle
 * of a wired range) is still found and unwired. A fault in a wired entry
 * that puts a new page in a slot (a copy-on-write copy after mprotect
 * made a read-only wired entry writable) moves the wiring to the new page.
 *
 * Example: mlock of [A, A+3 pages) of a fresh private mapping: the entry
 * is clipped to the range, marked user_wired, and each of its 3 pages is
 * faulted in (zero-filled into an anon of its own), mapped writable and
 * wired (wire_count 1, off the paging queues). A second mlock changes
 * nothing. uvm_vslock of the middle page clips the entry again and
 * raises that entry's wired_count to 1; its page keeps wire_count 1 (the
 * entry was wired already). munlock of the 3 pages clears user_wired: the
 * two outer entries stop being wired and their pages are unwired; the
 * middle one stays wired until uvm_vsunlock.
 *
 * Limits, checked before anything is wired: vm.wiredmax (a sysctl, in
 * pages, default a third of memory) bounds uvmexp.wired for user
 * wirings, and the caller's limit (RLIMIT_MEMLOCK) bounds the map's
 * user-wired pages. Wiring is all or nothing: a failure unwires what the
 * call had wired. Memory running short while pages are faulted in makes
 * the call let go of everything it did, wait for the pagedaemon and
 * start over.
 *
 * A wired entry that is unmapped (munmap, MAP_FIXED over it, brk
 * shrinking, exit, exec) is unwired first, system wirings included: a
 * uvm_vsunlock that comes later finds nothing wired there and skips it.
 *
 * Locks: the map's lock for the whole operation (the faults run under
 * it), then uvm_anonlock and the objects' locks for the pages; user_wired
 * and wired_count are [m], map->user_wired [m], uvmexp.user_wired [f].
 */
#ifndef _VM_UVM_WIRE_H_
#define _VM_UVM_WIRE_H_

#include <stdbool.h>
#include "vm/uvm_map.h"

struct vmspace;

/* uvm_map_pageable flags: which kind of wiring. */
#define UVM_WIRE_USER           0x1     /* mlock: user_wired */
#define UVM_WIRE_SYSTEM         0x2     /* uvm_vslock: wired_count */
#define UVM_WIRE_HOLES          0x4     /* skip unmapped parts (mlockall, munlockall) */

/* The most pages wired at once for user wirings (sysctl vm.wiredmax). */
extern int uvm_wiredmax;

/*
 * Wires (new_pageable false) or unwires [start, end) of map, with one
 * kind of wiring (UVM_WIRE_USER or UVM_WIRE_SYSTEM, maybe | HOLES).
 * limit: for a user wiring, the most pages the map may have user-wired
 * (RLIMIT_MEMLOCK); ignored otherwise.
 * => map unlocked; may sleep (faults, waits for memory).
 * => returns 0; EINVAL (unaligned or empty range, outside the map);
 *    ENOMEM (part of the range is not mapped, without HOLES; or past the
 *    end of an object); EAGAIN (a limit); EINTR (a signal ended a wait
 *    for memory); EIO (swap). On failure nothing changed but clips.
 * => unwiring a range that is not wired succeeds; a system unwiring
 *    skips entries with no system wiring (unmapped meanwhile).
 */
int uvm_map_pageable(struct vm_map *map, vaddr_t start, vaddr_t end, bool new_pageable,
    int flags, vsize_t limit);

/*
 * mlockall/munlockall: with wire, MCL_CURRENT (current) user-wires every
 * entry and MCL_FUTURE (future) sets VM_MAP_WIREFUTURE, under which
 * mmap, brk and mprotect wire what they make accessible; without, every
 * user wiring and VM_MAP_WIREFUTURE go. limit as above.
 * => map unlocked. Returns what uvm_map_pageable returns.
 */
int uvm_map_pageable_all(struct vm_map *map, bool wire, bool current, bool future,
    vsize_t limit);

/* Is VM_MAP_WIREFUTURE set (mlockall(MCL_FUTURE))? => map unlocked. */
bool uvm_map_wirefuture(struct vm_map *map);

/*
 * System wirings of a user range (FreeBSD's vslock/vsunlock): the kernel
 * keeps [va, va + len) resident and mapped while it works on it; a user
 * munlock does not undo it. => no lock held. uvm_vslock returns 0,
 * EFAULT (not all mapped), EINVAL, EINTR or EIO.
 */
int uvm_vslock(struct vmspace *vm, vaddr_t va, vsize_t len);
void uvm_vsunlock(struct vmspace *vm, vaddr_t va, vsize_t len);

/*
 * Unwires entry e before it is unmapped: every page gives back the
 * entry's wiring, and e has no wiring left. => map locked.
 */
void uvm_map_entry_unwire(struct vm_map *map, struct vm_map_entry *e);

/* Pages of the map in wired entries, and those of them not mapped now (ps, OOM). => map locked. */
void uvm_map_wired_pages(struct vm_map *map, long *wiredp, long *unmappedp);

/* Sets the default of vm.wiredmax from the memory size. => boot. */
void uvm_wire_init(void);

#endif
