/* getopt.h: getopt_long (user/libc/getopt.c), and getopt from unistd.h. */
#ifndef _GETOPT_H_
#define _GETOPT_H_

#include <unistd.h>

#define no_argument             0
#define required_argument       1
#define optional_argument       2

struct option {
	const char *name;
	int has_arg;                    /* no_argument, required_argument, optional_argument */
	int *flag;                      /* NULL: getopt_long returns val; else *flag = val, returns 0 */
	int val;
};

int getopt_long(int argc, char *const argv[], const char *optstring,
    const struct option *longopts, int *longindex);

#endif
