# amd64: long mode, 4-level paging, kernel linked in the top 2 GiB.
ARCH_CFLAGS  := -m64 -DARCH_NAME=\"amd64\" -mcmodel=kernel -mno-red-zone -mgeneral-regs-only
ARCH_LDFLAGS := -m elf_x86_64
QEMU         := qemu-system-x86_64
QEMU_CPU     :=
GDB_ARCH     := i386:x86-64
WORD_SIZE    := 8
# User programs (user/user.mk): the standard ABI, red zone and SSE included
# (so the kernel must skip 128 bytes below %rsp for a signal frame, and
# save the SSE registers of each thread).
USER_CFLAGS  := -m64
