# GDB commands for Uvix's VM (`uvm ...`), loaded by tools/uvix.gdb.
#
# Every structure is read through gdb.Value and the kernel's debugging
# information: field names, never offsets, so the commands follow the
# structs when they change. Two things are the machine's and not in any
# struct, and live in the arch functions below (one per arch, side by
# side): the page-table layout (levels, index bits) and the page size.
# The direct map's base is computed from the kernel's own pmap
# (pm_top - pm_top_pa).
#
# `help uvm` lists the commands. A command that reads memory the kernel
# has not set up says so in a sentence, not a Python traceback.

import os
import gdb

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT

# ---------------------------------------------------------------------------
# The machine: page tables per arch (arch/*/include/machine/pmap_md.h)
# ---------------------------------------------------------------------------


def arch_name():
    return "amd64" if gdb.lookup_type("unsigned long").sizeof == 8 else "i386"


def i386_pt_levels():
    """PAE: (level, table name, shift of the index, number of entries)."""
    return [(3, "PDPT", 30, 4), (2, "PD", 21, 512), (1, "PT", 12, 512)]


def amd64_pt_levels():
    """4 levels: (level, table name, shift of the index, number of entries)."""
    return [(4, "PML4", 39, 512), (3, "PDPT", 30, 512), (2, "PD", 21, 512), (1, "PT", 12, 512)]


def i386_pte_bit_names(level):
    """A PAE PDPTE has only P, PWT and PCD; the other levels the full set."""
    if level == 3:
        return [(0x1, "V"), (0x8, "PWT"), (0x10, "PCD")]
    return pte_bit_names_x86()


def amd64_pte_bit_names(level):
    return pte_bit_names_x86()


def pte_bit_names_x86():
    # <x86/pte.h> and pmap/pmap_impl.h (the software bits 9 and 10)
    return [(0x1, "V"), (0x2, "RW"), (0x4, "U"), (0x8, "PWT"), (0x10, "PCD"),
            (0x20, "A"), (0x40, "M"), (0x80, "PS"), (0x100, "G"),
            (0x200, "W(wired)"), (0x400, "PVLIST(managed)"), (1 << 63, "NX")]


PG_FRAME = 0x000ffffffffff000


def pt_levels():
    return amd64_pt_levels() if arch_name() == "amd64" else i386_pt_levels()


def pte_bit_names(level):
    if arch_name() == "amd64":
        return amd64_pte_bit_names(level)
    return i386_pte_bit_names(level)

# ---------------------------------------------------------------------------
# Reading the kernel
# ---------------------------------------------------------------------------


def ev(expr):
    return gdb.parse_and_eval(expr)


def addr(v):
    return int(v.cast(gdb.lookup_type("unsigned long")))


def ptr(expr_or_int, typename):
    t = gdb.lookup_type(typename).pointer()
    if isinstance(expr_or_int, int):
        return gdb.Value(expr_or_int).cast(t)
    return ev(str(expr_or_int)).cast(t)


def tailq(head, field):
    """The elements of a TAILQ_HEAD (kernel/queue.h), linked by field."""
    e = head["tqh_first"]
    n = 0
    while int(e) != 0 and n < 1000000:
        yield e
        e = e[field]["tqe_next"]
        n += 1


def read_u64(pa_va):
    m = gdb.selected_inferior().read_memory(pa_va, 8)
    return int.from_bytes(bytes(m), "little")


def direct_map_base():
    kp = ev("&kernel_pmap_store") if _has_symbol("kernel_pmap_store") else ev("pmap_kernel()")
    return addr(kp["pm_top"]) - int(kp["pm_top_pa"])


def _has_symbol(name):
    try:
        return gdb.lookup_global_symbol(name) is not None or gdb.lookup_symbol(name)[0] is not None
    except gdb.error:
        return False


def phys_to_kva(pa):
    return direct_map_base() + pa


def prot_str(p):
    p = int(p)
    return ("r" if p & 1 else "-") + ("w" if p & 2 else "-") + ("x" if p & 4 else "-")


INHERIT = {0: "share", 1: "copy", 2: "none"}


def flags_str(v, names):
    v = int(v)
    out = [n for bit, n in names if v & bit]
    return "|".join(out) if out else "0"


PG_FLAGS = [(1, "BUSY"), (2, "WANTED"), (4, "RELEASED"), (8, "CLEAN"), (0x10, "FAKE"), (0x20, "ZERO")]
PQ_FLAGS = [(1, "FREE"), (2, "ACTIVE"), (4, "INACTIVE"), (0x10, "ANON")]

# ---------------------------------------------------------------------------
# Processes, maps, pages
# ---------------------------------------------------------------------------


def procs():
    return list(tailq(ev("allproc"), "p_list"))


def curproc():
    t = ev("curthread")
    if int(t) == 0 or int(t["t_proc"]) == 0:
        return None
    return t["t_proc"]


def find_proc(pid_arg):
    """The process with that pid, or the current one (None: a kernel thread)."""
    if pid_arg is None or pid_arg == "":
        p = curproc()
        if p is None:
            raise gdb.GdbError("no current process (a kernel thread runs): give a PID")
        return p
    pid = int(ev(pid_arg))
    for p in procs():
        if int(p["p_pid"]) == pid:
            return p
    raise gdb.GdbError("no process %d" % pid)


