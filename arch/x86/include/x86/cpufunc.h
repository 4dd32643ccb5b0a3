/*
 * x86 CPU instructions as inline functions, shared by i386 and amd64.
 * "unsigned long" is the machine word on both, so the same asm serves.
 */
#ifndef _X86_CPUFUNC_H_
#define _X86_CPUFUNC_H_

#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{ uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port)
{ uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port)
{ uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outb(uint16_t port, uint8_t v)
{ __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v)
{ __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v)
{ __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
/* String I/O: n 32-bit words between the port and memory (rep insl / outsl). */
static inline void insl(uint16_t port, void *buf, unsigned long n)
{ __asm__ volatile("cld; rep insl" : "+D"(buf), "+c"(n) : "d"(port) : "memory"); }
static inline void outsl(uint16_t port, const void *buf, unsigned long n)
{ __asm__ volatile("cld; rep outsl" : "+S"(buf), "+c"(n) : "d"(port) : "memory"); }

static inline void x86_cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void x86_sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void x86_hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void x86_pause(void) { __asm__ volatile("pause"); }

static inline unsigned long x86_read_flags(void)
{ unsigned long f; __asm__ volatile("pushf; pop %0" : "=r"(f) :: "memory"); return f; }
static inline void x86_write_flags(unsigned long f)
{ __asm__ volatile("push %0; popf" : : "r"(f) : "memory", "cc"); }

#define X86_DEFINE_CR(n)                                                    \
static inline unsigned long rcr##n(void)                                    \
{ unsigned long v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; } \
static inline void lcr##n(unsigned long v)                                  \
{ __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); }
X86_DEFINE_CR(0)
X86_DEFINE_CR(2)
X86_DEFINE_CR(3)
X86_DEFINE_CR(4)
#undef X86_DEFINE_CR

static inline void invlpg(unsigned long va)
{ __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

static inline uint64_t rdmsr(uint32_t msr)
{ uint32_t lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
  return ((uint64_t)hi << 32) | lo; }
static inline void wrmsr(uint32_t msr, uint64_t v)
{ __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))); }

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{ __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0)); }

static inline uint64_t rdtsc(void)
{ uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return ((uint64_t)hi << 32) | lo; }

#endif
