# Uvix: build, run and test. `make help` lists the targets.
#
#   make                    build the kernel for ARCH (default i386)
#   make ARCH=amd64         the same for amd64
#   make qemu               boot interactively (serial on this terminal)
#   make test               host tests + both arches under QEMU + GDB test
#   make V=1                show the full compiler command lines

ARCH       ?= i386
TOOLPREFIX ?=
OPT        ?= -O2
MEM        ?= 64M
ACCEL      ?= tcg
CMDLINE    ?=
TIMEOUT    ?= 60

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
CFLAGS := -std=gnu11 $(OPT) -g $(ARCH_CFLAGS) -ffreestanding -nostdinc -isystem $(GCCINC) \
	-fno-stack-protector -fno-pie -fno-pic -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-optimize-sibling-calls -fno-strict-aliasing \
	-Wall -Wextra -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes \
	-Werror $(INCLUDES) -MMD -MP
ASFLAGS := $(ARCH_CFLAGS) -fno-pie -nostdinc -D__ASSEMBLER__ $(INCLUDES) -g -MMD -MP
LDFLAGS := $(ARCH_LDFLAGS) -nostdlib -z noexecstack -z max-page-size=0x1000 --no-warn-rwx-segments

SRCS := $(wildcard kernel/*.c kernel/dev/*.c vm/*.c pmap/*.c arch/x86/*.c arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
OBJS := $(patsubst %,$(B)/%.o,$(basename $(SRCS)))

ifeq ($(ACCEL),kvm)
ACCEL_FLAGS := -accel kvm -accel tcg
else
ACCEL_FLAGS := -accel tcg
endif
QEMU_FLAGS := $(ACCEL_FLAGS) $(QEMU_CPU) -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

.PHONY: all kernel iso qemu qemu-iso qemu-gdb gdb test host-test clean help deps
all: kernel
kernel: $(B)/uvix

ifeq ($(V),1)
Q :=
else
Q := @
endif

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(B)/linker.ld: linker.ld arch/$(ARCH)/include/machine/vmparam.h
	@mkdir -p $(B)
	$(CC) -E -P -x c $(INCLUDES) -D__ASSEMBLER__ linker.ld -o $@

# Two links: the first finds the symbols, the second adds their table
# (.ksyms, placed last so no other address moves; checked below).
$(B)/uvix: $(OBJS) $(B)/linker.ld tools/mksyms.sh
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(LD) $(LDFLAGS) -T $(B)/linker.ld -o $@.pass1 $(OBJS) $(LIBGCC)
	$(Q)tools/mksyms.sh $(NM) $@.pass1 $(WORD_SIZE) > $(B)/ksyms.S
	$(Q)$(CC) $(ASFLAGS) -c $(B)/ksyms.S -o $(B)/ksyms.o
	$(Q)$(LD) $(LDFLAGS) -T $(B)/linker.ld -o $@ $(OBJS) $(B)/ksyms.o $(LIBGCC)
	@$(NM) -n $@.pass1 | awk '{print $$1, $$3}' | grep -v ' ksyms\|kernel_load_end\|kernel_end' > $(B)/syms.pass1
	@$(NM) -n $@ | awk '{print $$1, $$3}' | grep -v ' ksyms\|kernel_load_end\|kernel_end' > $(B)/syms.final
	@cmp -s $(B)/syms.pass1 $(B)/syms.final || { echo "ksyms: symbols moved between links"; exit 1; }

# A BIOS GRUB rescue image: entry 0 boots with multiboot, entry 1 with
# multiboot2. GRUB_ENTRY picks the default.
GRUB_ENTRY ?= 0
$(B)/uvix.iso: $(B)/uvix FORCE
	@mkdir -p $(B)/iso/boot/grub
	cp $(B)/uvix $(B)/iso/boot/uvix
	printf '%s\n' 'serial --unit=0 --speed=115200' 'terminal_input serial console' \
	  'terminal_output serial console' 'set timeout=0' 'set default=$(GRUB_ENTRY)' \
	  'menuentry "Uvix ($(ARCH), multiboot)" { multiboot /boot/uvix $(CMDLINE) }' \
	  'menuentry "Uvix ($(ARCH), multiboot2)" { multiboot2 /boot/uvix $(CMDLINE) }' \
	  > $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso --install-modules="multiboot multiboot2 normal serial terminal configfile" \
	  --locales= --fonts= --themes= 2>/dev/null
iso: tools/deps.stamp $(B)/uvix.iso
FORCE:

qemu: tools/deps.stamp $(B)/uvix
	@echo "*** Uvix $(ARCH): serial console here; quit with Ctrl-A X"
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio -kernel $(B)/uvix -append "$(CMDLINE)"
qemu-iso: iso
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio -cdrom $(B)/uvix.iso
qemu-gdb: tools/deps.stamp $(B)/uvix
	@echo "*** QEMU is waiting for GDB on port $(GDBPORT): run 'make gdb ARCH=$(ARCH)' in another terminal"
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio -kernel $(B)/uvix -append "$(CMDLINE)" -S -gdb tcp::$(GDBPORT)
gdb: $(B)/uvix
	gdb -q $(B)/uvix -ex 'target remote localhost:$(GDBPORT)' -x tools/uvix.gdb

test: tools/deps.stamp
	tests/run.sh

host-test:
	$(MAKE) -C tests/host

# Installs what a fresh Debian/Ubuntu machine lacks (or says what to run).
tools/deps.stamp: tools/deps.sh
	tools/deps.sh
	@touch $@
deps:
	tools/deps.sh

clean:
	rm -rf build tools/deps.stamp
	$(MAKE) -C tests/host clean

help:
	@sed -n '1,8p' Makefile | sed 's/^# \{0,1\}//'

-include $(OBJS:.o=.d)