def proc_map(p):
    vs = p["p_vmspace"]
    if int(vs) == 0:
        raise gdb.GdbError("process %d has no vmspace" % int(p["p_pid"]))
    return vs["vm_map"]


def map_entries(m):
    return list(tailq(m["entries"], "link"))


def lookup_entry(m, va):
    for e in map_entries(m):
        if int(e["start"]) <= va < int(e["end"]):
            return e
    return None


def amap_anon(e, va):
    """(slot, anon) of the entry's amap at va, or (None, None) without an amap."""
    am = e["aref"]["ar_amap"]
    if int(am) == 0:
        return None, None
    slot = int(e["aref"]["ar_pageoff"]) + ((va - int(e["start"])) >> PAGE_SHIFT)
    return slot, am["am_anon"][slot]


def segments():
    n = int(ev("vm_nphysseg"))
    return [ev("vm_physmem")[i] for i in range(n)]


def pfn_to_page(pfn):
    for s in segments():
        if int(s["avail_start"]) <= pfn < int(s["avail_end"]):
            return s["pgs"] + (pfn - int(s["avail_start"]))
    return None


def page_pfn(pg):
    return int(pg["phys_addr"]) >> PAGE_SHIFT


def obj_kind(uobj):
    try:
        return uobj["pgops"]["pgo_name"].string()
    except gdb.error:
        return "?"


def page_owner(pg):
    anon = int(pg["uanon"])
    if anon != 0 and int(pg["pqflags"]) & 0x10:
        return "anon %#x (refs %d)" % (anon, int(pg["uanon"]["an_ref"]))
    # An anon without PQ_ANON borrows the page (an O->A loan, vm/uvm_loan.h).
    borrow = (", lent to anon %#x (refs %d)" % (anon, int(pg["uanon"]["an_ref"]))
              if anon != 0 else "")
    if int(pg["uobject"]) != 0:
        return "object %#x (%s) offset %#x%s" % (int(pg["uobject"]), obj_kind(pg["uobject"]),
                                                  int(pg["offset"]), borrow)
    if anon != 0:
        return "none (an orphan%s: it adopts it when it next meets it)" % borrow
    if int(pg["pqflags"]) & 1:
        return "none (free)"
    if int(pg["loan_count"]) > 0:
        return "none: an orphan (its owner freed it while lent)"
    return "none (kernel)"


def page_queue(pg):
    q = int(pg["pqflags"])
    if q & 1:
        return "free"
    if q & 2:
        return "active"
    if q & 4:
        return "inactive"
    return "none"


def page_line(pg):
    return ("page %#x: pa %#x (pfn %#x) flags %s queue %s wire %d loan %d owner %s"
            % (int(pg), int(pg["phys_addr"]), page_pfn(pg), flags_str(pg["flags"], PG_FLAGS),
               page_queue(pg), int(pg["wire_count"]), int(pg["loan_count"]), page_owner(pg)))


def pmap_of_proc(p):
    return proc_map(p)["pmap"]


def pmap_owner(pm):
    for p in procs():
        vs = p["p_vmspace"]
        if int(vs) != 0 and int(vs["vm_map"]["pmap"]) == int(pm):
            return "pid %d (%s)" % (int(p["p_pid"]), p["p_name"].string())
    return "the kernel" if _is_kernel_pmap(pm) else "pmap %#x (no process)" % int(pm)


def _is_kernel_pmap(pm):
    try:
        return int(pm) == addr(ev("&kernel_pmap_store"))
    except gdb.error:
        return False


def pt_walk(pm, va):
    """[(level, name, index, entry address, pte)] down to the leaf or a hole."""
    table_kva = addr(pm["pm_top"])
    base = direct_map_base()
    out = []
    for level, name, shift, nent in pt_levels():
        idx = (va >> shift) & (nent - 1)
        ea = table_kva + idx * 8
        pte = read_u64(ea)
        out.append((level, name, idx, ea, pte))
        if not pte & 1 or level == 1 or (level in (2, 3) and pte & 0x80 and level != len(pt_levels())):
            break
        table_kva = base + (pte & PG_FRAME)
    return out


def pte_decode(level, pte):
    bits = [n for bit, n in pte_bit_names(level) if pte & bit]
    return "%#018x frame %#x [%s]" % (pte, pte & PG_FRAME, " ".join(bits) if bits else "not present")


def leaf_pte(pm, va):
    w = pt_walk(pm, va)
    last = w[-1]
    return last[4] if last[0] == 1 and last[4] & 1 else None

# ---------------------------------------------------------------------------
# Invariant checks (return lists of violations)
# ---------------------------------------------------------------------------


