# User space, included by the Makefile (see user/README.md).
#
#   user/libc/        the C library: build/$(ARCH)/user/libc.a, and crt0.o
#   user/lib/         helpers the programs share beyond the libc (prog.h):
#                     build/$(ARCH)/user/libprog.a, linked into every program
#   user/NAME.c       a program if it has a main(): linked against the libc
#                     into build/$(ARCH)/user/NAME (with debug information,
#                     for GDB) and copied without it to /bin/NAME in the
#                     initrd (build/$(ARCH)/user/bin/NAME)
#   user/NAME/*.c     a program of several files: /bin/NAME (one of them
#                     has main; objects in build/$(ARCH)/user/d/NAME/)
#
# Warnings: the libc, lib/ and the programs listed in USHIPPED (those the
# project ships) are built with -Werror; any other program, one a student
# adds, gets its warnings shown but not fatal, so it does not break the
# build of the rest. A program that graduates into the project goes into
# USHIPPED.
#
# Everything is built with the host GCC for the arch's USER_CFLAGS
# (arch/$(ARCH)/arch.mk), freestanding: no host header or library is used.
# Programs are static ELF executables laid out by user/user.ld, and
# user/check-elf.sh checks each one as it is linked.

UB        := $(B)/user
UAR       := $(TOOLPREFIX)ar
# A program is a user/*.c with a line that starts a definition of main
# ("int main(" or, on a line of its own, "main(").
UMAIN_RE  := ^[[:space:]]*(int[[:space:]]+)?main[[:space:]]*[(]
UPROGS    := $(sort $(basename $(notdir $(shell grep -lE '$(UMAIN_RE)' user/*.c 2>/dev/null))))
# Programs of several files: the directories of user/ with .c files, but the libraries'.
UDIRPROGS := $(filter-out lib libc,$(patsubst user/%/,%,$(sort $(dir $(wildcard user/*/*.c)))))
USHIPPED  := cat date echo env false free fuzz grep halt head hello init kill libctest ls \
	od oomtest pageinfo printf ps pwd sh sleep sort swapbench swaptest tail tee time true \
	uniq uptime utest vmbench vmstat wc which calc sysctl faults vmmap vmdemo wiretest \
	rm mkdir rmdir mv cp touch df fstest
