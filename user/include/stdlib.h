/* stdlib.h: memory, process exit, number conversion, sorting, environment. */
#ifndef _STDLIB_H_
#define _STDLIB_H_

#include <stddef.h>

#define EXIT_SUCCESS    0
#define EXIT_FAILURE    1
#define RAND_MAX        0x7fffffff

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;

/*
 * malloc: first fit over an address-ordered free list in the break
 * (sbrk), large blocks (128 KiB and up) in their own mmap. Blocks are
 * 16-byte aligned; free() of a pointer it did not hand out, or twice,
 * aborts with a message.
 */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);

_Noreturn void exit(int status);       /* atexit handlers, flush stdio, _exit */
_Noreturn void _Exit(int status);
_Noreturn void abort(void);
int atexit(void (*fn)(void));
int system(const char *command);        /* /bin/sh -c command */

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
double strtod(const char *s, char **end);     /* within 1 ulp: user/libc/strtod.c */
double atof(const char *s);

char *realpath(const char *path, char *resolved);     /* no links: lexical */

char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
int rand(void);
void srand(unsigned int seed);

#endif