def amap_violations(am):
    v = []
    maxslot, nused, nslot = int(am["am_maxslot"]), int(am["am_nused"]), int(am["am_nslot"])
    if int(am["am_ref"]) < 1:
        v.append("am_ref %d < 1" % int(am["am_ref"]))
    if not 0 <= nused <= maxslot or not 0 <= nslot <= maxslot:
        v.append("am_nused %d / am_nslot %d outside [0, am_maxslot %d]" % (nused, nslot, maxslot))
        return v
    used = 0
    for s in range(maxslot):
        if int(am["am_anon"][s]) != 0:
            used += 1
    if used != nused:
        v.append("%d slots hold an anon but am_nused is %d" % (used, nused))
    for i in range(nused):
        s = int(am["am_slots"][i])
        if not 0 <= s < maxslot:
            v.append("am_slots[%d] = %d is outside [0, %d)" % (i, s, maxslot))
            continue
        if int(am["am_bckptr"][s]) != i:
            v.append("am_slots[am_bckptr[%d]] != %d: am_bckptr[%d] = %d, am_slots[%d] = %d"
                     % (s, s, s, int(am["am_bckptr"][s]), i, s))
        an = am["am_anon"][s]
        if int(an) == 0:
            v.append("am_slots[%d] = %d but am_anon[%d] is NULL" % (i, s, s))
        else:
            v += ["slot %d: %s" % (s, x) for x in anon_violations(an)]
    return v


def anon_violations(an):
    v = []
    if int(an["an_ref"]) < 1:
        v.append("anon %#x: an_ref %d < 1" % (int(an), int(an["an_ref"])))
    pg = an["an_page"]
    if int(pg) == 0 and int(an["an_swslot"]) == 0:
        v.append("anon %#x has neither a page nor a swap slot" % int(an))
    # The anon owns its page, or borrows it (uanon still this anon).
    if int(pg) != 0 and int(pg["uanon"]) != int(an):
        v.append("anon %#x: its page %#x has uanon %#x" % (int(an), int(pg), int(pg["uanon"])))
    return v


def page_violations(pg):
    v = []
    q = int(pg["pqflags"])
    # uanon without PQ_ANON: an anon borrows the page (O->A), one of its loans.
    borrowed = int(pg["uanon"]) != 0 and not q & 0x10
    if q & 0x10 and int(pg["uobject"]) != 0:
        v.append("owned by an anon (PQ_ANON) and by an object")
    if q & 0x10 and int(pg["uanon"]) == 0:
        v.append("PQ_ANON is set but uanon is 0")
    if borrowed and int(pg["loan_count"]) < 1:
        v.append("an anon borrows it but loan_count is 0")
    if int(pg["uanon"]) != 0 and int(pg["uanon"]["an_page"]) != int(pg):
        v.append("its anon's an_page is %#x, not this page" % int(pg["uanon"]["an_page"]))
    if q & 1 and (int(pg["uanon"]) or int(pg["uobject"]) or int(pg["wire_count"]) or int(pg["loan_count"])):
        v.append("a free page with an owner, a wiring or a loan")
    kloans = int(pg["loan_count"]) - (1 if borrowed else 0)
    if q & 6 and (int(pg["wire_count"]) > 0 or kloans > 0):
        v.append("on a paging queue while wired or lent to the kernel")
    if (q & 2) and (q & 4):
        v.append("on both the active and the inactive queue")
    return v


def report(violations, what):
    if violations:
        for x in violations:
            print("  VIOLATION: %s" % x)
        print("%s: %d invariant violation(s)" % (what, len(violations)))
    else:
        print("%s: invariants ok" % what)

# ---------------------------------------------------------------------------
# What a fault would do (the diagram at the top of vm/uvm_fault.c)
# ---------------------------------------------------------------------------


def fault_prediction(e, va, write):
    if e is None:
        return "EFAULT: no entry maps it (flt_bad)"
    want = 2 if write else 1
    if want & ~int(e["protection"]):
        return "EACCES: the entry does not allow it (flt_bad)"
    cow = int(e["etype"]) & 1
    needscopy = int(e["etype"]) & 2
    wired = int(e["wired_count"]) > 0 or bool(e["user_wired"])
    w = write or wired
    slot, an = amap_anon(e, va)
    if an is not None and int(an) != 0:
        pre = "swap-in (flt_swapin), then " if int(an["an_page"]) == 0 else ""
        shared = int(an["an_ref"]) > 1 or (needscopy and w)
        if w and cow and shared:
            return pre + "case 1B: copy the shared anon into a new one (flt_acow)"
        if w and cow and int(an["an_page"]) != 0 and int(an["an_page"]["loan_count"]) > 0:
            return pre + "case 1A with a loan break: the anon gets a copy (flt_anon)"
        return pre + "case 1A: map the anon's page%s (flt_anon)" % (
            " read-only" if int(an["an_ref"]) > 1 else "")
    uobj = e["object"]
    if int(uobj) != 0 and not (w and cow):
        return "case 2A: map the object's page%s (flt_obj)" % (" read-only (copy-on-write)" if cow else "")
    if int(uobj) != 0:
        return "case 2B: copy the object's page into a new anon (flt_prcopy)"
    return "case 2B: a zero-filled page in a new anon (flt_przero)"

# ---------------------------------------------------------------------------
# The commands
# ---------------------------------------------------------------------------


def _args(arg):
    return gdb.string_to_argv(arg)


