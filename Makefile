# Uvix: build, run and test. `make help` prints this comment.
#
#   make                    build the kernel, the initrd and the test swap
#                           disk for ARCH (default i386)
#   make ARCH=amd64         the same for amd64
#   make kernel             only the kernel, build/ARCH/uvix
#   make initrd             only the initrd, build/ARCH/initrd.tar
#   make user               only the libc and the programs of user/
#   make test-initrds       the damaged initrds tests/boots.tab boots
#   make qemu               boot build/ARCH/uvix and its initrd with the
#                           serial console on this terminal (Ctrl-A X quits)
#   make run CMD='ls -l /'  boot, run the command line, print only its
#                           output, exit with its status (boot log in
#                           build/ARCH/run.log; V=1 shows it on stderr)
#   make iso                a GRUB rescue ISO, build/ARCH/uvix.iso
#   make qemu-iso           boot that ISO
#   make qemu-gdb           like qemu, but QEMU waits for GDB on the port it
#                           prints, which
#   make gdb                connects to (in a second terminal; tools/uvix.gdb)
#   make test               the whole suite on both arches (tests/run.sh)
#   make host-test          only the host unit tests (tests/host)
#   make qemu-cmd           print the headless QEMU command line, and
#   make qemu-kernel-args   what a -kernel boot adds (for tests/ and tools/)
#   make bench              user/vmbench on both arches, one table
#                           (tools/bench.sh)
#   make deps               install the Debian packages, or say what to run
#   make clean              remove build/
#   make help               this text
#   (make run-boot is the first half of make run: use make run)
#
# Variables (make VAR=value):
#   ARCH=i386|amd64   MEM=64M   SWAP=64M (SWAP= none)   ACCEL=tcg|kvm
#   CMDLINE="test=all seed=7" (the kernel's; test=PREFIX runs the tests
#       whose names start with PREFIX)   CMD='...' (make run's command)
#   TIMEOUT=60 (seconds per test boot)   SEED=1 (the seed make test uses)
#   GRUB_ENTRY=0|1 (ISO default entry: multiboot|multiboot2)
#   INITRD=file (the initrd qemu, qemu-gdb, run and iso boot with; empty: none)
#   GDBPORT=N (the first port qemu-gdb tries)   GDB=gdb   GDBFLAGS=...
#   OPT=-O2   TOOLPREFIX=x86_64-elf-   HOSTCC=cc
#   V=1 (show compiler command lines; make -s shows nothing but errors)

ARCH       ?= i386
TOOLPREFIX ?=
OPT        ?= -O2
MEM        ?= 64M
ACCEL      ?= tcg
CMDLINE    ?=
TIMEOUT    ?= 60
SEED       ?= 1

ifeq ($(filter $(ARCH),i386 amd64),)
$(error ARCH must be i386 or amd64, not '$(ARCH)')
endif
include arch/$(ARCH)/arch.mk

CC      := $(TOOLPREFIX)gcc
LD      := $(TOOLPREFIX)ld
NM      := $(TOOLPREFIX)nm
OBJCOPY := $(TOOLPREFIX)objcopy
B       := build/$(ARCH)
LIBGCC  := $(shell $(CC) $(ARCH_CFLAGS) -print-libgcc-file-name)
GCCINC  := $(shell $(CC) -print-file-name=include)

INCLUDES := -I. -Iarch/$(ARCH)/include -Iarch/x86/include
# Frame pointers everywhere, no shrink-wrapping (a frame only on slow
# paths) and no sibling calls, so that backtraces show every caller.
CFLAGS := -std=gnu11 $(OPT) -g $(ARCH_CFLAGS) -ffreestanding -nostdinc -isystem $(GCCINC) \
	-fno-stack-protector -fno-pie -fno-pic -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-optimize-sibling-calls -fno-shrink-wrap -fno-strict-aliasing \
	-Wall -Wextra -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes \
	-Werror $(INCLUDES) -MMD -MP
# The steps of the fault handler, the pagedaemon and the loan code stay
# real frames, with their own arguments, even at -O2: GCC inlines a static
# function called once, and IPA-SRA/IPA-CP rewrite their arguments, and
# then GDB shows `<optimized out>` (and bt a wrong va on i386). A few calls
# per fault cost nothing next to the fault (make bench: the fault rows).
DEBUG_STEPS_CFLAGS := -fno-inline-functions-called-once -fno-inline-small-functions \
	-fno-inline-functions -fno-ipa-sra -fno-ipa-cp
