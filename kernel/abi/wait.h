/* waitpid(2) options and the status word (the traditional encoding). */
#ifndef _UVIX_ABI_WAIT_H_
#define _UVIX_ABI_WAIT_H_

#define WNOHANG         1

/* exit(n): (n & 0xff) << 8.  Killed by signal s: s (| 0x80 with a core). */
#define UVIX_W_EXITCODE(ret, sig)       (((ret) & 0xff) << 8 | (sig))

#endif