class Uvm(gdb.Command):
    """Commands for Uvix's VM structures (tools/uvix_gdb.py).

  uvm va ADDR [PID]        one user address through every layer
  uvm map [PID]            every entry of a process's map
  uvm amap ADDR            an amap, its slots and its invariants
  uvm anon ADDR            an anon
  uvm page ADDR|PFN        a vm_page (by address, or by physical page number)
  uvm object ADDR          an object and its resident pages
  uvm queues               free, active and inactive pages
  uvm swap                 swap slots in use
  uvm loans                every page with a loan
  uvm pmap walk ADDR [PID] the page-table walk, level by level
  uvm pv PFN               every mapping of a physical page (the pv list)
  uvm ps                   the processes
  uvm faults [N]           the last N records of the fault trace
  uvm break-fault NAME     stop in the fault handler when process NAME faults
  uvm symbols              load the current process's symbols (add-symbol-file)

PID defaults to the current process. Each command checks what it reads
(the amap's am_slots[am_bckptr[s]] == s, a page's owner and queue) and
prints any violation as a line with VIOLATION."""

    def __init__(self):
        super().__init__("uvm", gdb.COMMAND_USER, prefix=True)


class UvmPmap(gdb.Command):
    """The pmap: `uvm pmap walk ADDR [PID]`."""

    def __init__(self):
        super().__init__("uvm pmap", gdb.COMMAND_USER, prefix=True)


def _guard(fn):
    def run(self, arg, from_tty):
        try:
            fn(self, arg, from_tty)
        except gdb.MemoryError as e:
            print("cannot read the kernel's memory there (%s): has the kernel set it up yet?" % e)
    return run


