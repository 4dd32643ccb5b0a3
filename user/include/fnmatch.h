/* fnmatch.h: shell pattern matching (user/libc/fnmatch.c); flag values as glibc's. */
#ifndef _FNMATCH_H_
#define _FNMATCH_H_

#define FNM_NOMATCH     1
#define FNM_NOESCAPE    0x02            /* '\' is an ordinary character */
#define FNM_PATHNAME    0x01            /* '/' only matched by '/' */
#define FNM_PERIOD      0x04            /* a leading '.' only by '.' */

int fnmatch(const char *pattern, const char *string, int flags);

#endif
