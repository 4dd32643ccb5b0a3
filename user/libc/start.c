/*
 * How a program starts: crt0 (arch/$ARCH/crt0.S) calls __libc_start with
 * the stack pointer the kernel gave the program, which points at
 *
 *   argc, argv[0], ..., argv[argc - 1], NULL, envp[0], ..., NULL
 *
 * __libc_start sets environ and the program's name for messages, runs the
 * constructors (.init_array, laid out by user/user.ld), calls main and
 * passes what it returns to exit(), which runs the atexit handlers,
 * flushes stdio and ends the process.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

char **environ;
const char *__progname = "?";

extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(int argc, char **argv, char **envp);

_Noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	environ = envp;
	if (argc > 0 && argv[0] != NULL) {
		const char *slash = strrchr(argv[0], '/');
		__progname = slash ? slash + 1 : argv[0];
	}
	for (void (**fn)(void) = __init_array_start; fn < __init_array_end; fn++)
		(*fn)();
	exit(main(argc, argv, envp));
}
