/*
 * What a FILE is (stdio.c, printf.c; programs see only the name).
 *
 * A FILE buffers either input or output at a time, never both:
 *
 *   reading   buf[rpos .. rend) was read from fd and not yet returned
 *   writing   buf[0 .. wlen) was written by the program, not yet to fd
 *
 * so rpos == rend or wlen == 0 always. Turning around (a write after a
 * read) gives back the unread input with lseek first, which works on
 * files and not on pipes, as in every stdio.
 */
#ifndef _LIBC_STDIO_IMPL_H_
#define _LIBC_STDIO_IMPL_H_

#include <stddef.h>
#include <stdio.h>

#define F_READ          0x01    /* opened for reading */
#define F_WRITE         0x02    /* opened for writing */
#define F_EOF           0x04    /* end of file seen (sticky until clearerr) */
#define F_ERR           0x08    /* an error happened (sticky until clearerr) */
#define F_OWNBUF        0x10    /* buf was malloc'd here and is freed by fclose */
#define F_AUTOMODE      0x20    /* mode not chosen yet: line-buffered if a terminal */
#define F_STATIC        0x40    /* stdin, stdout, stderr: never freed */

struct uvix_file {
	int fd;
	int flags;                      /* F_* */
	int mode;                       /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;             /* NULL until the first use (then malloc'd) */
	size_t size;                    /* of buf */
	size_t rpos, rend;              /* reading: see above */
	size_t wlen;                    /* writing: see above */
	int ungot;                      /* the character ungetc pushed back, or EOF */
	unsigned char onebyte;          /* the buffer when malloc fails */
	struct uvix_file *next;         /* all open FILEs, for fflush(NULL) */
};

#endif