# -Werror for what the project ships; $(1) is an object's path under user/ without .c.
uwerror    = $(if $(filter $(firstword $(subst /, ,$(1))),libc lib $(USHIPPED)),-Werror,-Wno-error)
ULIBC_SRCS := $(wildcard user/libc/*.c) \
	$(filter-out %/crt0.S,$(wildcard user/libc/arch/$(ARCH)/*.S))
ULIBC_OBJS := $(patsubst %,$(B)/%.o,$(basename $(ULIBC_SRCS)))
UCRT0     := $(UB)/libc/arch/$(ARCH)/crt0.o
ULIBC     := $(UB)/libc.a
ULIBP_OBJS := $(patsubst user/%.c,$(UB)/%.o,$(wildcard user/lib/*.c))
ULIBPROG  := $(UB)/libprog.a
UPROG_OBJS := $(patsubst %,$(UB)/%.o,$(UPROGS))
UPROG_ELFS := $(patsubst %,$(UB)/%,$(UPROGS))
UPROG_BINS := $(patsubst %,$(UB)/bin/%,$(UPROGS) $(UDIRPROGS))
UDPROG_ELFS := $(patsubst %,$(UB)/%,$(UDIRPROGS))
UDPROG_OBJS := $(patsubst user/%.c,$(UB)/d/%.o,$(foreach p,$(UDIRPROGS),$(wildcard user/$(p)/*.c)))

# GCC's own stddef.h, stdarg.h, stdint.h, stdbool.h (-isystem); the rest of
# the headers are user/include/. -fno-tree-loop-distribute-patterns keeps
# GCC from turning the loop of memset() into a call to memset().
UCFLAGS   := -std=gnu11 $(OPT) -g $(USER_CFLAGS) -ffreestanding -nostdinc \
	-isystem $(GCCINC) -fno-pie -fno-pic -fno-stack-protector \
	-fno-omit-frame-pointer -fno-tree-loop-distribute-patterns \
	-ffunction-sections -fdata-sections \
	-Wall -Wextra -Wno-unused-parameter -Iuser/include -I. -MMD -MP
UASFLAGS  := $(USER_CFLAGS) -fno-pie -nostdinc -D__ASSEMBLER__ -Iuser/include -I. -g -MMD -MP
ULDFLAGS  := $(USER_CFLAGS) -static -nostdlib -no-pie -Wl,--build-id=none -Wl,--gc-sections \
	-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack

.PHONY: user
user: $(UPROG_BINS)

INITRD_FILES += $(foreach p,$(UPROGS) $(UDIRPROGS),bin/$(p)=$(UB)/bin/$(p))

$(UB)/flags: FORCE
	@mkdir -p $(UB)
	@echo '$(CC) $(UCFLAGS) $(UASFLAGS) $(ULDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(UCFLAGS) $(UASFLAGS) $(ULDFLAGS)' > $@

$(UB)/%.o: user/%.c $(UB)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  UCC     $<"
	$(Q)$(CC) $(UCFLAGS) $(call uwerror,$*) -c $< -o $@
$(UB)/d/%.o: user/%.c $(UB)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  UCC     $<"
	$(Q)$(CC) $(UCFLAGS) $(call uwerror,$*) -c $< -o $@
$(UB)/%.o: user/%.S $(UB)/flags
	@mkdir -p $(dir $@)
	@$(SAY) "  UAS     $<"
	$(Q)$(CC) $(UASFLAGS) -c $< -o $@

# The archive is rebuilt from scratch, so a removed source leaves no member.
$(ULIBC): $(ULIBC_OBJS)
	@$(SAY) "  AR      $@"
	$(Q)rm -f $@ && $(UAR) rcs $@ $(ULIBC_OBJS)
$(ULIBPROG): $(ULIBP_OBJS)
	@$(SAY) "  AR      $@"
	$(Q)rm -f $@ && $(UAR) rcs $@ $(ULIBP_OBJS)

$(UB)/user.ld: user/user.ld $(UB)/flags
	@mkdir -p $(UB)
	$(Q)$(CC) $(USER_CFLAGS) -E -P -x c -D__ASSEMBLER__ $< -o $@

$(UPROG_ELFS): $(UB)/%: $(UB)/%.o $(UCRT0) $(ULIBPROG) $(ULIBC) $(UB)/user.ld user/check-elf.sh
	@$(SAY) "  ULD     $@"
	$(Q)$(CC) $(ULDFLAGS) -T $(UB)/user.ld -o $@ $(UCRT0) $< $(ULIBPROG) $(ULIBC) -lgcc
	$(Q)user/check-elf.sh $@

# A program of several files: every object of its directory.
define UDIRPROG_RULE
$(UB)/$(1): $(patsubst user/%.c,$(UB)/d/%.o,$(wildcard user/$(1)/*.c)) $(UCRT0) $(ULIBPROG) \
    $(ULIBC) $(UB)/user.ld user/check-elf.sh
	@$$(SAY) "  ULD     $$@"
	$$(Q)$$(CC) $$(ULDFLAGS) -T $$(UB)/user.ld -o $$@ $$(UCRT0) \
	  $(patsubst user/%.c,$(UB)/d/%.o,$(wildcard user/$(1)/*.c)) $$(ULIBPROG) $$(ULIBC) -lgcc
	$$(Q)user/check-elf.sh $$@
endef
$(foreach p,$(UDIRPROGS),$(eval $(call UDIRPROG_RULE,$(p))))

$(UPROG_BINS): $(UB)/bin/%: $(UB)/%
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) --strip-debug $< $@

-include $(ULIBC_OBJS:.o=.d) $(ULIBP_OBJS:.o=.d) $(UCRT0:.o=.d) $(UPROG_OBJS:.o=.d) $(UDPROG_OBJS:.o=.d)
