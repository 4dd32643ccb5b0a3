# amd64: long mode, 4-level paging, kernel linked in the top 2 GiB.
ARCH_CFLAGS  := -m64 -DARCH_NAME=\"amd64\" -mcmodel=kernel -mno-red-zone -mgeneral-regs-only
ARCH_LDFLAGS := -m elf_x86_64
QEMU         := qemu-system-x86_64
QEMU_CPU     :=
GDB_ARCH     := i386:x86-64
WORD_SIZE    := 8
