/*
 * exec with argv and envp: run as "execargs" it execs itself with
 * arguments and an environment, and that run checks them; a bad program
 * gives ENOEXEC and the caller goes on.
 */
#include "uprog.h"

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int umain(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)&sp[1];
	char **envp = argv + argc + 1;

	if (argc == 3) {
		UCHECK(streq(argv[0], "execargs") && streq(argv[1], "one") && streq(argv[2], "two words"));
		UCHECK(argv[3] == 0);
		UCHECK(streq(envp[0], "HOME=/") && streq(envp[1], "X=y") && envp[2] == 0);
		UCHECK(((long)sp & 15) == 0 || sizeof(long) == 4);
		return 33;
	}
	UCHECK(argc == 1 && streq(argv[0], "/tests/bin/execargs"));
	char *args[] = { "execargs", "one", "two words", 0 };
	char *env[] = { "HOME=/", "X=y", 0 };
	UCHECK(usys(SYS_execve, (long)"/tests/hello.txt", (long)args, (long)env, 0, 0) == -ENOEXEC);
	UCHECK(usys(SYS_execve, (long)"/tests", (long)args, (long)env, 0, 0) == -EACCES);
	usys(SYS_execve, (long)"/tests/bin/execargs", (long)args, (long)env, 0, 0);
	return 99;      /* exec failed */
}
