/* Ending a process: exit, atexit, _Exit, abort. */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "libc.h"

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

/* Registers fn to run at exit(), after those registered later. Returns 0, or -1 if full. */
int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

/* Runs the atexit handlers (last first), flushes stdio, then _exit(status). */
_Noreturn void exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	if (__stdio_exit)
		__stdio_exit();
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

/*
 * Kills the process with SIGABRT, even if the signal is blocked, ignored
 * or caught by a handler that returns; stdio is not flushed.
 */
_Noreturn void abort(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(127);                     /* the kernel did not kill us */
}
