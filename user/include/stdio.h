/*
 * stdio.h: buffered files. stdout is line-buffered when it is the console
 * (a character device) and fully buffered otherwise; stderr is unbuffered.
 * exit() flushes every open FILE. The printf family knows %d %i %u %x %X
 * %o %c %s %p %n %% and %f %F %e %E %g %G (exactly rounded), with the
 * flags - 0 + space #, a width and a precision (or *), and the length
 * modifiers hh h l ll z j t L (long double is printed as a double).
 */
#ifndef _STDIO_H_
#define _STDIO_H_

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF             (-1)
#define BUFSIZ          4096
#define FILENAME_MAX    1024
#define FOPEN_MAX       64

#define _IOFBF          0               /* setvbuf modes */
#define _IOLBF          1
#define _IONBF          2

#ifndef SEEK_SET
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#endif

typedef struct uvix_file FILE;
typedef off_t fpos_t;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define __printflike(f, a) __attribute__((format(printf, f, a)))

int printf(const char *fmt, ...) __printflike(1, 2);
int fprintf(FILE *f, const char *fmt, ...) __printflike(2, 3);
int dprintf(int fd, const char *fmt, ...) __printflike(2, 3);
int sprintf(char *buf, const char *fmt, ...) __printflike(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printflike(3, 4);
int vprintf(const char *fmt, va_list ap) __printflike(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) __printflike(2, 0);
int vdprintf(int fd, const char *fmt, va_list ap) __printflike(2, 0);
int vsprintf(char *buf, const char *fmt, va_list ap) __printflike(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printflike(3, 0);

/* scanf: user/libc/scanf.c says which conversions. */
int scanf(const char *fmt, ...);
int fscanf(FILE *f, const char *fmt, ...);
int sscanf(const char *s, const char *fmt, ...);
int vfscanf(FILE *f, const char *fmt, va_list ap);
int vsscanf(const char *s, const char *fmt, va_list ap);

FILE *fopen(const char *path, const char *mode);
FILE *popen(const char *command, const char *mode);   /* /bin/sh -c command */
int pclose(FILE *f);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);                    /* NULL: every open FILE */
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int size, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);

int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);

void perror(const char *msg);

int rename(const char *from, const char *to);
int remove(const char *path);

#endif
