# GDB commands for Uvix, loaded by `make gdb` (and by tests/gdb/).
#
#   ktrace [TF]     the kernel's frame-pointer backtrace, as a panic prints it
#   ktests          the in-kernel tests compiled into this kernel
#   kbootinfo       what the boot loader told the kernel
#   uvm ...         the VM: uvm va, map, amap, anon, page, object, queues, swap,
#                   loans, pmap walk, pv, ps, faults, break-fault (tools/uvix_gdb.py)
#
# `help user-defined` lists them, `help ktrace` explains one. They work on
# both arches: GDB takes the word size from the kernel file, the ELF32
# kernel on i386 and the ELF64 one on amd64. Never `set architecture i386`
# against qemu-system-x86_64: its stub always sends 64-bit registers.
#
# The commands are Python (GDB's `python` blocks); a new one is a
# gdb.Command subclass in a block of its own, registered by instantiating
# it. Reading a structure the kernel has not set up yet raises
# gdb.MemoryError: report it in a sentence, never as a Python traceback.

set pagination off

# Read .text and .rodata from the kernel file, not from the machine: then
# `x/i`, `list` and ktests work before the kernel runs or turns paging on
# (at QEMU's reset vector, the kernel's virtual addresses are not mapped).
set trust-readonly-sections on

python
import gdb


def uvix_word_size():
    return gdb.lookup_type("unsigned long").sizeof


def uvix_read_word(addr):
    """The word at kernel virtual address addr (raises gdb.MemoryError)."""
    ulong = gdb.lookup_type("unsigned long")
    return int(gdb.Value(addr).cast(ulong.pointer()).dereference())


def uvix_symbolize(pc, is_return):
    """'name+0xoff at file:line' for pc, like kernel/backtrace.c prints.

    For a return address, the call is the instruction before it; we look up
    pc - 1, so a call that ends a function (a call to a noreturn function)
    is not shown as the start of the next one.
    """
    look = pc - 1 if is_return else pc
    try:
        info = gdb.execute("info symbol %#x" % look, to_string=True).strip()
    except gdb.error:
        info = ""
    if not info or info.startswith("No symbol"):
        return "?"
    name, off = info.split(" in section")[0], 0
    if " + " in name:
        name, off = name.split(" + ")
        off = int(off)
    off += pc - look
    where = "%s+%#x" % (name, off)
    sal = gdb.find_pc_line(look)
    if sal.symtab is not None:
        where += " at %s:%d" % (sal.symtab.filename, sal.line)
    return where


class UvixKtrace(gdb.Command):
    """Print the kernel's frame-pointer backtrace, as a panic would.

Usage: ktrace        from the selected frame
       ktrace TF     from a struct trapframe *: `ktrace tf` in trap() or
                     panic_trap() walks the interrupted code's stack

GDB's `bt` uses the debugging information and is usually better; ktrace
follows the saved frame pointers exactly as kernel/backtrace.c does (each
frame: [fp] = the caller's fp, [fp + word] = the return address), so it
reads like a panic message and works from a trap frame. Without TF, the
first step uses GDB's unwinder: at a breakpoint on a function's first
instruction the function has not yet saved its frame pointer."""

    def __init__(self):
        super().__init__("ktrace", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ws = uvix_word_size()
        fpreg = "rbp" if ws == 8 else "ebp"
        frames = []                     # (pc, is_return)
        if arg.strip():
            tf = gdb.parse_and_eval("(struct trapframe *)(%s)" % arg)
            frames.append((int(tf["tf_pc"]), False))
            fp = int(tf["tf_fp"])
        else:
            frame = gdb.selected_frame()
            frames.append((int(frame.pc()), False))
            fp = int(frame.read_register(fpreg))
            older = frame.older()
            if older is not None and older.pc() != 0:
                frames.append((int(older.pc()), True))
                fp = int(older.read_register(fpreg))
        print("backtrace:")
        for depth, (pc, is_ret) in enumerate(frames):
            print("  #%-2d %#x %s" % (depth, pc, uvix_symbolize(pc, is_ret)))
        depth = len(frames)
        while fp != 0 and depth < 32:
            if fp % ws != 0:
                print("  (frame pointer %#x is misaligned)" % fp)
                return
            try:
                next_fp = uvix_read_word(fp)
                ret = uvix_read_word(fp + ws)
            except gdb.MemoryError:
                print("  (frame pointer %#x is not readable)" % fp)
                return
            if ret == 0:
                return
            print("  #%-2d %#x %s" % (depth, ret, uvix_symbolize(ret, True)))
            if next_fp != 0 and next_fp <= fp:
                print("  (frame chain does not go up the stack; stopping)")
                return
            fp = next_fp
            depth += 1


UvixKtrace()


class UvixKtests(gdb.Command):
    """List the in-kernel tests compiled into this kernel (kernel/ktest.h).

Each test runs as the function ktest_fn_NAME: `break ktest_fn_NAME`, then
boot with test=NAME (make qemu-gdb CMDLINE=test=NAME) to step through it."""

    def __init__(self):
        super().__init__("ktests", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ktest = gdb.lookup_type("struct ktest").pointer()
        t = gdb.parse_and_eval("&ktests_start").cast(ktest)
        end = gdb.parse_and_eval("&ktests_end").cast(ktest)
        n = 0
        while t < end:
            death = " (death test)" if int(t["flags"]) & 1 else ""
            print("  %s%s" % (t["name"].string(), death))
            t += 1
            n += 1
        print("%d tests: test=NAME runs one, test=all all but the death tests." % n)


UvixKtests()


class UvixKbootinfo(gdb.Command):
    """Print what the boot loader told the kernel (kernel/bootinfo.h):
loader, multiboot version, command line, memory map, modules."""

    def __init__(self):
        super().__init__("kbootinfo", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        try:
            bi = gdb.parse_and_eval("bootinfo")
            version = int(bi["mb_version"])
        except gdb.MemoryError:
            print("bootinfo is not readable yet: the kernel has not turned on paging.")
            return
        if version == 0:
            print("bootinfo is empty: bootinfo_init() has not run yet.")
            return
        print("multiboot v%d from %s" % (version, bi["loader"].string()))
        print('command line "%s"' % bi["cmdline"].string())
        for i in range(int(bi["nargs"])):
            a = bi["args"][i]
            val = a["val"].string() if int(a["val"]) != 0 else ""
            print("  arg %s = %s" % (a["key"].string(), val))
        for i in range(int(bi["nmem"])):
            r = bi["mem"][i]
            s, e = int(r["start"]), int(r["end"])
            print("RAM    [%#010x, %#010x) %d KiB" % (s, e, (e - s) >> 10))
        for i in range(int(bi["nmod"])):
            m = bi["mod"][i]
            print("module [%#010x, %#010x) %s" % (int(m["start"]), int(m["end"]),
                                                  m["name"].string()))


UvixKbootinfo()
end

# The VM's commands (`help uvm`): Python in a file of its own.
source tools/uvix_gdb.py
