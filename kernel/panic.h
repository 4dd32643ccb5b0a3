/*
 * panic() is for broken kernel invariants only: it prints the message,
 * the registers (of the trap that led here, if any), a symbolic backtrace,
 * and stops the machine (QEMU exits with status 37).
 *
 * Messages name the function and the invariant, e.g.
 *     panic("uvm_pagefree: page %p is still wired", pg);
 * KASSERT(expr) does this automatically for an assertion.
 */
#ifndef _KERNEL_PANIC_H_
#define _KERNEL_PANIC_H_

struct trapframe;

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void panic_trap(struct trapframe *tf, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
void halt(int qemu_exit_code) __attribute__((noreturn));

#define KASSERT(e) do {                                                 \
	if (__builtin_expect(!(e), 0))                                  \
		panic("%s: assertion \"%s\" failed (%s:%d)",            \
		    __func__, #e, __FILE__, __LINE__);                  \
} while (0)

#define KASSERTMSG(e, fmt, ...) do {                                    \
	if (__builtin_expect(!(e), 0))                                  \
		panic("%s: " fmt, __func__, ##__VA_ARGS__);             \
} while (0)

#define CTASSERT(e) _Static_assert(e, #e)

#endif
