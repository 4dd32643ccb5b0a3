# i386: 32-bit protected mode, PAE paging (3 levels of 512-entry tables).
ARCH_CFLAGS  := -m32 -DARCH_NAME=\"i386\" -march=i686 -mgeneral-regs-only
ARCH_LDFLAGS := -m elf_i386
QEMU         := qemu-system-i386
QEMU_CPU     := -cpu qemu32,+nx
GDB_ARCH     := i386
WORD_SIZE    := 4
# User programs (user/user.mk): the same CPU, none of the kernel-only flags.
USER_CFLAGS  := -m32 -march=i686
