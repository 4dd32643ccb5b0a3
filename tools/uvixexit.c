/*
 * A GNU make plugin (`load`, GNU make 4.0 and later) with one function:
 * $(uvix-exit N) ends make at once with exit status N (0 to 255).
 *
 * make's own exit status is 0, 1 or 2 whatever its recipes return, so a
 * grader's `make run CMD=...; echo $?` could only tell success from
 * failure. The Makefile loads this plugin for `make run` only and calls
 * the function from run's recipe, after the boot has written the
 * command's status. make has nothing left to do then: its prerequisites
 * are made and its output is flushed here.
 */
#include <gnumake.h>
#include <stdio.h>
#include <stdlib.h>

int plugin_is_GPL_compatible;   /* make refuses plugins without it */

static char *uvix_exit(const char *name, unsigned int argc, char **argv)
{
	(void)name;
	(void)argc;
	fflush(stdout);
	fflush(stderr);
	exit(atoi(argv[0]) & 0xff);
}

/* Called by make when it loads build/host/uvixexit.so. Returns 1: loaded. */
int uvixexit_gmk_setup(void)
{
	gmk_add_function("uvix-exit", uvix_exit, 1, 1, GMK_FUNC_DEFAULT);
	return 1;
}
