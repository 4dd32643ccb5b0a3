/*
 * assert.h: assert(e) prints the expression, file, line and function to
 * stderr and aborts when e is false; nothing when NDEBUG is defined.
 * (No include guard: each inclusion follows the current NDEBUG.)
 */
#undef assert
#ifdef NDEBUG
#define assert(e)       ((void)0)
#else
#define assert(e)       ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H_DECLS_
#define _ASSERT_H_DECLS_
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func);
#define static_assert _Static_assert
#endif
