/*
 * Frame-pointer backtraces. The kernel is built with frame pointers, so
 * each frame starts with { saved frame pointer, return address }. The trap
 * entry code pushes such a frame for the interrupted context, so a
 * backtrace (ours or GDB's) runs through traps into the code that trapped.
 *
 * One limit of a frame-pointer walk: if a trap hits a function that has
 * no frame (asm such as kprobe_write_byte) or has not finished setting its
 * frame up (GCC may schedule "mov %rsp,%rbp" a few instructions late), the
 * caller of that function is missing from the list. GDB's `bt` uses the
 * CFI instead and is exact.
 */
#ifndef _KERNEL_BACKTRACE_H_
#define _KERNEL_BACKTRACE_H_

#include <stdint.h>

#define BACKTRACE_MAX_DEPTH 24

/* Prints pc, then the return addresses found by walking frames from fp. */
void backtrace_print(uintptr_t pc, uintptr_t fp);

#endif