class UvmPs(gdb.Command):
    """List the processes: pid, state, name, vmspace, map entries, pages
resident and wired (the pmap's counts)."""

    def __init__(self):
        super().__init__("uvm ps", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        cur = curproc()
        print("%5s %5s %-10s %-12s %18s %7s %8s %6s" % ("pid", "ppid", "state", "name", "vmspace",
                                                        "entries", "resident", "wired"))
        for p in procs():
            vs = p["p_vmspace"]
            ents = res = wired = "-"
            if int(vs) != 0:
                m = vs["vm_map"]
                ents = int(m["nentries"])
                res = int(m["pmap"]["pm_resident"])
                wired = int(m["pmap"]["pm_wired"])
            pp = p["p_parent"]
            print("%5d %5s %-10s %-12s %#18x %7s %8s %6s%s" % (
                int(p["p_pid"]), int(pp["p_pid"]) if int(pp) else "-",
                str(p["p_state"]).replace("PROC_", "").lower(), p["p_name"].string(),
                int(vs), ents, res, wired,
                "  <- current" if cur is not None and int(cur) == int(p) else ""))


def entry_counts(pm, e):
    """(resident, swapped, wired, loaned) pages of one entry."""
    res = sw = wired = loaned = 0
    start, end = int(e["start"]), int(e["end"])
    am = e["aref"]["ar_amap"]
    for va in range(start, end, PAGE_SIZE):
        pte = leaf_pte(pm, va)
        if pte is not None:
            res += 1
            if pte & 0x200:
                wired += 1
            pg = pfn_to_page((pte & PG_FRAME) >> PAGE_SHIFT)
            if pg is not None and int(pg["loan_count"]) > 0:
                loaned += 1
        if int(am) != 0:
            _, an = amap_anon(e, va)
            if int(an) != 0 and int(an["an_page"]) == 0 and int(an["an_swslot"]) != 0:
                sw += 1
    return res, sw, wired, loaned


def entry_line(e):
    et = int(e["etype"])
    flags = [n for b, n in [(1, "cow"), (2, "needs-copy")] if et & b]
    if int(e["wired_count"]) or bool(e["user_wired"]):
        flags.append("wired(%d%s)" % (int(e["wired_count"]), "+mlock" if bool(e["user_wired"]) else ""))
    uobj = e["object"]
    lower = "zero-fill" if int(uobj) == 0 else "%s %#x+%#x" % (obj_kind(uobj), int(uobj), int(e["offset"]))
    am = e["aref"]["ar_amap"]
    upper = "amap %#x@%d" % (int(am), int(e["aref"]["ar_pageoff"])) if int(am) else "no amap"
    return "%#x-%#x %s/%s %-5s %-22s %s, %s" % (
        int(e["start"]), int(e["end"]), prot_str(e["protection"]), prot_str(e["max_protection"]),
        INHERIT.get(int(e["inheritance"]), "?"), ",".join(flags) or "-", lower, upper)


class UvmMap(gdb.Command):
    """Every entry of a process's map, one line each (like procstat -v):
range, protection/maximum, inheritance, flags, the object or zero fill,
the amap, and the pages resident, swapped, wired and lent.

Usage: uvm map [PID]"""

    def __init__(self):
        super().__init__("uvm map", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        a = _args(arg)
        p = find_proc(a[0] if a else None)
        m = proc_map(p)
        pm = m["pmap"]
        print("map of pid %d (%s): %d entries, %d bytes, pmap %#x" % (
            int(p["p_pid"]), p["p_name"].string(), int(m["nentries"]), int(m["size"]), int(pm)))
        print("%-28s %-7s %-5s %-22s %s" % ("range", "prot", "inh", "flags", "lower, upper   [res swp wir loan]"))
        for e in map_entries(m):
            r, s, w, l = entry_counts(pm, e)
            print("%s   [%d %d %d %d]" % (entry_line(e), r, s, w, l))


class UvmVa(gdb.Command):
    """Follow one user address through every layer: the map entry, the
amap slot and its anon, the object and offset, the vm_page, the page
table level by level, and what a read or a write fault there would do.

Usage: uvm va ADDR [PID]"""

    def __init__(self):
        super().__init__("uvm va", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        a = _args(arg)
        if not a:
            raise gdb.GdbError("usage: uvm va ADDR [PID]")
        va = int(ev(a[0])) & ((1 << (8 * gdb.lookup_type("unsigned long").sizeof)) - 1)
        p = find_proc(a[1] if len(a) > 1 else None)
        m = proc_map(p)
        pm = m["pmap"]
        print("va %#x in pid %d (%s)" % (va, int(p["p_pid"]), p["p_name"].string()))
        e = lookup_entry(m, va & ~(PAGE_SIZE - 1))
        if e is None:
            print("entry: none (nothing mapped here)")
        else:
            print("entry %#x: %s" % (int(e), entry_line(e)))
            slot, an = amap_anon(e, va)
            setv = gdb.set_convenience_variable
            setv("uvm_entry", e)
            if slot is not None:
                setv("uvm_amap", e["aref"]["ar_amap"])
                setv("uvm_anon", an)
            if int(e["object"]):
                setv("uvm_object", e["object"])
            if slot is None:
                print("amap: none yet")
            else:
                print("amap %#x slot %d: anon %#x" % (int(e["aref"]["ar_amap"]), slot, int(an)))
                if int(an):
                    print("anon %#x: refs %d, page %#x, swap slot %d" % (
                        int(an), int(an["an_ref"]), int(an["an_page"]), int(an["an_swslot"])))
            if int(e["object"]):
                off = int(e["offset"]) + ((va & ~(PAGE_SIZE - 1)) - int(e["start"]))
                print("object %#x (%s) offset %#x, size %#x, refs %d" % (
                    int(e["object"]), obj_kind(e["object"]), off, int(e["object"]["uo_size"]),
                    int(e["object"]["uo_refs"])))
        print("page table (%s, pmap %#x, top pa %#x):" % (arch_name(), int(pm), int(pm["pm_top_pa"])))
        walk = pt_walk(pm, va)
        for level, name, idx, ea, pte in walk:
            print("  L%d %-4s [%3d] at %#x: %s" % (level, name, idx, ea, pte_decode(level, pte)))
        last = walk[-1]
        if last[0] == 1 and last[4] & 1:
            pa = (last[4] & PG_FRAME) | (va & (PAGE_SIZE - 1))
            print("physical address %#x (pfn %#x)" % (pa, pa >> PAGE_SHIFT))
            pg = pfn_to_page(pa >> PAGE_SHIFT)
            gdb.set_convenience_variable("uvm_pfn", pa >> PAGE_SHIFT)
            if pg is not None:
                gdb.set_convenience_variable("uvm_page", pg)
                print(page_line(pg))
                report(page_violations(pg), "page")
        else:
            print("not mapped in the pmap: the next access faults")
        print("a read fault here:  %s" % fault_prediction(e, va, False))
        print("a write fault here: %s" % fault_prediction(e, va, True))


class UvmAmap(gdb.Command):
    """An amap: reference count, flags, slots, each used slot's anon, and
its invariants (am_slots[am_bckptr[s]] == s, am_nused, anons).

Usage: uvm amap ADDR"""

    def __init__(self):
        super().__init__("uvm amap", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        am = ptr(arg, "struct vm_amap")
        print("amap %#x: ref %d, flags %s, maxslot %d, nslot %d, nused %d" % (
            int(am), int(am["am_ref"]), "SHARED" if int(am["am_flags"]) & 1 else "0",
            int(am["am_maxslot"]), int(am["am_nslot"]), int(am["am_nused"])))
        n = min(int(am["am_nused"]), int(am["am_maxslot"]))
        for i in range(max(0, n)):
            s = int(am["am_slots"][i])
            if 0 <= s < int(am["am_maxslot"]):
                an = am["am_anon"][s]
                info = ""
                if int(an):
                    info = "refs %d page %#x swslot %d" % (int(an["an_ref"]), int(an["an_page"]),
                                                          int(an["an_swslot"]))
                ppref = int(am["am_ppref"][s]) if int(am["am_ppref"]) else -1
                print("  slot %4d: anon %#x %s ppref %d" % (s, int(an), info, ppref))
        report(amap_violations(am), "amap %#x" % int(am))


class UvmAnon(gdb.Command):
    """An anon: references, page or swap slot; checks that its page points back.

Usage: uvm anon ADDR"""

    def __init__(self):
        super().__init__("uvm anon", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        an = ptr(arg, "struct vm_anon")
        print("anon %#x: refs %d, page %#x, swap slot %d" % (
            int(an), int(an["an_ref"]), int(an["an_page"]), int(an["an_swslot"])))
        if int(an["an_page"]):
            print(page_line(an["an_page"]))
        report(anon_violations(an), "anon %#x" % int(an))


class UvmPage(gdb.Command):
    """A vm_page: physical address, flags, queue, wire and loan counts, owner,
its mappings (pv list), and its invariants.

Usage: uvm page ADDR     a struct vm_page *
       uvm page PFN      a physical page number (smaller than any kernel address)"""

    def __init__(self):
        super().__init__("uvm page", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        v = int(ev(arg))
        pg = pfn_to_page(v)
        if pg is None:
            pg = ptr(v, "struct vm_page")
        print(page_line(pg))
        for pmap, va in pv_list(pg):
            print("  mapped at %#x in %s" % (va, pmap_owner(pmap)))
        report(page_violations(pg), "page")


def pv_list(pg):
    out = []
    pv = pg["pv_list"]
    while int(pv) != 0 and len(out) < 10000:
        out.append((pv["pv_pmap"], int(pv["pv_va"])))
        pv = pv["pv_next"]
    return out


class UvmObject(gdb.Command):
    """An object: kind (its pager), size, references, resident pages; checks
that each page on memq names this object and lies inside it.

Usage: uvm object ADDR"""

    def __init__(self):
        super().__init__("uvm object", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        o = ptr(arg, "struct uvm_object")
        print("object %#x (%s): size %#x, refs %d, %d pages resident" % (
            int(o), obj_kind(o), int(o["uo_size"]), int(o["uo_refs"]), int(o["uo_npages"])))
        v = []
        n = 0
        for pg in tailq(o["memq"], "listq"):
            n += 1
            print("  offset %#8x: %s" % (int(pg["offset"]), page_line(pg)))
            if int(pg["uobject"]) != int(o):
                v.append("page %#x on memq has uobject %#x" % (int(pg), int(pg["uobject"])))
            if int(pg["offset"]) >= int(o["uo_size"]):
                v.append("page %#x at offset %#x past the size" % (int(pg), int(pg["offset"])))
        if n != int(o["uo_npages"]):
            v.append("memq has %d pages, uo_npages says %d" % (n, int(o["uo_npages"])))
        report(v, "object %#x" % int(o))


def all_pages():
    """Every managed page, read in bulk: [(pfn, vm_page value)] lazily."""
    for s in segments():
        base = int(s["avail_start"])
        for i in range(int(s["avail_end"]) - base):
            yield base + i, s["pgs"] + i


def scan_pages(want):
    """Bulk read of every vm_page: the fields in want, as dicts, with pfn and address."""
    t = gdb.lookup_type("struct vm_page")
    fields = {f.name: (f.bitpos // 8, f.type.sizeof) for f in t.fields() if f.name in want}
    inf = gdb.selected_inferior()
    for s in segments():
        base, n = int(s["avail_start"]), int(s["avail_end"]) - int(s["avail_start"])
        pgs = addr(s["pgs"])
        raw = bytes(inf.read_memory(pgs, n * t.sizeof))
        for i in range(n):
            o = i * t.sizeof
            d = {k: int.from_bytes(raw[o + off:o + off + sz], "little") for k, (off, sz) in fields.items()}
            d["pfn"] = base + i
            d["addr"] = pgs + o
            yield d


class UvmQueues(gdb.Command):
    """The page queues: free, active and inactive counts (uvmexp), the same
counted from every vm_page's pqflags (they must agree), and the first
pages of the active and inactive queues.

Usage: uvm queues [N]    (N pages of each queue, default 5)"""

    def __init__(self):
        super().__init__("uvm queues", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        n = int(ev(arg)) if arg.strip() else 5
        u = ev("uvmexp")
        cnt = {"free": 0, "active": 0, "inactive": 0}
        for d in scan_pages(["pqflags"]):
            q = d["pqflags"]
            if q & 1:
                cnt["free"] += 1
            if q & 2:
                cnt["active"] += 1
            if q & 4:
                cnt["inactive"] += 1
        v = []
        for k in ("free", "active", "inactive"):
            print("%-9s %7d pages (uvmexp.%s %d)" % (k, cnt[k], k, int(u[k])))
            if cnt[k] != int(u[k]):
                v.append("%d pages say %s, uvmexp.%s is %d" % (cnt[k], k, k, int(u[k])))
        for name in ("clock_active", "clock_inactive"):
            print("%s, first %d:" % (name, n))
            for i, pg in enumerate(tailq(ev(name), "pageq")):
                if i >= n:
                    break
                print("  " + page_line(pg))
        report(v, "queues")


class UvmSwap(gdb.Command):
    """Swap: slots configured and in use (uvmexp), and the bitmap's count."""

    def __init__(self):
        super().__init__("uvm swap", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        u = ev("uvmexp")
        sm = ev("swap_map")
        nslots, inuse = int(sm["sm_nslots"]), int(sm["sm_inuse"])
        print("swap: %d slots, %d in use (uvmexp.swpages %d, swpginuse %d)" % (
            nslots, inuse, int(u["swpages"]), int(u["swpginuse"])))
        v = []
        if nslots > 0 and int(sm["sm_bits"]) != 0:
            words = (nslots + 31) // 32
            raw = bytes(gdb.selected_inferior().read_memory(addr(sm["sm_bits"]), words * 4))
            bits = sum(bin(int.from_bytes(raw[i:i + 4], "little")).count("1") for i in range(0, len(raw), 4))
            bits -= int.from_bytes(raw[0:4], "little") & 1      # slot 0 is never used
            print("bitmap: %d slots set" % bits)
            if bits != inuse:
                v.append("the bitmap has %d slots set, sm_inuse is %d" % (bits, inuse))
        if inuse != int(u["swpginuse"]):
            v.append("sm_inuse %d != uvmexp.swpginuse %d" % (inuse, int(u["swpginuse"])))
        report(v, "swap")


class UvmLoans(gdb.Command):
    """Every page with a loan (loan_count > 0): its loans, its owner and the
kind of loan (borrowers are the kernel: O->K, A->K, or the zero page)."""

    def __init__(self):
        super().__init__("uvm loans", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        zero = 0
        try:
            zero = addr(ev("loanzero_page"))
        except gdb.error:
            pass
        n = 0
        for d in scan_pages(["loan_count", "uanon", "uobject", "pqflags"]):
            if d["loan_count"] == 0:
                continue
            n += 1
            pg = ptr(d["addr"], "struct vm_page")
            borrowed = d["uanon"] and not d["pqflags"] & 0x10
            kloans = d["loan_count"] - (1 if borrowed else 0)
            to = (["anon"] if borrowed else []) + (["kernel"] if kloans else [])
            src = ("zero page" if d["addr"] == zero else
                   "A" if d["pqflags"] & 0x10 else "O" if d["uobject"] else "orphan")
            kind = "%s -> %s" % (src, " + ".join(to))
            print("  pfn %#x: %d loan(s), %s, owner %s" % (d["pfn"], d["loan_count"], kind, page_owner(pg)))
        u = int(ev("uvmexp.loaned"))
        print("%d page(s) lent (uvmexp.loaned %d)" % (n, u))
        report([] if n == u else ["%d pages have loans, uvmexp.loaned is %d" % (n, u)], "loans")


class UvmPmapWalk(gdb.Command):
    """The page-table walk of one address, level by level, every bit decoded.

Usage: uvm pmap walk ADDR [PID]   (PID 0: the kernel's pmap)"""

    def __init__(self):
        super().__init__("uvm pmap walk", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        a = _args(arg)
        if not a:
            raise gdb.GdbError("usage: uvm pmap walk ADDR [PID]")
        va = int(ev(a[0])) & ((1 << (8 * gdb.lookup_type("unsigned long").sizeof)) - 1)
        if len(a) > 1 and int(ev(a[1])) == 0:
            pm = ev("&kernel_pmap_store")
        else:
            pm = pmap_of_proc(find_proc(a[1] if len(a) > 1 else None))
        print("walk of %#x in %s (%s)" % (va, pmap_owner(pm), arch_name()))
        for level, name, idx, ea, pte in pt_walk(pm, va):
            print("  L%d %-4s [%3d] at %#x: %s" % (level, name, idx, ea, pte_decode(level, pte)))


class UvmPv(gdb.Command):
    """Every mapping of a physical page (its pv list), each checked against
the page table it names.

Usage: uvm pv PFN"""

    def __init__(self):
        super().__init__("uvm pv", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        pfn = int(ev(arg))
        pg = pfn_to_page(pfn)
        if pg is None:
            raise gdb.GdbError("pfn %#x is not a managed page" % pfn)
        print(page_line(pg))
        v = []
        for pm, va in pv_list(pg):
            pte = leaf_pte(pm, va)
            print("  mapped at %#x in %s: pte %s" % (va, pmap_owner(pm),
                                                   pte_decode(1, pte) if pte is not None else "none"))
            if pte is None or (pte & PG_FRAME) >> PAGE_SHIFT != pfn:
                v.append("pv entry (%s, %#x) but the pte there does not map pfn %#x" % (pmap_owner(pm), va, pfn))
        report(v, "pv list of pfn %#x" % pfn)


FLT_CASES = ["-", "1A", "1B", "2A", "2B-copy", "2B-zero"]


class UvmFaults(gdb.Command):
    """The last N records of the fault trace (vm/uvm_ftrace.c; on when the
setting vm.fault_trace is 1) and its totals.

Usage: uvm faults [N]   (default 20)"""

    def __init__(self):
        super().__init__("uvm faults", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        n = int(ev(arg)) if arg.strip() else 20
        st = ev("ftrace_stats")
        ring = ev("ftrace_ring")
        size = int(ring.type.sizeof // ring[0].type.sizeof)
        nxt = int(st["fs_next_seq"])
        print("fault trace: %s, %d faults recorded" % ("on" if int(ev("uvm_ftrace_on")) else "off",
                                                      int(st["fs_faults"])))
        print("%6s %5s %-10s %s %14s %-7s %s" % ("seq", "pid", "name", "a", "address", "case", "result"))
        for seq in range(max(1, nxt - min(n, size)), nxt):
            r = ring[seq % size]
            if int(r["fr_seq"]) != seq:
                continue
            acc = int(r["fr_access"])
            print("%6d %5d %-10s %s %#14x %-7s %d%s" % (
                seq, int(r["fr_pid"]), r["fr_name"].string(), "w" if acc & 2 else "x" if acc & 4 else "r",
                int(r["fr_va"]), FLT_CASES[int(r["fr_case"])] if int(r["fr_case"]) < 6 else "?",
                int(r["fr_error"]), " swapin" if int(r["fr_flags"]) & 1 else ""))
        print("totals: " + " ".join("%s %d" % (FLT_CASES[i], int(st["fs_case"][i])) for i in range(1, 6)))

# ---------------------------------------------------------------------------
# Stops in the fault path; user symbols
# ---------------------------------------------------------------------------


FAULT_FRAMES = ("uvm_fault_check", "uvm_fault_upper", "uvm_fault_lower", "uvm_fault_try",
                "uvm_fault_loop", "uvm_fault_internal", "uvm_fault", "uvm_fault_hold")


def build_dir():
    for o in gdb.objfiles():
        if o.filename and os.path.basename(o.filename) == "uvix":
            return os.path.dirname(o.filename)
    return None


_loaded_user = {"file": None}


def load_user_symbols(quiet=False):
    """add-symbol-file the current process's program (build/ARCH/user/NAME
or build/ARCH/uprog/NAME); the previous one is removed first: all
programs are linked at the same address."""
    p = curproc()
    d = build_dir()
    if p is None or d is None:
        return None
    name = p["p_name"].string()
    path = None
    for sub in ("user", "uprog"):
        cand = os.path.join(d, sub, name)
        if os.path.isfile(cand):
            path = cand
            break
    if path is None or path == _loaded_user["file"]:
        return path
    if _loaded_user["file"] is not None:
        gdb.execute("remove-symbol-file %s" % _loaded_user["file"], to_string=True)
    gdb.execute("add-symbol-file %s" % path, to_string=True)
    _loaded_user["file"] = path
    if not quiet:
        print("uvm: symbols of %s loaded" % path)
    return path


class UvmSymbols(gdb.Command):
    """Load the current process's symbols (build/ARCH/user/NAME or
build/ARCH/uprog/NAME) with add-symbol-file, so that `bt` names user
frames. The stop hook does this by itself at every stop."""

    def __init__(self):
        super().__init__("uvm symbols", gdb.COMMAND_USER)

    @_guard
    def invoke(self, arg, from_tty):
        path = load_user_symbols(quiet=True)
        print("uvm: %s" % (("symbols of %s loaded" % path) if path else "no program to load"))


def fault_summary():
    """At a stop in the fault path: the address, the access, the process, the case."""
    f = gdb.newest_frame()
    depth = 0
    while f is not None and depth < 12:
        if f.name() in ("uvm_fault_loop", "uvm_fault_try"):
            try:
                va = int(f.read_var("va"))
                acc = int(f.read_var("access_type"))
                m = f.read_var("map")
            except (gdb.error, ValueError):
                return
            p = curproc()
            who = "pid %d (%s)" % (int(p["p_pid"]), p["p_name"].string()) if p is not None else "a kernel thread"
            e = lookup_entry(m, va & ~(PAGE_SIZE - 1))
            print("uvm: fault at %#x, %s, by %s: %s" % (va, "write" if acc & 2 else "exec" if acc & 4 else "read",
                                                      who, fault_prediction(e, va, bool(acc & 2))))
            return
        f = f.older()
        depth += 1


def on_stop(event):
    try:
        load_user_symbols()
        fault_summary()
    except (gdb.error, gdb.MemoryError):
        pass


class FaultBreakpoint(gdb.Breakpoint):
    def __init__(self, name):
        super().__init__("uvm_fault_loop", internal=False)
        self.proc_name = name

    def stop(self):
        try:
            p = curproc()
            return p is not None and p["p_name"].string() == self.proc_name
        except gdb.error:
            return False


class UvmBreakFault(gdb.Command):
    """Stop in the fault handler (uvm_fault_loop, which every fault enters)
only when process NAME faults. The stop hook then prints the address, the
access and the case.

Usage: uvm break-fault NAME"""

    def __init__(self):
        super().__init__("uvm break-fault", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        name = arg.strip()
        if not name:
            raise gdb.GdbError("usage: uvm break-fault NAME")
        bp = FaultBreakpoint(name)
        print("uvm: breakpoint %d stops faults of process %s" % (bp.number, name))


for cls in (Uvm, UvmPmap, UvmPs, UvmMap, UvmVa, UvmAmap, UvmAnon, UvmPage, UvmObject, UvmQueues,
            UvmSwap, UvmLoans, UvmPmapWalk, UvmPv, UvmFaults, UvmSymbols, UvmBreakFault):
    cls()
gdb.events.stop.connect(on_stop)