$(B)/vm/uvm_fault.o $(B)/vm/uvm_pdaemon.o $(B)/vm/uvm_loan.o: CFLAGS += $(DEBUG_STEPS_CFLAGS)
ASFLAGS := $(ARCH_CFLAGS) -fno-pie -nostdinc -D__ASSEMBLER__ $(INCLUDES) -g -MMD -MP
LDFLAGS := $(ARCH_LDFLAGS) -nostdlib -z noexecstack -z max-page-size=0x1000 --no-warn-rwx-segments

SRCS := $(wildcard kernel/*.c kernel/dev/*.c vm/*.c pmap/*.c arch/x86/*.c arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
OBJS := $(patsubst %,$(B)/%.o,$(basename $(SRCS)))

ifeq ($(ACCEL),kvm)
ACCEL_FLAGS := -accel kvm -accel tcg
else
ACCEL_FLAGS := -accel tcg
endif
# The swap disk: SWAP bytes (a size truncate(1) takes); SWAP= for none.
# Two QEMUs cannot write one image (the second fails with "Failed to get
# write lock"), and its contents never need to survive a boot, so each
# boot a person starts (qemu, qemu-gdb, qemu-iso, run) gets a sparse image
# of its own, made at start by NEW_SWAP and removed at exit. The boots of
# the test suite, which take turns (tests/lib.sh's lock), share
# build/ARCH/swap-SIZE.img, which `make` makes and `make qemu-cmd` names.
SWAP       ?= 64M
SWAP_IMG   := $(if $(SWAP),$(B)/swap-$(SWAP).img)
SWAP_FILE   = $(SWAP_IMG)
NEW_SWAP   := $(if $(SWAP),swap=$$(mktemp $(B)/swap.XXXXXX) && truncate -s $(SWAP) "$$swap" && \
	trap 'rm -f "$$swap"' EXIT && trap 'exit 130' INT HUP TERM &&)
qemu qemu-gdb qemu-iso run-boot: SWAP_FILE = "$$swap"
SWAP_DRIVE  = -drive file=$(SWAP_FILE),if=ide,format=raw,index=0
QEMU_FLAGS  = $(ACCEL_FLAGS) $(QEMU_CPU) -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(if $(SWAP),$(SWAP_DRIVE))

.PHONY: run run-boot all kernel initrd test-initrds iso qemu qemu-iso qemu-gdb gdb test host-test bench clean help deps qemu-cmd qemu-kernel-args
all: kernel initrd $(SWAP_IMG)

# The swap disk: its contents never need to survive a boot.
$(B)/swap-%.img:
	@mkdir -p $(B)
	$(Q)truncate -s $* $@
kernel: $(B)/uvix

# V=1 shows every command line; otherwise each step is one short line
# ("  CC      file"), and make -s shows nothing but errors (so that
# `make -s run` prints only the command's output).
ifeq ($(V),1)
Q :=
else
Q := @
endif
SILENT := $(findstring s,$(firstword -$(MAKEFLAGS)))
SAY    := $(if $(Q),$(if $(SILENT),:,echo),:)

# Objects depend on the flags they were built with: a changed OPT or
# TOOLPREFIX rebuilds everything.
$(B)/flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(CFLAGS) $(DEBUG_STEPS_CFLAGS) $(ASFLAGS) $(LDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(CFLAGS) $(DEBUG_STEPS_CFLAGS) $(ASFLAGS) $(LDFLAGS)' > $@

# The link depends on the list of objects: removing a source relinks.
$(B)/objlist: FORCE
	@mkdir -p $(B)
	@echo '$(OBJS)' | cmp -s - $@ || echo '$(OBJS)' > $@

$(B)/%.o: %.c $(B)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(B)/%.o: %.S $(B)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(B)/linker.ld: linker.ld arch/$(ARCH)/include/machine/vmparam.h
	@mkdir -p $(B)
	$(CC) -E -P -x c $(INCLUDES) -D__ASSEMBLER__ linker.ld -o $@

# Two links: the first finds the symbols, the second adds their table
# (.ksyms, placed last so no other address moves; checked below).
$(B)/uvix: $(OBJS) $(B)/objlist $(B)/linker.ld tools/mksyms.sh
	@$(SAY) "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T $(B)/linker.ld -o $@.pass1 $(OBJS) $(LIBGCC)
	$(Q)tools/mksyms.sh $(NM) $@.pass1 $(WORD_SIZE) > $(B)/ksyms.S
	$(Q)$(CC) $(ASFLAGS) -c $(B)/ksyms.S -o $(B)/ksyms.o
	$(Q)$(LD) $(LDFLAGS) -T $(B)/linker.ld -o $@ $(OBJS) $(B)/ksyms.o $(LIBGCC)
	@$(NM) -n $@.pass1 | awk '{print $$1, $$3}' | grep -v ' ksyms\|kernel_load_end\|kernel_end' > $(B)/syms.pass1
	@$(NM) -n $@ | awk '{print $$1, $$3}' | grep -v ' ksyms\|kernel_load_end\|kernel_end' > $(B)/syms.final
	@cmp -s $(B)/syms.pass1 $(B)/syms.final || { echo "ksyms: symbols moved between links"; exit 1; }

# The initrd: a ustar archive of the tree this rule assembles in
# $(B)/initrd/, loaded by the boot loader as a module (kernel/initrd.c).
# INITRD_FILES says what goes in, as words ARCHIVE-PATH=SOURCE-FILE (no
# spaces); to add a file, add a word. tests/initrd/ becomes /tests, and
# user/user.mk adds the programs of user/ as /bin/NAME.
# The archive is the same for the same files: sorted names, owner 0,
# mtime 0, modes without group or other write permission. The empty
# directories tmp and dev are where ls / shows the mounts of /tmp and
# /dev (kernel/vfs.c mounts them over those names with or without them).
INITRD_TAR   := $(B)/initrd.tar
INITRD       ?= $(INITRD_TAR)
TEST_FIXTURES := $(patsubst tests/initrd/%,%,$(shell find tests/initrd -type f | LC_ALL=C sort))
INITRD_FILES := etc/motd=etc/motd
INITRD_FILES += $(foreach f,$(TEST_FIXTURES),tests/$(f)=tests/initrd/$(f))

# The kernel's own user test programs (tests/uprog, no libc: system calls
# through <machine/usyscall.h>) go in /tests/bin.
TPROG_SRCS   := $(wildcard tests/uprog/*.c)
TPROGS       := $(patsubst tests/uprog/%.c,$(B)/uprog/%,$(TPROG_SRCS))
TPROG_CFLAGS := $(filter -m32 -m64,$(ARCH_CFLAGS)) -O1 -g -ffreestanding -nostdinc \
	-isystem $(GCCINC) -fno-pie -fno-pic -fno-stack-protector -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-unused-function $(INCLUDES) -MMD -MP
INITRD_FILES += $(foreach u,$(TPROGS),tests/bin/$(notdir $(u))=$(u))
# Each program depends on the headers it includes (kernel/abi/, vm/uvmexp.h):
# a new system call or counter rebuilds them.
-include $(TPROGS:=.d)
# Broken programs for exec's checks: hello cut short, with a bad machine,
# and claiming the other arch's class (e_ident[EI_CLASS]: 1 ELF32, 2 ELF64).
INITRD_FILES += tests/bin/truncated=$(B)/uprog/truncated tests/bin/badmachine=$(B)/uprog/badmachine \
	tests/bin/badclass=$(B)/uprog/badclass
$(B)/uprog/truncated: $(B)/uprog/hello
	$(Q)head -c 300 $< > $@
$(B)/uprog/badmachine: $(B)/uprog/hello
	$(Q)cp $< $@ && printf '\050\000' | dd of=$@ bs=1 seek=18 conv=notrunc status=none
$(B)/uprog/badclass: $(B)/uprog/hello
	$(Q)cp $< $@ && printf '$(if $(filter 8,$(WORD_SIZE)),\001,\002)' | \
	    dd of=$@ bs=1 seek=4 conv=notrunc status=none
$(B)/uprog/%: tests/uprog/%.c tests/uprog/uprog.h $(B)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  UPROG   $@"
	$(Q)$(CC) $(TPROG_CFLAGS) -MT $@ -c $< -o $@.o
	$(Q)$(LD) $(ARCH_LDFLAGS) -static -nostdlib -z noexecstack -z max-page-size=0x1000 \
	  -e _start -o $@ $@.o

# The programs of user/ (user/user.mk) go in /bin.
include user/user.mk
INITRD_SRCS  := $(foreach w,$(INITRD_FILES),$(lastword $(subst =, ,$(w))))

initrd: $(INITRD_TAR)
# Rebuilt when the list changes, not only when a file does.
$(B)/initrd.list: FORCE
	@mkdir -p $(B)
	@echo '$(INITRD_FILES)' | cmp -s - $@ || echo '$(INITRD_FILES)' > $@
$(INITRD_TAR): $(INITRD_SRCS) $(B)/initrd.list
	@$(SAY) "  TAR     $@"
	$(Q)rm -rf $(B)/initrd && mkdir -p $(B)/initrd/tmp $(B)/initrd/dev
	$(Q)for w in $(INITRD_FILES); do dst=$(B)/initrd/$${w%%=*}; \
	  mkdir -p "$$(dirname "$$dst")" && cp "$${w#*=}" "$$dst" || exit 1; done
	$(Q)tar --format=ustar --sort=name --owner=0 --group=0 --numeric-owner \
	  --mtime=@0 --mode=go=u-w -C $(B)/initrd -cf $@.tmp . && mv $@.tmp $@

# Bad archives for tests/boots.tab. initrd-badsum.tar: the initrd with one
# byte of /etc/motd's header name changed, so that header's checksum is wrong.
test-initrds: $(B)/test/initrd-badsum.tar
$(B)/test/initrd-badsum.tar: $(INITRD_TAR)
	@mkdir -p $(dir $@)
	@$(SAY) "  TAR     $@"
	$(Q)block=$$(tar -tRf $< | sed -n 's|^block \([0-9]*\): \./etc/motd$$|\1|p'); \
	  test -n "$$block" || { echo "$<: no ./etc/motd"; exit 1; }; \
	  cp $< $@.tmp && printf X | dd of=$@.tmp bs=1 seek=$$((block * 512 + 2)) \
	    conv=notrunc status=none && mv $@.tmp $@

# A BIOS GRUB rescue image: entry 0 boots with multiboot, entry 1 with
# multiboot2; GRUB_ENTRY picks the default and both pass CMDLINE and load
# the initrd as a module. (GRUB gives a module the words after its file
# name as its string: we repeat the path, which the kernel looks for.)
# Rebuilt every time (FORCE): it takes 0.2 s and must follow CMDLINE and
# GRUB_ENTRY.
GRUB_ENTRY   ?= 0
GRUB_MODULES := multiboot multiboot2 normal serial terminal configfile
$(B)/uvix.iso: $(B)/uvix $(INITRD) FORCE
	@test -d /usr/lib/grub/i386-pc || \
	  { echo "iso: GRUB's BIOS modules are missing; run: apt-get install grub-pc-bin"; exit 1; }
	@rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	@$(SAY) "  ISO     $@ (entry $(GRUB_ENTRY), cmdline \"$(CMDLINE)\")"
	$(Q)cp $(B)/uvix $(B)/iso/boot/uvix
	$(if $(INITRD),$(Q)cp $(INITRD) $(B)/iso/boot/initrd.tar)
	$(Q)printf '%s\n' 'serial --unit=0 --speed=115200' 'terminal_input serial console' \
	  'terminal_output serial console' 'set timeout=0' 'set default=$(GRUB_ENTRY)' \
	  'menuentry "Uvix ($(ARCH), multiboot)" {' '  multiboot /boot/uvix $(CMDLINE)' \
	  $(if $(INITRD),'  module /boot/initrd.tar /boot/initrd.tar') '}' \
	  'menuentry "Uvix ($(ARCH), multiboot2)" {' '  multiboot2 /boot/uvix $(CMDLINE)' \
	  $(if $(INITRD),'  module2 /boot/initrd.tar /boot/initrd.tar') '}' \
	  > $(B)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(B)/iso --install-modules="$(GRUB_MODULES)" \
	  --locales= --fonts= --themes= > $(B)/iso.log 2>&1 || { cat $(B)/iso.log; exit 1; }
iso: tools/deps.stamp $(B)/uvix.iso
FORCE:

# Every headless boot, interactive or scripted, starts with this command;
# a boot from -kernel adds QEMU_KERNEL (tests/lib.sh: kernel_argv).
QEMU_RUN     = $(QEMU) $(QEMU_FLAGS) -display none
QEMU_KERNEL := -kernel $(B)/uvix $(if $(INITRD),-initrd $(INITRD))
GDB         ?= gdb
GDBFLAGS    ?=

qemu: tools/deps.stamp $(B)/uvix $(INITRD)
	@echo "*** Uvix $(ARCH): serial console here; quit with Ctrl-A X"
	@$(NEW_SWAP) set -x && $(QEMU_RUN) -serial mon:stdio $(QEMU_KERNEL) -append "$(CMDLINE)"; \
	  rc=$$?; { set +x; } 2>/dev/null; tools/qemu-status.sh $$rc
# make run CMD='ls -l /': boots, runs the command line with init -c (sh -c),
# prints its output and exits with its exit status. tools/runcmd.sh does the
# boot: the command reaches it untouched ($(value CMD), single-quoted, in
# the environment), the boot log goes to build/ARCH/run.log (and with V=1
# to stderr), only the command's output to stdout, and the status it reads
# from the console ("uvix: powering off (status N)") to a file.
#
# make itself only ever exits 0, 1 or 2; so run-boot writes the status to
# RUN_STATUS and run's recipe, expanded after run-boot has finished, ends
# make with $(uvix-exit N), a function from tools/uvixexit.c that make
# loads (GNU make's `load`) only for this goal. Without it (no `load` in
# this make) the status shows as make's "Error N" and make exits 2.
HOSTCC     ?= cc
ifneq ($(filter run,$(MAKECMDGOALS)),)
RUN_STATUS := $(B)/run-status.$(shell echo $$PPID)
-load build/host/uvixexit.so
endif
build/host/uvixexit.so: tools/uvixexit.c
	@mkdir -p $(dir $@)
	@$(SAY) "  HOSTCC  $@"
	$(Q)$(HOSTCC) -shared -fPIC -O2 -Wall -Wextra -Werror -o $@ $<
run-boot: tools/deps.stamp $(B)/uvix $(INITRD)
	@$(if $(value CMD),,echo "usage: make run CMD='command line' [ARCH=...]" >&2; exit 2)
	@$(NEW_SWAP) UVIX_CMD='$(subst ','\'',$(value CMD))' V='$(V)' tools/runcmd.sh $(B)/run.log $(RUN_STATUS) \
	  '$(CMDLINE)' $(QEMU_RUN) $(QEMU_KERNEL); echo $$? > $(RUN_STATUS)
run: run-boot
	@$(eval RUN_RC := $(file <$(RUN_STATUS)))$(shell rm -f $(RUN_STATUS))$(uvix-exit $(RUN_RC))exit $(RUN_RC)
qemu-iso: iso
	@$(NEW_SWAP) set -x && $(QEMU_RUN) -serial mon:stdio -cdrom $(B)/uvix.iso; \
	  rc=$$?; { set +x; } 2>/dev/null; tools/qemu-status.sh $$rc

# QEMU's GDB stub listens on localhost, on a port qemu-gdb reserves at
# start (tools/gdbport.sh: from 25000 + uid % 5000 on, the first that no
# one on this machine uses or has reserved; GDBPORT=N to start from N) and
# writes to build/ARCH/gdb.port; `make gdb` waits until QEMU listens there.
# GDB gets the unmodified ELF file, which on amd64 is ELF64: never `set
# architecture i386` there. Debug under TCG: under KVM software
# breakpoints do not work (hbreak does).
GDBPORT ?=
qemu-gdb: tools/deps.stamp $(B)/uvix $(INITRD)
	@$(NEW_SWAP) port=$$(tools/gdbport.sh pick $(B)/gdb.port $$$$ $(GDBPORT)) || exit 1; \
	  echo "*** QEMU is waiting for GDB on port $$port: run 'make gdb ARCH=$(ARCH)' in another terminal"; \
	  $(QEMU_RUN) -serial mon:stdio $(QEMU_KERNEL) -append "$(CMDLINE)" \
	    -S -gdb tcp:127.0.0.1:$$port; \
	  rc=$$?; tools/gdbport.sh release $(B)/gdb.port $$port; tools/qemu-status.sh $$rc
gdb: $(B)/uvix
	@port=$$(tools/gdbport.sh wait $(B)/gdb.port) || exit 1; \
	  echo "*** GDB: connecting to QEMU on 127.0.0.1:$$port"; \
	  $(GDB) -q -x tools/uvix.gdb -ex "target remote 127.0.0.1:$$port" $(GDBFLAGS) $(B)/uvix

# The harness builds both arches itself; see tests/run.sh for its output.
test: tools/deps.stamp
	ACCEL=$(ACCEL) MEM=$(MEM) TIMEOUT=$(TIMEOUT) SEED=$(SEED) tests/run.sh

# The benchmark table: each arch built and booted once, under the lock.
bench: tools/deps.stamp
	ACCEL=$(ACCEL) MEM=$(MEM) tools/bench.sh

host-test:
	@if [ -f tests/host/Makefile ]; then $(MAKE) -C tests/host run; \
	else echo "host-test: there are no host tests yet (tests/host/Makefile)"; fi

# The QEMU command line of a headless boot, for the scripts in tests/ and
# tools/; `make qemu-kernel-args` prints what a -kernel boot adds to it.
qemu-cmd: $(SWAP_IMG)
	@echo $(QEMU_RUN)
qemu-kernel-args:
	@echo $(QEMU_KERNEL)

# Installs what a fresh Debian/Ubuntu machine lacks (or says what to run).
tools/deps.stamp: tools/deps.sh
	tools/deps.sh >&2
	@touch $@
deps:
	tools/deps.sh

clean:
	rm -rf build tools/deps.stamp
	if [ -f tests/host/Makefile ]; then $(MAKE) -C tests/host clean; fi

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

-include $(OBJS:.o=.d)
